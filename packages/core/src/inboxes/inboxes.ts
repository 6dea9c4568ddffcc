import { sql } from "kysely";
import { invalidateAfterCommit, type AfterCommit } from "../after-commit";
import { inboxesById, inboxRoutes, webInboxes } from "../cache/hot-reads";
import { assertQuota } from "../billing/quotas";
import { randomBytes } from "node:crypto";
import type { Database } from "@vendaflow/db/create-db";
import { withTenant, type TenantTx } from "@vendaflow/db/with-tenant";
import { cached } from "../cache/context";
import { inboxSettingsSchema, type CreateInboxInput, type InboxSettings } from "@vendaflow/validators/inbox";
import { recordAudit, type AuditMeta } from "../audit/record";
import { DomainError } from "../errors";
import { decryptCredentials, encryptCredentials, type InboxCredentials } from "./credentials";
import type { AppDeps } from "../deps";
import type { PhoneNumberProfile } from "../ports/messaging";
import { sendRatePerSecond } from "../conversations/whatsapp-rules";
import { verifyWhatsAppNumber } from "../whatsapp/number-verification";

export interface Inbox {
  id: string;
  tenantId: string;
  name: string;
  channel: "web" | "whatsapp" | "api";
  publicKey: string;
  settings: InboxSettings;
  waPhoneNumberId: string | null;
  webhookKey: string | null;
  credentialsEncrypted: string | null;
  isActive: boolean;
  createdAt: Date;
}

type Row = {
  id: string; tenant_id: string; name: string; channel: string; public_key: string; settings: unknown;
  wa_phone_number_id: string | null; webhook_key: string | null; credentials_encrypted: string | null; is_active: boolean; created_at: Date;
};

export const toInbox = (r: Row): Inbox => ({
  id: r.id,
  tenantId: r.tenant_id,
  name: r.name,
  channel: r.channel as Inbox["channel"],
  publicKey: r.public_key,
  settings: inboxSettingsSchema.parse(r.settings ?? {}),
  waPhoneNumberId: r.wa_phone_number_id,
  webhookKey: r.webhook_key,
  credentialsEncrypted: r.credentials_encrypted,
  isActive: r.is_active,
  createdAt: r.created_at,
});

const secret = (prefix: string) => `${prefix}_${randomBytes(24).toString("base64url")}`;

/**
 * What creating an inbox needs: the key that seals its credentials and, for a WhatsApp number,
 * Meta to confirm it (verifyWhatsAppNumber). `skipMetaCheck` is for the demo seed only, whose
 * number is made up and which runs without Meta; every admin's inbox goes through the check.
 */
export type CreateInboxDeps = Pick<AppDeps, "encryptionKey"> & (Pick<AppDeps, "whatsapp" | "platformWhatsApp"> | { skipMetaCheck: true });

/** What Meta said of the number, kept in the settings for the inbox list (empty when not asked). */
export const profileSettings = (p: PhoneNumberProfile | null) => ({
  ...(p?.displayPhoneNumber ? { waDisplayPhoneNumber: p.displayPhoneNumber.slice(0, 40) } : {}),
  ...(p?.verifiedName ? { waVerifiedName: p.verifiedName.slice(0, 255) } : {}),
});

/**
 * What only completeEmbeddedSignup (core/whatsapp/embedded-signup.ts) hands createInbox: the
 * business's token for a number on the platform app whose owner proved it through Meta's popup,
 * the number's two-step pin, and Meta's description of it.
 */
export interface SignupProof {
  businessToken: string;
  twoStepPin: string;
  /** sha256 of the popup's code: a second submit of the same completion is recognised (core/whatsapp/embedded-signup.ts). */
  signupCode: string;
  profile: PhoneNumberProfile | null;
}

const SIGNUP_REQUIRED =
  "Números no app da plataforma são conectados pelo botão “Conectar com a Meta”: o dono do número entra com a conta do Facebook e autoriza. Nada foi salvo. (Com app próprio da Meta, marque “Usar meu próprio app da Meta”.)";

/**
 * Creates an inbox. Secrets are generated here and shown once to the admin: the API inbox's
 * bearer secret and, for a WhatsApp inbox on its own Meta app, the webhook path key and verify token.
 * A WhatsApp number is checked with Meta first, with the token that will serve it: a refusal
 * stores nothing (no row, no audit).
 */
export async function createInbox(tx: TenantTx, tenantId: string, input: CreateInboxInput, deps: CreateInboxDeps, meta: AuditMeta, now: Date, after?: AfterCommit, signup?: SignupProof) {
  await assertQuota(tx, input.channel === "whatsapp" ? "whatsapp_numbers" : "inboxes", now);
  const checked = !("skipMetaCheck" in deps);
  // A phone-number id alone proves nothing on the platform app (any number shared with it would
  // answer the platform's token): there the owner's Embedded Signup is the only way in.
  if (input.channel === "whatsapp" && !input.ownApp && checked && !signup) throw new DomainError("BAD_REQUEST", SIGNUP_REQUIRED, { field: "phoneNumberId" });
  const profile = signup
    ? signup.profile
    : input.channel === "whatsapp" && checked
      ? await verifyWhatsAppNumber(deps as Pick<AppDeps, "whatsapp" | "platformWhatsApp">, { phoneNumberId: input.phoneNumberId, ownAccessToken: input.ownApp?.accessToken, wabaId: input.settings.waBusinessAccountId, ratePerSecond: sendRatePerSecond(input.settings) })
      : null;
  const creds: InboxCredentials = {};
  if (input.channel === "whatsapp" && signup && !input.ownApp) {
    creds.businessToken = signup.businessToken;
    creds.twoStepPin = signup.twoStepPin;
    creds.signupCode = signup.signupCode;
  }
  let webhookKey: string | null = null;
  if (input.channel === "api") creds.apiSecret = secret("sk");
  if (input.channel === "whatsapp" && input.ownApp) {
    creds.accessToken = input.ownApp.accessToken;
    creds.appSecret = input.ownApp.appSecret;
    creds.verifyToken = secret("vt");
    webhookKey = randomBytes(16).toString("hex");
  }
  // The seed's made-up number: marked so the card does not ask to reconnect a number Meta never had.
  const settings: InboxSettings = { ...input.settings, ...profileSettings(profile), ...(input.channel === "whatsapp" && !checked ? { waDemo: true } : {}) };
  try {
    const row = await tx
      .insertInto("inboxes")
      .values({
        tenant_id: tenantId,
        name: input.name,
        channel: input.channel,
        settings: JSON.stringify(settings),
        wa_phone_number_id: input.channel === "whatsapp" ? input.phoneNumberId : null,
        webhook_key: webhookKey,
        credentials_encrypted: Object.keys(creds).length ? encryptCredentials(creds, deps.encryptionKey) : null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(tx, tenantId, meta, { action: "inbox.create", entityType: "inbox", entityId: row.id, after: { name: input.name, channel: input.channel, credentials: creds } });
    // Only found routes are cached, but another process may hold a route of a number moved here.
    invalidateAfterCommit(after, inboxRoutes);
    return { inbox: toInbox(row), secrets: creds };
  } catch (err) {
    if ((err as { code?: string }).code === "23505") throw new DomainError("CONFLICT", "Este número do WhatsApp já está conectado a uma caixa de entrada.", { field: "phoneNumberId" });
    throw err;
  }
}

export async function listInboxes(tx: TenantTx) {
  return (await tx.selectFrom("inboxes").selectAll().orderBy("created_at").execute()).map(toInbox);
}

export async function findInbox(tx: TenantTx, inboxId: string): Promise<Inbox | null> {
  const row = await tx.selectFrom("inboxes").selectAll().where("id", "=", inboxId).executeTakeFirst();
  return row ? toInbox(row) : null;
}

export async function getInbox(tx: TenantTx, inboxId: string): Promise<Inbox> {
  const inbox = await findInbox(tx, inboxId);
  if (!inbox) throw new DomainError("NOT_FOUND", "Caixa de entrada não encontrada.");
  return inbox;
}

/**
 * An inbox through the per-process cache (cache/hot-reads.ts `inboxes`, dropped by updateInbox):
 * `read` (findInbox in a transaction the caller opens or holds) runs on a miss.
 */
export const cachedInbox = (tenantId: string, inboxId: string, read: () => Promise<Inbox | null>) => cached(inboxesById, `${tenantId}:${inboxId}`, read, (v) => v !== null);

/**
 * What the widget's routes check on every request (active, web, allowed origins), from the
 * "web-inboxes" process cache: Postgres only on a miss; updateInbox drops the entry after commit.
 */
export function webInboxAccess(db: Database, tenantId: string, inboxId: string) {
  return cached(webInboxes, `${tenantId}:${inboxId}`, () =>
    withTenant(db, tenantId, async (tx) => {
      const row = await tx.selectFrom("inboxes").select(["is_active", "channel", "settings"]).where("id", "=", inboxId).executeTakeFirst();
      return row ? { isActive: row.is_active, channel: row.channel, allowedOrigins: (row.settings as { allowedOrigins?: string[] }).allowedOrigins ?? [] } : null;
    }),
    (v) => v !== null,
  );
}

/**
 * Saves an inbox's name, settings and state. What Meta said of the number stays as it was, unless
 * a WhatsApp inbox names another WABA: then Meta must list the number in it (verifyWhatsAppNumber,
 * with the inbox's token) before anything is saved, and its answer replaces it.
 */
export async function updateInbox(
  tx: TenantTx,
  tenantId: string,
  input: { inboxId: string; name: string; settings: InboxSettings; isActive: boolean },
  deps: Pick<AppDeps, "encryptionKey" | "whatsapp" | "platformWhatsApp">,
  meta: AuditMeta,
  now: Date,
  after?: AfterCommit,
) {
  const before = await getInbox(tx, input.inboxId);
  if (input.isActive && !before.isActive) {
    await assertQuota(tx, before.channel === "whatsapp" ? "whatsapp_numbers" : "inboxes", now);
  }
  const { waDisplayPhoneNumber, waVerifiedName, waDisconnected, waRestriction, waEventAt, waDemo } = before.settings;
  const kept = { waDisplayPhoneNumber, waVerifiedName, waDisconnected, waRestriction, waEventAt, waDemo };
  let settings: InboxSettings = { ...input.settings, ...kept };
  const waba = input.settings.waBusinessAccountId;
  if (before.channel === "whatsapp" && before.waPhoneNumberId && waba && waba !== before.settings.waBusinessAccountId) {
    const creds = decryptCredentials(before.credentialsEncrypted, deps.encryptionKey);
    // The number and token are not on the edit form: their refusals are the form's error.
    const profile = await verifyWhatsAppNumber(deps, { phoneNumberId: before.waPhoneNumberId, ownAccessToken: creds.accessToken, businessToken: creds.businessToken, wabaId: waba, ratePerSecond: sendRatePerSecond(input.settings) }, {});
    settings = { ...input.settings, ...profileSettings(profile) };
  }
  await tx
    .updateTable("inboxes")
    .set({ name: input.name, settings: JSON.stringify(settings), is_active: input.isActive, updated_at: sql<Date>`now()` })
    .where("id", "=", input.inboxId)
    .execute();
  invalidateAfterCommit(after, inboxesById, `${tenantId}:${input.inboxId}`);
  invalidateAfterCommit(after, webInboxes, `${tenantId}:${input.inboxId}`);
  if (input.isActive !== before.isActive) invalidateAfterCommit(after, inboxRoutes);
  await recordAudit(tx, tenantId, meta, { action: "inbox.update", entityType: "inbox", entityId: input.inboxId, before: { name: before.name, settings: before.settings, isActive: before.isActive }, after: { ...input, settings } });
}
