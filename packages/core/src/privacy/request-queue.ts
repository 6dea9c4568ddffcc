import type { Database } from "@vendaflow/db/create-db";
import { withTenant, type TenantTx } from "@vendaflow/db/with-tenant";
import { PRIVACY_QUEUE_LIMIT, type RequestChannel, type RequestKind, type RequestOutcome, type RequestStatus, type RequestView, type UpdateRequestInput } from "@vendaflow/validators/privacy";
import { sql } from "kysely";
import type { AfterCommit } from "../after-commit";
import { recordAudit, type AuditMeta } from "../audit/record";
import { tenantMail } from "../email/sender";
import { privacyRequestMail } from "../email/templates";
import type { AppDeps } from "../deps";
import { DomainError } from "../errors";
import { notify } from "../notifications/notifications";
import type { Tenant } from "../tenancy/tenants";
import { contactInput, type LeadDetailsInput } from "@vendaflow/validators/crm";
import type { Actor } from "../crm/access";
import { saveContact } from "../crm/contacts";
import { updateLeadDetails } from "../crm/lead-details";
import { anonymiseContact, anonymiseLead } from "./anonymise";
import { eraseSubject, erasureLines } from "./erase";
import { EXPORT_LINK_DAYS, exportPath } from "./export-link";
import { answerInConversation } from "./requests";
import { businessDaysLeft, canMove, firstDeadlineNotYetReminded, needsReminder } from "./request-rules";
import { answerLine } from "./subject-wording";

/** The tenant admins' queue of data subject requests: deadlines, status workflow, reminders. */

const iso = (d: Date | string | null) => (d == null ? null : new Date(d).toISOString());

/** Every column, with the date column as text (pg would turn it into a local-midnight Date). */
const requests = (tx: TenantTx) => tx.selectFrom("privacy_requests").selectAll().select(sql<string | null>`due_date::text`.as("due_text"));
type Row = Awaited<ReturnType<ReturnType<typeof requests>["execute"]>>[number];

function toView(r: Row, now: Date): RequestView {
  const dueDate = r.due_text;
  return {
    id: r.id,
    protocol: r.protocol,
    kind: r.kind as RequestKind,
    status: r.status as RequestStatus,
    requesterName: r.requester_name,
    requesterEmail: r.requester_email,
    requesterWhatsapp: r.requester_whatsapp,
    channel: r.channel as RequestChannel,
    details: r.details,
    leadId: r.lead_id,
    contactId: r.contact_id,
    verifiedAt: iso(r.verified_at),
    dueDate,
    businessDaysLeft: dueDate && ["open", "in_progress"].includes(r.status) ? businessDaysLeft(dueDate, now) : null,
    response: r.response,
    outcome: (r.outcome ?? {}) as RequestOutcome,
    createdAt: iso(r.created_at)!,
    closedAt: iso(r.closed_at),
  };
}

/**
 * Verified requests (and expired ones when asked): the ones still to answer first, nearest deadline
 * first, then the closed ones, latest closed first. Closed requests pile up over the years; sorted
 * by deadline with them, new open requests fell past the limit and out of sight.
 */
export async function listPrivacyRequests(tx: TenantTx, filter: { status: RequestStatus | null }, now: Date): Promise<RequestView[]> {
  let q = requests(tx);
  q = filter.status ? q.where("status", "=", filter.status) : q.where("status", "not in", ["awaiting_verification", "expired"]);
  const pending = sql<boolean>`status in ('open', 'in_progress')`;
  const rows = await q
    .orderBy(pending, "desc")
    .orderBy(sql`case when ${pending} then due_date end`, (ob) => ob.asc().nullsLast())
    .orderBy(sql`coalesce(closed_at, created_at)`, "desc")
    .orderBy("id")
    .limit(PRIVACY_QUEUE_LIMIT)
    .execute();
  return rows.map((r) => toView(r, now));
}

/**
 * Moves a request along its workflow. Fulfilling executes it in the same transaction: a
 * correction through the lead's / contact's own edit paths (updateLeadDetails, saveContact, each
 * audited), an anonymisation or a deletion (eraseSubject: deleted where no legal basis keeps the
 * rows, the reasons of what stays told to the subject) for a lead or a CRM contact; access or
 * portability sends the subject a download link. What was done is kept on the request (outcome).
 */
export async function updatePrivacyRequest(tx: TenantTx, deps: Pick<AppDeps, "links" | "tokenSecret">, tenant: Tenant, actor: Actor, input: UpdateRequestInput, meta: AuditMeta, now: Date, after: AfterCommit) {
  const r = await requests(tx).where("id", "=", input.id).forUpdate().executeTakeFirst();
  if (!r) throw new DomainError("NOT_FOUND", "Pedido não encontrado.");
  if (!canMove(r.status as RequestStatus, input.status)) {
    throw new DomainError("PRECONDITION_FAILED", "Este pedido não pode mudar para essa situação.", { field: "status" });
  }
  const closing = input.status !== "in_progress";
  const fulfilling = input.status === "fulfilled";
  const kind = r.kind as RequestKind;
  const subject = { leadId: r.lead_id, contactId: r.contact_id };
  if (fulfilling && SUBJECT_KINDS.includes(kind) && !r.lead_id && !r.contact_id) {
    throw new DomainError("PRECONDITION_FAILED", "Não há cadastro ligado a este pedido: recuse-o explicando que não encontramos dados deste titular.", { field: "status" });
  }
  if (fulfilling && kind === "correction" && !input.correction) {
    throw new DomainError("BAD_REQUEST", "Informe os dados corrigidos para atender o pedido.", { field: "correction" });
  }
  // Corrected values are applied only when a correction request is fulfilled; anywhere else they would be dropped unseen.
  if (input.correction && !(fulfilling && kind === "correction")) {
    throw new DomainError("BAD_REQUEST", "Dados corrigidos só são aceitos ao atender um pedido de correção.", { field: "correction" });
  }
  let outcome: RequestOutcome = {};
  const extra: string[] = [];
  if (fulfilling && kind === "correction") {
    outcome = { corrected: await applyCorrection(tx, tenant.id, actor, subject, input.correction!, meta, now) };
  } else if (fulfilling && kind === "anonymisation") {
    if (r.lead_id) await anonymiseLead(tx, tenant.id, r.lead_id, meta, now, after);
    if (r.contact_id) await anonymiseContact(tx, tenant.id, r.contact_id, meta, now, after);
  } else if (fulfilling && kind === "deletion") {
    outcome = await eraseSubject(tx, tenant.id, subject, meta, now, after);
    extra.push(...erasureLines(outcome as Required<Pick<RequestOutcome, "deleted" | "kept">>));
  }
  // The request row itself is kept (proof of the answer); the erased subject's id may be gone from it.
  const response = closing ? [input.response, ...extra].filter(Boolean).join("\n").slice(0, 5000) : undefined;
  await tx
    .updateTable("privacy_requests")
    .set({ status: input.status, ...(closing ? { response, closed_at: now } : {}), ...(Object.keys(outcome).length ? { outcome: JSON.stringify(outcome) } : {}), updated_at: now })
    .where("id", "=", r.id)
    .execute();
  await recordAudit(tx, tenant.id, meta, { action: "privacy_request.status_changed", entityType: "privacy_request", entityId: r.id, before: { status: r.status }, after: { status: input.status, response: closing ? input.response : undefined, outcome } });
  // After anonymisation or deletion no contact is kept: the subject is not written to (the answer
  // stays on the request; the page and the conversation already gave the protocol).
  const erased = fulfilling && (kind === "anonymisation" || kind === "deletion");
  if (closing && !erased) {
    const title = input.status === "fulfilled" ? "Resposta ao seu pedido de privacidade" : "Seu pedido de privacidade não pôde ser atendido";
    const lines = [answerLine(kind, r.protocol), input.response];
    if (input.status === "fulfilled" && (kind === "access" || kind === "portability")) {
      lines.push(`Baixe seus dados (JSON, válido por ${EXPORT_LINK_DAYS} dias): ${deps.links.tenantUrl(tenant.slug, exportPath(deps.tokenSecret, r.id, "json"))}`);
    }
    await answerSubject(tx, tenant, r, title, lines, now, after);
  }
  const fresh = await requests(tx).where("id", "=", r.id).executeTakeFirstOrThrow();
  return toView(fresh, now);
}

/** Kinds that act on the subject's data and so need a lead or contact on file. */
const SUBJECT_KINDS: RequestKind[] = ["anonymisation", "deletion", "access", "portability", "correction"];

/**
 * Art. 18 III through the domain paths: the lead's details by updateLeadDetails, the CRM contact's
 * by saveContact (its other fields as they are), each writing its own audit row.
 */
async function applyCorrection(tx: TenantTx, tenantId: string, actor: Actor, subject: { leadId: string | null; contactId: string | null }, c: LeadDetailsInput, meta: AuditMeta, now: Date) {
  const changed = new Set<string>();
  if (subject.leadId) for (const f of (await updateLeadDetails(tx, tenantId, actor, subject.leadId, c, meta, now)).changed) changed.add(`lead.${f}`);
  if (subject.contactId) {
    const ct = await tx.selectFrom("contacts").selectAll().where("id", "=", subject.contactId).where("deleted_at", "is", null).executeTakeFirst();
    if (ct && !ct.anonymised_at) {
      const next = { name: c.name ?? ct.name, email: c.email !== undefined ? c.email : ct.email, phone: c.phone !== undefined ? c.phone : ct.phone };
      const input = contactInput.parse({
        name: next.name,
        email: next.email,
        phone: next.phone,
        position: ct.position,
        linkedin: ct.linkedin,
        companyId: ct.company_id,
        isPrimary: ct.is_primary,
        ownerId: ct.owner_id,
        tags: ct.tags,
        customFields: ct.custom_fields,
      });
      await saveContact(tx, tenantId, actor, ct.id, input, meta);
      for (const f of ["name", "email", "phone"] as const) if (next[f] !== ct[f]) changed.add(`contact.${f}`);
    }
  }
  return [...changed];
}

/**
 * The answer goes where the subject can read it: the e-mail on file, and, for a request written in
 * a WhatsApp conversation, that conversation (answerInConversation, as the request's opening did).
 */
async function answerSubject(tx: TenantTx, tenant: Tenant, r: Row, title: string, lines: string[], now: Date, after: AfterCommit) {
  if (r.requester_email) (after.emails ??= []).push(tenantMail(tenant, r.requester_email, privacyRequestMail({ name: tenant.name, theme: tenant.theme }, title, lines)));
  if (r.channel === "whatsapp" && r.conversation_id) await answerInConversation(tx, tenant.id, r.conversation_id, r.id, [title, ...lines], now, after);
}

/**
 * Reminds the tenant's admins once per request when 3 business days or fewer remain (or it is
 * late). Run by the maintenance sweep; returns how many requests were reminded.
 */
export async function remindPrivacyDeadlines(db: Database, tenantId: string, now: Date) {
  return withTenant(db, tenantId, async (tx) => {
    const rows = await requests(tx).where("status", "in", ["open", "in_progress"]).where("reminded_at", "is", null).execute();
    const due = rows.filter((r) => needsReminder({ status: r.status as RequestStatus, dueDate: r.due_text, remindedAt: null }, now));
    if (!due.length) return 0;
    const admins = await tx.selectFrom("users").select("id").where("role", "=", "admin").where("is_active", "=", true).execute();
    for (const r of due) {
      const dueDate = r.due_text!;
      for (const a of admins) await notify(tx, tenantId, a.id, "privacy_deadline", { requestId: r.id, protocol: r.protocol, dueDate, businessDaysLeft: businessDaysLeft(dueDate, now) }, now);
      await tx.updateTable("privacy_requests").set({ reminded_at: now }).where("id", "=", r.id).execute();
      await recordAudit(tx, tenantId, {}, { action: "privacy_request.reminded", entityType: "privacy_request", entityId: r.id, after: { dueDate } });
    }
    return due.length;
  });
}

/** Tenants reminded per sweep, most urgent first; the rest wait for the next sweep (30 s). */
const TENANTS_PER_SWEEP = 200;

/**
 * The maintenance sweep's entry: the due reminders of the tenants that have any (one read across
 * tenants names them), each in its own transaction.
 */
export async function remindAllPrivacyDeadlines(db: Database, now: Date) {
  const { rows } = await sql<{ tenant_id: string }>`select tenant_id from app_tenants_with_privacy_reminders(${firstDeadlineNotYetReminded(now)}::date, ${TENANTS_PER_SWEEP})`.execute(db);
  let reminded = 0;
  for (const t of rows) reminded += await remindPrivacyDeadlines(db, t.tenant_id, now);
  return reminded;
}
