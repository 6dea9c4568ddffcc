import { withTenant, type TenantTx } from "@vendaflow/db/with-tenant";
import { VERIFICATION, type RequestKind, type SubmitRequestInput, type VerifyRequestInput } from "@vendaflow/validators/privacy";
import { phoneVariants } from "@vendaflow/validators/crm";
import { leadScoreSchema } from "@vendaflow/validators/lead-score";
import { sql } from "kysely";
import type { AfterCommit } from "../after-commit";
import { recordAudit, type AuditMeta } from "../audit/record";
import type { AppDeps } from "../deps";
import { tenantMail } from "../email/sender";
import { privacyCodeMail, privacyRequestMail } from "../email/templates";
import { DomainError } from "../errors";
import { notify } from "../notifications/notifications";
import type { EmailMessage } from "../ports/email";
import { assertRateLimit } from "../rate-limit/assert-rate-limit";
import type { Tenant } from "../tenancy/tenants";
import { explainBantScore } from "../bot/explain";
import { recordEvent } from "../conversations/events";
import { revokeOnRequest, type RevocablePurpose } from "./consent-ledger";
import { scoreCriteriaLines } from "./score-criteria";
import { answersImmediately, codeMatches, dueDateOf, newCode, newProtocol } from "./request-rules";
import { inProgressLine, receivedLine } from "./subject-wording";
import { brandOf, codeColumns, deliverCode, whatsappCodeMessage, whatsappRouteOf } from "./request-code";

/**
 * The subject's side of data subject requests (LGPD art. 18): filing one on /privacidade and
 * confirming identity with the one-time code sent to the e-mail on file, or over WhatsApp to a
 * lead known there (by number or username; a lead with only a business-scoped id is reached by
 * it); or writing it in a WhatsApp conversation ("quero meus dados"), where the channel itself is
 * the proof of identity. The page's answer never says whether the e-mail or WhatsApp is known: an
 * unknown one gets a request that no code can confirm. Every path ends in openRequest.
 */

// The code may have gone by e-mail or by WhatsApp (code_channel): the text names neither, and says nothing of whether the request exists.
const WRONG_CODE = "Código inválido ou expirado. Confira o código que você recebeu ou faça um novo pedido.";
const brDate = (iso: string) => iso.split("-").reverse().join("/");

async function subjectByEmail(tx: TenantTx, email: string) {
  const lead = await tx.selectFrom("leads").select("id").where("email_key", "=", email).where("anonymised_at", "is", null).orderBy("created_at", "desc").limit(1).executeTakeFirst();
  const contact = await tx.selectFrom("contacts").select("id").where("email_key", "=", email).where("anonymised_at", "is", null).where("deleted_at", "is", null).orderBy("created_at", "desc").limit(1).executeTakeFirst();
  return { leadId: lead?.id ?? null, contactId: contact?.id ?? null };
}

/**
 * A WhatsApp "@username" or number (digits, as Meta sends wa_id); contacts match the number in
 * E.164. A Brazilian mobile matches with and without the ninth digit (phoneVariants): Meta's
 * wa_id often lacks it while the subject types it.
 */
async function subjectByWhatsapp(tx: TenantTx, handle: string) {
  const byUsername = handle.startsWith("@");
  const phones = byUsername ? [] : phoneVariants(`+${handle}`);
  const lead = await tx
    .selectFrom("leads")
    .select(["id", "contact_id"])
    .where(byUsername ? sql<boolean>`wa_username_key = lower(${handle.slice(1)})` : sql<boolean>`wa_id in (${sql.join(phones.map((p) => p.slice(1)))})`)
    .where("anonymised_at", "is", null)
    .orderBy("created_at", "desc")
    .limit(1)
    .executeTakeFirst();
  const contact = byUsername
    ? null
    : await tx.selectFrom("contacts").select("id").where("phone", "in", phones).where("anonymised_at", "is", null).where("deleted_at", "is", null).orderBy("created_at", "desc").limit(1).executeTakeFirst();
  return { leadId: lead?.id ?? null, contactId: contact?.id ?? lead?.contact_id ?? null };
}

export async function submitPrivacyRequest(deps: Pick<AppDeps, "db" | "now" | "counters" | "email" | "tokenSecret" | "whatsapp" | "encryptionKey" | "platformWhatsApp">, tenant: Tenant, input: SubmitRequestInput, meta: AuditMeta) {
  const now = deps.now();
  await assertRateLimit(deps.counters, "privacy-request:ip", `${tenant.id}:${meta.ip ?? "unknown"}`, now.getTime());
  await assertRateLimit(deps.counters, "privacy-request:email", `${tenant.id}:${input.email ?? input.whatsapp}`, now.getTime());
  const { id, mail, wa } = await withTenant(deps.db, tenant.id, async (tx) => {
    // The e-mail wins when both are given; the WhatsApp handle names the subject otherwise.
    const subject = input.email ? await subjectByEmail(tx, input.email) : await subjectByWhatsapp(tx, input.whatsapp!);
    const route = !input.email && subject.leadId ? await whatsappRouteOf(tx, deps, subject.leadId) : null;
    const row = await tx
      .insertInto("privacy_requests")
      .values({
        tenant_id: tenant.id,
        protocol: newProtocol(now),
        kind: input.kind,
        requester_name: input.name,
        requester_email: input.email,
        requester_whatsapp: input.whatsapp,
        details: input.details,
        lead_id: subject.leadId,
        contact_id: subject.contactId,
        created_at: now,
        updated_at: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const code = newCode();
    const waMessage = route ? whatsappCodeMessage(tenant.name, code, { lastInboundAt: route.lastInboundAt, now }, route.inbox.settings.authTemplate) : null;
    const codeChannel = input.email ? (subject.leadId || subject.contactId ? "email" : null) : waMessage ? "whatsapp" : null;
    if (codeChannel) {
      await tx
        .updateTable("privacy_requests")
        .set({ ...codeColumns(deps.tokenSecret, row.id, code, now), code_channel: codeChannel })
        .where("id", "=", row.id)
        .execute();
    }
    const mail: EmailMessage | null = codeChannel === "email" ? tenantMail(tenant, input.email!, privacyCodeMail(brandOf(tenant), code, VERIFICATION.ttlMinutes)) : null;
    const wa = codeChannel === "whatsapp" ? { target: route!.target, message: waMessage! } : null;
    await recordAudit(tx, tenant.id, meta, {
      action: "privacy_request.submitted",
      entityType: "privacy_request",
      entityId: row.id,
      after: { kind: input.kind, subjectFound: Boolean(subject.leadId || subject.contactId), codeChannel, ...(wa ? { codeMessage: wa.message.kind } : {}) },
    });
    return { id: row.id, mail, wa };
  });
  // This code opens the request's window for "Reenviar código" (best effort: the resend's own count fails closed).
  await assertRateLimit(deps.counters, "privacy-code:request", `${tenant.id}:${id}`, now.getTime()).catch(() => null);
  await deliverCode(deps, tenant.id, id, { mail, wa }, meta);
  return { requestId: id };
}

const PURPOSE_LABEL: Record<RevocablePurpose, string> = {
  marketing: "comunicações de marketing",
  analytics: "análises e métricas",
  ai_processing: "processamento por inteligência artificial",
};

function revocationAnswer(revoked: readonly RevocablePurpose[]): string {
  const head = revoked.length
    ? `Revogamos seu consentimento para: ${revoked.map((p) => PURPOSE_LABEL[p]).join(", ")}. Seus dados não serão mais usados para essas finalidades.`
    : "Não havia consentimento em vigor para comunicações de marketing, análises ou inteligência artificial; nada precisou ser revogado.";
  return `${head}\nO atendimento que você iniciou continua (art. 7º, V, da LGPD). Para apagar seus dados, faça um pedido de eliminação.`;
}

/**
 * Opens a request whose subject is confirmed (the page's code, or the WhatsApp channel itself):
 * deadline (art. 19), immediate answers (confirmation, art. 20 criteria, consent revocation), audit, the admins
 * notified. Returns what to tell the subject.
 */
async function openRequest(tx: TenantTx, tenant: { id: string; name: string }, r: { id: string; protocol: string; kind: string; lead_id: string | null; contact_id: string | null }, meta: AuditMeta, now: Date, confirmedBy: "code" | "whatsapp_channel") {
  const dueDate = dueDateOf(now);
  const subject = r.lead_id ? { leadId: r.lead_id } : r.contact_id ? { contactId: r.contact_id } : null;
  let immediate = answersImmediately(r.kind as RequestKind);
  let answer = immediate
    ? `Confirmamos que ${tenant.name} trata dados pessoais vinculados a este contato (cadastro, mensagens de atendimento e registros de consentimento). Para receber uma cópia completa, faça um pedido de acesso.`
    : null;
  // Art. 20: the score's criteria go at once; the human review stays open in the queue.
  if (r.kind === "automated_review" && r.lead_id) {
    const lead = await tx.selectFrom("leads").select(["bant_data", "bant_score", "score", "score_facts"]).where("id", "=", r.lead_id).executeTakeFirst();
    const facts = leadScoreSchema.shape.facts.safeParse(lead?.score_facts);
    if (lead) answer = scoreCriteriaLines(explainBantScore(lead.bant_data), lead.bant_score, facts.success ? { total: lead.score, facts: facts.data } : undefined).join("\n");
  }
  // Revoking consent must be as easy as giving it (art. 8 §5): a confirmed request revokes at once.
  if (r.kind === "revocation" && subject) {
    const revoked = await revokeOnRequest(tx, tenant.id, subject, r.protocol, confirmedBy === "code" ? "privacy_page" : "whatsapp", meta, now);
    immediate = true;
    answer = revocationAnswer(revoked);
  }
  const status = immediate ? "fulfilled" : "open";
  await tx
    .updateTable("privacy_requests")
    .set({ status, verified_at: now, due_date: dueDate, code_hash: null, response: answer, closed_at: immediate ? now : null, updated_at: now })
    .where("id", "=", r.id)
    .execute();
  await recordAudit(tx, tenant.id, meta, { action: "privacy_request.verified", entityType: "privacy_request", entityId: r.id, after: { protocol: r.protocol, dueDate, answeredImmediately: immediate, confirmedBy } });
  const admins = await tx.selectFrom("users").select("id").where("role", "=", "admin").where("is_active", "=", true).execute();
  for (const a of admins) await notify(tx, tenant.id, a.id, "privacy_request", { requestId: r.id, protocol: r.protocol, kind: r.kind, dueDate }, now);
  const lines = [
    receivedLine(r.kind as RequestKind),
    `Protocolo: ${r.protocol}.`,
    ...(answer ? answer.split("\n") : []),
    ...(immediate ? [] : [`Responderemos até ${brDate(dueDate)} (art. 19 da LGPD).`]),
  ];
  return { dueDate, status, answer, lines };
}

type VerifyOutcome = { ok: true; protocol: string; dueDate: string; status: string; answer: string | null; mail: EmailMessage | null } | { ok: false };

export async function verifyPrivacyRequest(deps: Pick<AppDeps, "db" | "now" | "counters" | "email" | "tokenSecret">, tenant: Tenant, input: VerifyRequestInput, meta: AuditMeta) {
  const now = deps.now();
  await assertRateLimit(deps.counters, "privacy-verify:ip", `${tenant.id}:${meta.ip ?? "unknown"}`, now.getTime());
  const outcome = await withTenant(deps.db, tenant.id, async (tx): Promise<VerifyOutcome> => {
    const r = await tx.selectFrom("privacy_requests").selectAll().where("id", "=", input.requestId).forUpdate().executeTakeFirst();
    if (!r || r.status !== "awaiting_verification") return { ok: false };
    const expired = !r.code_expires_at || new Date(r.code_expires_at) <= now || r.attempts >= VERIFICATION.maxAttempts;
    if (expired || !codeMatches(deps.tokenSecret, r.id, input.code, r.code_hash)) {
      const attempts = r.attempts + 1;
      const spent = attempts >= VERIFICATION.maxAttempts;
      await tx
        .updateTable("privacy_requests")
        .set({ attempts, ...(spent ? { status: "expired", code_hash: null } : {}), updated_at: now })
        .where("id", "=", r.id)
        .execute();
      await recordAudit(tx, tenant.id, meta, { action: "privacy_request.verification_failed", entityType: "privacy_request", entityId: r.id, after: { attempts, expired: spent } });
      return { ok: false };
    }
    const opened = await openRequest(tx, tenant, r, meta, now, "code");
    const mail = r.requester_email ? tenantMail(tenant, r.requester_email, privacyRequestMail(brandOf(tenant), "Pedido de privacidade recebido", opened.lines)) : null;
    return { ok: true, protocol: r.protocol, dueDate: opened.dueDate, status: opened.status, answer: opened.answer, mail };
  });
  if (!outcome.ok) throw new DomainError("BAD_REQUEST", WRONG_CODE, { field: "code" });
  if (outcome.mail) await deps.email.send(outcome.mail);
  return { protocol: outcome.protocol, dueDate: outcome.dueDate, status: outcome.status, answer: outcome.answer };
}

/** Requests of these kinds stay open while the subject writes the same thing again. */
const OPEN = ["open", "in_progress"] as const;

/**
 * A data subject request written in a WhatsApp conversation (privacy/message-intent decided the
 * kind). Meta's signed webhook proves the message came from the WhatsApp account on file — what a
 * code sent to it would prove — so the request opens at once, through the same openRequest as the
 * page's, and the answer (protocol, deadline) is stored as a message and sent in the conversation.
 * The same kind still open for the lead answers with its protocol instead of a second request.
 * Runs in the caller's transaction, under the conversation's lock.
 */
export async function startRequestFromConversation(tx: TenantTx, tenantId: string, conv: { id: string; lead_id: string }, input: { kind: RequestKind; text: string }, now: Date, after: AfterCommit) {
  const tenant = await tx.selectFrom("tenants").select(["id", "name"]).where("id", "=", tenantId).executeTakeFirstOrThrow();
  const lead = await tx.selectFrom("leads").select(["name", "email", "wa_id", "wa_user_id", "wa_username", "contact_id"]).where("id", "=", conv.lead_id).executeTakeFirstOrThrow();
  const meta: AuditMeta = {};
  const existing = await tx
    .selectFrom("privacy_requests")
    .select(["id", "protocol", sql<string>`due_date::text`.as("due")])
    .where("lead_id", "=", conv.lead_id)
    .where("kind", "=", input.kind)
    .where("status", "in", OPEN)
    .orderBy("created_at", "desc")
    .limit(1)
    .executeTakeFirst();
  let lines: string[];
  let requestId: string;
  if (existing) {
    requestId = existing.id;
    lines = [inProgressLine(input.kind), `Protocolo: ${existing.protocol}.`, `Responderemos até ${brDate(existing.due)} (art. 19 da LGPD).`];
    await recordAudit(tx, tenantId, meta, { action: "privacy_request.repeated", entityType: "privacy_request", entityId: existing.id, after: { channel: "whatsapp", conversationId: conv.id } });
  } else {
    const row = await tx
      .insertInto("privacy_requests")
      .values({
        tenant_id: tenantId,
        protocol: newProtocol(now),
        kind: input.kind,
        channel: "whatsapp",
        conversation_id: conv.id,
        requester_name: (lead.name ?? (lead.wa_username ? `@${lead.wa_username}` : "Titular via WhatsApp")).slice(0, 120),
        requester_email: lead.email?.toLowerCase() ?? null,
        requester_whatsapp: (lead.wa_id ?? lead.wa_user_id ?? "desconhecido").slice(0, 64),
        details: input.text.slice(0, 2000),
        lead_id: conv.lead_id,
        contact_id: lead.contact_id,
        created_at: now,
        updated_at: now,
      })
      .returning(["id", "protocol", "kind", "lead_id", "contact_id"])
      .executeTakeFirstOrThrow();
    requestId = row.id;
    await recordAudit(tx, tenantId, meta, { action: "privacy_request.submitted", entityType: "privacy_request", entityId: row.id, after: { kind: input.kind, subjectFound: true, channel: "whatsapp", conversationId: conv.id } });
    lines = (await openRequest(tx, tenant, row, meta, now, "whatsapp_channel")).lines;
  }
  await recordEvent(tx, tenantId, { conversationId: conv.id, kind: "privacy_request", data: { requestId, kind: input.kind, repeated: Boolean(existing) }, at: now });
  await answerInConversation(tx, tenantId, conv.id, requestId, lines, now, after);
  return { requestId, repeated: Boolean(existing) };
}

/**
 * What a request tells the subject in its WhatsApp conversation (the protocol on opening, the
 * answer on closing): a stored bot message, delivered after the commit like any other (as the
 * inbox's template once the 24-hour window has closed); the conversation moves to the top.
 */
export async function answerInConversation(tx: TenantTx, tenantId: string, conversationId: string, requestId: string, lines: readonly string[], now: Date, after: AfterCommit) {
  const msg = await tx
    .insertInto("messages")
    .values({ tenant_id: tenantId, conversation_id: conversationId, sender: "bot", content_type: "text", text: lines.join("\n"), payload: JSON.stringify({ privacyRequestId: requestId }), delivery_status: "pending", created_at: now })
    .returning("id")
    .executeTakeFirstOrThrow();
  after.outbound.push(msg.id);
  await tx.updateTable("conversations").set({ last_message_at: now, updated_at: now }).where("id", "=", conversationId).execute();
}
