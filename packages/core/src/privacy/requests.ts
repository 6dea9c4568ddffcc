import { withTenant, type TenantTx } from "@vendaflow/db/with-tenant";
import { VERIFICATION, type SubmitRequestInput, type VerifyRequestInput } from "@vendaflow/validators/privacy";
import { leadScoreSchema } from "@vendaflow/validators/lead-score";
import { sql } from "kysely";
import { recordAudit, type AuditMeta } from "../audit/record";
import type { AppDeps } from "../deps";
import { privacyCodeMail, privacyRequestMail } from "../email/templates";
import { DomainError } from "../errors";
import { notify } from "../notifications/notifications";
import type { EmailMessage } from "../ports/email";
import { assertRateLimit } from "../rate-limit/assert-rate-limit";
import type { Tenant } from "../tenancy/tenants";
import { explainBantScore } from "../bot/explain";
import { scoreCriteriaLines } from "./score-criteria";
import { answersImmediately, codeMatches, dueDateOf, hashCode, KIND_LABEL, newCode, newProtocol } from "./request-rules";

/**
 * The public side of data subject requests (LGPD art. 18): filing one on /privacidade and
 * confirming identity with the one-time code sent to the e-mail on file. The answer never says
 * whether the e-mail is known: an unknown one gets a request that no code can confirm.
 */

const brandOf = (t: Tenant) => ({ name: t.name, theme: t.theme });
const WRONG_CODE = "Código inválido ou expirado. Confira o e-mail ou faça um novo pedido.";
export const brDate = (iso: string) => iso.split("-").reverse().join("/");

async function subjectByEmail(tx: TenantTx, email: string) {
  const lead = await tx.selectFrom("leads").select("id").where(sql<boolean>`lower(email) = ${email}`).orderBy("created_at", "desc").limit(1).executeTakeFirst();
  const contact = await tx.selectFrom("contacts").select("id").where(sql<boolean>`lower(email) = ${email}`).orderBy("created_at", "desc").limit(1).executeTakeFirst();
  return { leadId: lead?.id ?? null, contactId: contact?.id ?? null };
}

export async function submitPrivacyRequest(deps: Pick<AppDeps, "db" | "now" | "counters" | "email" | "tokenSecret">, tenant: Tenant, input: SubmitRequestInput, meta: AuditMeta) {
  const now = deps.now();
  await assertRateLimit(deps.counters, "privacy-request:ip", `${tenant.id}:${meta.ip ?? "unknown"}`, now.getTime());
  await assertRateLimit(deps.counters, "privacy-request:email", `${tenant.id}:${input.email}`, now.getTime());
  const { id, mail } = await withTenant(deps.db, tenant.id, async (tx) => {
    const subject = await subjectByEmail(tx, input.email);
    const known = Boolean(subject.leadId || subject.contactId);
    const row = await tx
      .insertInto("privacy_requests")
      .values({
        tenant_id: tenant.id,
        protocol: newProtocol(now),
        kind: input.kind,
        requester_name: input.name,
        requester_email: input.email,
        details: input.details,
        lead_id: subject.leadId,
        contact_id: subject.contactId,
        created_at: now,
        updated_at: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    let mail: EmailMessage | null = null;
    if (known) {
      const code = newCode();
      await tx
        .updateTable("privacy_requests")
        .set({ code_hash: hashCode(deps.tokenSecret, row.id, code), code_expires_at: new Date(now.getTime() + VERIFICATION.ttlMinutes * 60_000) })
        .where("id", "=", row.id)
        .execute();
      mail = { ...privacyCodeMail(brandOf(tenant), code, VERIFICATION.ttlMinutes), to: input.email, tenantId: tenant.id };
    }
    await recordAudit(tx, tenant.id, meta, { action: "privacy_request.submitted", entityType: "privacy_request", entityId: row.id, after: { kind: input.kind, subjectFound: known } });
    return { id: row.id, mail };
  });
  if (mail) await deps.email.send(mail);
  return { requestId: id };
}

type VerifyOutcome = { ok: true; protocol: string; dueDate: string; status: string; answer: string | null; mail: EmailMessage } | { ok: false };

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
    const dueDate = dueDateOf(now);
    const immediate = answersImmediately(r.kind as "confirmation");
    let answer = immediate
      ? `Confirmamos que ${tenant.name} trata dados pessoais vinculados a este e-mail (cadastro de contato, mensagens de atendimento e registros de consentimento). Para receber uma cópia completa, faça um pedido de acesso.`
      : null;
    // Art. 20: the score's criteria go at once; the human review stays open in the queue.
    if (r.kind === "automated_review" && r.lead_id) {
      const lead = await tx.selectFrom("leads").select(["bant_data", "bant_score", "score", "score_facts"]).where("id", "=", r.lead_id).executeTakeFirst();
      const facts = leadScoreSchema.shape.facts.safeParse(lead?.score_facts);
      if (lead) answer = scoreCriteriaLines(explainBantScore(lead.bant_data), lead.bant_score, facts.success ? { total: lead.score, facts: facts.data } : undefined).join("\n");
    }
    await tx
      .updateTable("privacy_requests")
      .set({ status: immediate ? "fulfilled" : "open", verified_at: now, due_date: dueDate, code_hash: null, response: answer, closed_at: immediate ? now : null, updated_at: now })
      .where("id", "=", r.id)
      .execute();
    await recordAudit(tx, tenant.id, meta, { action: "privacy_request.verified", entityType: "privacy_request", entityId: r.id, after: { protocol: r.protocol, dueDate, answeredImmediately: immediate } });
    const admins = await tx.selectFrom("users").select("id").where("role", "=", "admin").where("is_active", "=", true).execute();
    for (const a of admins) await notify(tx, tenant.id, a.id, "privacy_request", { requestId: r.id, protocol: r.protocol, kind: r.kind, dueDate }, now);
    const lines = [
      `Recebemos seu pedido: ${KIND_LABEL[r.kind as "access"]}.`,
      `Protocolo: ${r.protocol}.`,
      ...(answer ? answer.split("\n") : []),
      ...(immediate ? [] : [`Responderemos até ${brDate(dueDate)} (art. 19 da LGPD).`]),
    ];
    const mail = { ...privacyRequestMail(brandOf(tenant), "Pedido de privacidade recebido", lines), to: r.requester_email, tenantId: tenant.id };
    return { ok: true, protocol: r.protocol, dueDate, status: immediate ? "fulfilled" : "open", answer, mail };
  });
  if (!outcome.ok) throw new DomainError("BAD_REQUEST", WRONG_CODE, { field: "code" });
  await deps.email.send(outcome.mail);
  return { protocol: outcome.protocol, dueDate: outcome.dueDate, status: outcome.status, answer: outcome.answer };
}
