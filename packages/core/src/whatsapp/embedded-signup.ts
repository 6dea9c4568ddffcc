import { createHash, randomInt } from "node:crypto";
import { sql } from "kysely";
import type { TenantTx } from "@vendaflow/db/with-tenant";
import type { EmbeddedSignupInput } from "@vendaflow/validators/whatsapp-signup";
import { recordAudit, type AuditMeta } from "../audit/record";
import { assertQuota } from "../billing/quotas";
import { sendRatePerSecond } from "../conversations/whatsapp-rules";
import type { AppDeps } from "../deps";
import { DomainError } from "../errors";
import { invalidateAfterCommit, type AfterCommit } from "../after-commit";
import { inboxesById } from "../cache/hot-reads";
import { decryptCredentials, encryptCredentials, type InboxCredentials } from "../inboxes/credentials";
import { createInbox, profileSettings, toInbox, type SignupProof } from "../inboxes/inboxes";
import { metaProblem } from "./number-verification";

export type EmbeddedSignupDeps = Pick<AppDeps, "whatsapp" | "platformWhatsApp" | "encryptionKey">;

/** The dialog's part that started the signup: refusals of the code or the number land under its button. */
const SIGNUP_FIELD = "signup";

const UNREACHABLE = "Não foi possível falar com a Meta para conectar o número agora. Nada foi salvo; clique em “Conectar com a Meta” de novo em instantes.";
const PLATFORM_DOWN = "A conexão da plataforma com a Meta está indisponível. Nada foi salvo; tente novamente mais tarde ou fale com o suporte.";
const CODE_REFUSED = "A autorização da Meta expirou ou já foi usada. Nada foi salvo; clique em “Conectar com a Meta” e conclua de novo.";
const NOT_IN_WABA = "Este número não está na conta do WhatsApp Business que você autorizou na Meta. Conclua a conexão com a conta dona do número.";

/**
 * Completes WhatsApp Embedded Signup for a number on the platform's Meta app: the business owner
 * logged in through Facebook's popup, which gave the browser a short-lived code and the number's
 * phone_number_id and WABA. Server to server: the code becomes the business's token (only the
 * owner's login makes one), that token must see the number in the WABA (GET
 * /<waba-id>/phone_numbers) — the proof a phone-number id alone never gave — then the platform app
 * subscribes to the WABA and the number is registered for Cloud API. Only then is the inbox
 * created (createInbox, with the proof), the business token and pin sealed in its credentials.
 * Refusals are pt-BR errors on the dialog's fields; Meta unreachable is SERVICE_UNAVAILABLE, and a
 * refusal at any step stores nothing (the transaction rolls back). A double submit waits on the
 * number's lock and gets the inbox the first one made.
 */
export async function completeEmbeddedSignup(tx: TenantTx, tenantId: string, input: EmbeddedSignupInput, deps: EmbeddedSignupDeps, meta: AuditMeta, now: Date, after?: AfterCommit) {
  const app = deps.platformWhatsApp;
  if (!app.signup || !app.appSecret || !app.accessToken) {
    throw new DomainError("PRECONDITION_FAILED", "A conexão com a Meta (Embedded Signup) não está configurada nesta instalação. Fale com o suporte.");
  }
  // One signup per number at a time: a double submit waits here and then finds the first one's inbox.
  await sql`select pg_advisory_xact_lock(hashtextextended(${`whatsapp-number:${input.phoneNumberId}`}, 0))`.execute(tx);
  const mine = await tx.selectFrom("inboxes").selectAll().where("wa_phone_number_id", "=", input.phoneNumberId).executeTakeFirst();
  const signupCode = createHash("sha256").update(input.code).digest("hex");
  const mineCreds = mine ? decryptCredentials(mine.credentials_encrypted, deps.encryptionKey) : null;
  if (mine) {
    if (mine.webhook_key !== null) throw new DomainError("CONFLICT", "Este número já está conectado a uma caixa de entrada com app próprio da Meta.", { field: SIGNUP_FIELD });
    // The same completion submitted twice gets the first one's inbox; a new completion reconnects it (below).
    if (mineCreds!.signupCode === signupCode) return { inbox: toInbox(mine), secrets: {}, alreadyConnected: true as const };
  } else {
    // Another tenant's number: refused before anything is asked of Meta (the unique index is the last word).
    const { rows } = await sql<{ tenant_id: string }>`select tenant_id from app_resolve_inbox('phone_number_id', ${input.phoneNumberId})`.execute(tx);
    if (rows.length > 0) throw new DomainError("CONFLICT", "Este número do WhatsApp já está conectado a uma caixa de entrada.", { field: SIGNUP_FIELD });
    await assertQuota(tx, "whatsapp_numbers", now);
  }

  /** One call to Meta; its refusal as the dialog's error: unreachable or 5xx → retry, else `refused(err)`. */
  const ask = async <T>(call: () => Promise<T>, refused: (err: { code?: unknown; status?: unknown }) => DomainError): Promise<T> => {
    try {
      return await call();
    } catch (err) {
      const problem = metaProblem(err);
      const status = (err as { status?: unknown }).status;
      if (problem === "unreachable" || (typeof status === "number" && status >= 500)) throw new DomainError("SERVICE_UNAVAILABLE", UNREACHABLE, { retryAfterSeconds: 5 });
      throw refused(err as { code?: unknown });
    }
  };
  const businessToken = await ask(
    () => deps.whatsapp.exchangeSignupCode({ appId: app.signup!.appId, appSecret: app.appSecret }, input.code),
    // 100: a code Meta did not issue, issued for another app, used or expired. Anything else is the app's id or secret: the operator's.
    (err) => (err.code === 100 ? new DomainError("BAD_REQUEST", CODE_REFUSED, { field: SIGNUP_FIELD }) : new DomainError("SERVICE_UNAVAILABLE", PLATFORM_DOWN)),
  );
  const number = { phoneNumberId: input.phoneNumberId, accessToken: businessToken, ratePerSecond: sendRatePerSecond(input.settings) };
  const notMine = (err: { code?: unknown }) => (err.code === 100 ? new DomainError("BAD_REQUEST", NOT_IN_WABA, { field: SIGNUP_FIELD }) : new DomainError("SERVICE_UNAVAILABLE", PLATFORM_DOWN));
  const ids = await ask(() => deps.whatsapp.wabaPhoneNumberIds(number, input.wabaId), notMine);
  if (!ids.includes(input.phoneNumberId)) throw new DomainError("BAD_REQUEST", NOT_IN_WABA, { field: SIGNUP_FIELD });
  const profile = await ask(() => deps.whatsapp.phoneNumber(number), notMine);
  await ask(() => deps.whatsapp.subscribeApp(number, input.wabaId), notMine);
  // Meta's pin is the number's two-step verification: the one the admin typed, the one an earlier
  // signup of this inbox set (a reconnection), else the one this sets.
  const pin = input.pin ?? mineCreds?.twoStepPin ?? String(randomInt(0, 1_000_000)).padStart(6, "0");
  await ask(
    () => deps.whatsapp.registerNumber(number, pin),
    (err) =>
      err.code === 133005
        ? new DomainError("BAD_REQUEST", "Este número já tem confirmação em duas etapas com outro PIN. Informe o PIN de 6 dígitos do número e conecte de novo.", { field: "pin" })
        : notMine(err),
  );
  if (mine) return reconnect(tx, tenantId, mine, mineCreds!, { businessToken, twoStepPin: pin, signupCode, profile }, input.wabaId, deps, meta, now, after);
  const { inbox, secrets } = await createInbox(
    tx,
    tenantId,
    { channel: "whatsapp", name: input.name, phoneNumberId: input.phoneNumberId, settings: { ...input.settings, waBusinessAccountId: input.wabaId } },
    deps,
    meta,
    now,
    after,
    { businessToken, twoStepPin: pin, signupCode, profile },
  );
  await recordAudit(tx, tenantId, meta, { action: "whatsapp.embedded_signup", entityType: "inbox", entityId: inbox.id, after: { phoneNumberId: input.phoneNumberId, wabaId: input.wabaId } });
  return { inbox, secrets, alreadyConnected: false as const };
}

/**
 * A new signup for a number this tenant already has on the platform app (one connected by id before
 * Embedded Signup, or one Meta disconnected): the proof is attached to the existing inbox — its
 * business token, pin and WABA — and a disconnection (settings.waDisconnected, token_revoked included) is lifted. Its name,
 * conversations and other settings stay. Audited as whatsapp.embedded_signup with `reconnected`.
 */
async function reconnect(
  tx: TenantTx,
  tenantId: string,
  row: Parameters<typeof toInbox>[0],
  creds: Partial<InboxCredentials>,
  proof: SignupProof,
  wabaId: string,
  deps: EmbeddedSignupDeps,
  meta: AuditMeta,
  now: Date,
  after?: AfterCommit,
) {
  const before = toInbox(row);
  const { waDisconnected, waRestriction, waEventAt, ...kept } = before.settings;
  // The business authorized the platform now: a PARTNER_REMOVED Meta timed before this is stale
  // (account-update.ts). Another WABA's restriction and event times are not this one's.
  const sameWaba = before.settings.waBusinessAccountId === wabaId;
  const settings = {
    ...kept,
    ...(sameWaba && waRestriction ? { waRestriction } : {}),
    waEventAt: { ...(sameWaba ? waEventAt : {}), partner: Math.floor(now.getTime() / 1000) },
    waBusinessAccountId: wabaId,
    ...profileSettings(proof.profile),
  };
  const sealed = encryptCredentials({ ...creds, businessToken: proof.businessToken, twoStepPin: proof.twoStepPin, signupCode: proof.signupCode }, deps.encryptionKey);
  const updated = await tx
    .updateTable("inboxes")
    .set({ settings: JSON.stringify(settings), credentials_encrypted: sealed, updated_at: sql<Date>`now()` })
    .where("id", "=", before.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  invalidateAfterCommit(after, inboxesById, `${tenantId}:${before.id}`);
  await recordAudit(tx, tenantId, meta, {
    action: "whatsapp.embedded_signup",
    entityType: "inbox",
    entityId: before.id,
    before: { wabaId: before.settings.waBusinessAccountId ?? null, waDisconnected: waDisconnected ?? null, hadBusinessToken: creds.businessToken !== undefined },
    after: { phoneNumberId: before.waPhoneNumberId, wabaId, reconnected: true },
  });
  return { inbox: toInbox(updated), secrets: {}, alreadyConnected: true as const };
}
