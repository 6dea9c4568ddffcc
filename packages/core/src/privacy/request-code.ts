import { withTenant, type TenantTx } from "@vendaflow/db/with-tenant";
import { VERIFICATION, type ResendCodeInput } from "@vendaflow/validators/privacy";
import { sql } from "kysely";
import { recordAudit, type AuditMeta } from "../audit/record";
import type { AppDeps } from "../deps";
import { tenantMail } from "../email/sender";
import { privacyCodeMail } from "../email/templates";
import { DomainError } from "../errors";
import { getInbox } from "../inboxes/inboxes";
import type { EmailMessage } from "../ports/email";
import type { OutboundWhatsApp, WhatsAppTarget } from "../ports/messaging";
import { assertRateLimit } from "../rate-limit/assert-rate-limit";
import type { Tenant } from "../tenancy/tenants";
import { numberOf } from "../conversations/whatsapp-number";
import { insideWindow } from "../conversations/whatsapp-rules";
import { hashCode, newCode } from "./request-rules";

/**
 * The one-time code of a request filed on /privacidade: where it goes (the e-mail on file, or the
 * lead's WhatsApp), sending it after the commit, and "Reenviar código" — a fresh code over the
 * same channel. Codes are stored hashed, so a resend cannot repeat one: the new code replaces the
 * old, which stops working.
 */

export const brandOf = (t: Tenant) => ({ name: t.name, theme: t.theme });

/** What a request's code goes out as, built in the transaction and sent after its commit. */
export interface CodeDelivery {
  mail: EmailMessage | null;
  wa: { target: WhatsAppTarget; message: OutboundWhatsApp } | null;
}

/**
 * Where a lead is reached on WhatsApp: its latest conversation on an active WhatsApp inbox, by
 * phone when known, else by its business-scoped user id. Null when the lead has no such conversation.
 */
export async function whatsappRouteOf(tx: TenantTx, deps: Pick<AppDeps, "encryptionKey" | "platformWhatsApp">, leadId: string) {
  const row = await tx
    .selectFrom("conversations as c")
    .innerJoin("inboxes as i", "i.id", "c.inbox_id")
    .innerJoin("leads as l", "l.id", "c.lead_id")
    .select(["c.inbox_id", "c.last_inbound_at", "l.wa_id", "l.wa_user_id"])
    .where("c.lead_id", "=", leadId)
    .where("i.channel", "=", "whatsapp")
    .where("i.is_active", "=", true)
    .orderBy(sql`c.last_inbound_at desc nulls last`)
    .limit(1)
    .executeTakeFirst();
  const to = row?.wa_id ? { phone: row.wa_id } : row?.wa_user_id ? { userId: row.wa_user_id } : null;
  if (!row || !to) return null;
  const inbox = await getInbox(tx, row.inbox_id);
  const number = numberOf(deps, inbox);
  // Meta disconnected the number (account_update): the code cannot go out through it.
  if (!number || inbox.settings.waDisconnected) return null;
  return { target: { ...number, to } as WhatsAppTarget, inbox, lastInboundAt: row.last_inbound_at };
}

/**
 * The code as a WhatsApp message: free text inside the 24-hour window, the inbox's approved
 * AUTHENTICATION template outside it (null when the inbox has none: the code cannot go out).
 */
export function whatsappCodeMessage(tenantName: string, code: string, window: { lastInboundAt: Date | null; now: Date }, authTemplate: { name: string; language: string } | undefined): OutboundWhatsApp | null {
  if (insideWindow(window.lastInboundAt, window.now)) {
    return { kind: "text", text: `${tenantName}: seu código para confirmar o pedido sobre seus dados pessoais (LGPD) é ${code}. Ele vale por ${VERIFICATION.ttlMinutes} minutos. Se não foi você, ignore esta mensagem.` };
  }
  return authTemplate ? { kind: "auth_code", name: authTemplate.name, language: authTemplate.language, code } : null;
}

/** The stored side of a new code: its hash bound to the request, its expiry, a fresh count of attempts. */
export const codeColumns = (secret: string, requestId: string, code: string, now: Date) => ({
  code_hash: hashCode(secret, requestId, code),
  code_expires_at: new Date(now.getTime() + VERIFICATION.ttlMinutes * 60_000),
  attempts: 0,
});

/** Sends a code after the commit. WhatsApp goes straight through the Messaging port, never stored as a message: agents must not see the code. */
export async function deliverCode(deps: Pick<AppDeps, "db" | "email" | "whatsapp">, tenantId: string, requestId: string, out: CodeDelivery, meta: AuditMeta) {
  if (out.mail) await deps.email.send(out.mail);
  if (!out.wa) return;
  const failed = await deps.whatsapp.send(out.wa.target, out.wa.message).then(
    () => null,
    (err: { code?: unknown; title?: string; message?: string }) => ({ code: err.code ?? "error", title: err.title ?? err.message ?? "Falha no envio" }),
  );
  if (failed) {
    await withTenant(deps.db, tenantId, (tx) => recordAudit(tx, tenantId, meta, { action: "privacy_request.code_not_sent", entityType: "privacy_request", entityId: requestId, after: { channel: "whatsapp", error: failed } }));
  }
}

const NOT_PENDING = "Este pedido não aguarda mais um código. Faça um novo pedido.";

/**
 * "Reenviar código" on /privacidade: a new code for a request still awaiting it, over the channel
 * the first took (code_channel). Limited like the request itself (the same address and e-mail or
 * WhatsApp budgets) and to one code per RESEND_CODE_SECONDS per request. A request whose subject
 * is unknown answers the same way and sends nothing, so the page still says nothing of who is on file.
 */
export async function resendPrivacyCode(deps: Pick<AppDeps, "db" | "now" | "counters" | "email" | "tokenSecret" | "whatsapp" | "encryptionKey" | "platformWhatsApp">, tenant: Tenant, input: ResendCodeInput, meta: AuditMeta) {
  const now = deps.now();
  await assertRateLimit(deps.counters, "privacy-request:ip", `${tenant.id}:${meta.ip ?? "unknown"}`, now.getTime());
  await assertRateLimit(deps.counters, "privacy-code:request", `${tenant.id}:${input.requestId}`, now.getTime());
  // One transaction, the request locked: a double click cannot send two codes.
  const out = await withTenant(deps.db, tenant.id, async (tx): Promise<CodeDelivery | null> => {
    const r = await tx
      .selectFrom("privacy_requests")
      .select(["id", "requester_email", "requester_whatsapp", "lead_id", "code_channel"])
      .where("id", "=", input.requestId)
      .where("status", "=", "awaiting_verification")
      .forUpdate()
      .executeTakeFirst();
    if (!r) return null;
    // The same budget as filing a request for this e-mail or WhatsApp (submitPrivacyRequest's key).
    await assertRateLimit(deps.counters, "privacy-request:email", `${tenant.id}:${r.requester_email ?? r.requester_whatsapp}`, now.getTime());
    const code = newCode();
    let delivery: CodeDelivery = { mail: null, wa: null };
    if (r.code_channel === "email" && r.requester_email) {
      delivery = { mail: tenantMail(tenant, r.requester_email, privacyCodeMail(brandOf(tenant), code, VERIFICATION.ttlMinutes)), wa: null };
    } else if (r.code_channel === "whatsapp" && r.lead_id) {
      const route = await whatsappRouteOf(tx, deps, r.lead_id);
      const message = route ? whatsappCodeMessage(tenant.name, code, { lastInboundAt: route.lastInboundAt, now }, route.inbox.settings.authTemplate) : null;
      if (route && message) delivery = { mail: null, wa: { target: route.target, message } };
    }
    const sent = Boolean(delivery.mail || delivery.wa);
    // Nothing can go out (unknown subject, or WhatsApp unreachable now): the code already sent, if any, stays good.
    if (sent) await tx.updateTable("privacy_requests").set({ ...codeColumns(deps.tokenSecret, r.id, code, now), updated_at: now }).where("id", "=", r.id).execute();
    await recordAudit(tx, tenant.id, meta, { action: "privacy_request.code_resent", entityType: "privacy_request", entityId: r.id, after: { codeChannel: r.code_channel, sent, ...(delivery.wa ? { codeMessage: delivery.wa.message.kind } : {}) } });
    return delivery;
  });
  if (!out) throw new DomainError("BAD_REQUEST", NOT_PENDING);
  await deliverCode(deps, tenant.id, input.requestId, out, meta);
  return { ok: true as const };
}
