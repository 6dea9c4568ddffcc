import type { Database } from "@vendaflow/db/create-db";
import { withTenant, type TenantTx } from "@vendaflow/db/with-tenant";
import type { RequestKind, RequestStatus, RequestView, UpdateRequestInput } from "@vendaflow/validators/privacy";
import { sql } from "kysely";
import type { AfterCommit } from "../after-commit";
import { recordAudit, type AuditMeta } from "../audit/record";
import { privacyRequestMail } from "../email/templates";
import type { AppDeps } from "../deps";
import { DomainError } from "../errors";
import { notify } from "../notifications/notifications";
import type { Tenant } from "../tenancy/tenants";
import { anonymiseLead } from "./anonymise";
import { EXPORT_LINK_DAYS, exportPath } from "./export-link";
import { businessDaysLeft, canMove, KIND_LABEL, needsReminder } from "./request-rules";

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
    details: r.details,
    leadId: r.lead_id,
    contactId: r.contact_id,
    verifiedAt: iso(r.verified_at),
    dueDate,
    businessDaysLeft: dueDate && ["open", "in_progress"].includes(r.status) ? businessDaysLeft(dueDate, now) : null,
    response: r.response,
    createdAt: iso(r.created_at)!,
    closedAt: iso(r.closed_at),
  };
}

/** Verified requests (and expired ones when asked), the nearest deadline first. */
export async function listPrivacyRequests(tx: TenantTx, filter: { status: RequestStatus | null }, now: Date): Promise<RequestView[]> {
  let q = requests(tx);
  q = filter.status ? q.where("status", "=", filter.status) : q.where("status", "not in", ["awaiting_verification", "expired"]);
  const rows = await q.orderBy("due_date", "asc").orderBy("created_at", "asc").limit(200).execute();
  return rows.map((r) => toView(r, now));
}

/**
 * Moves a request along its workflow. Fulfilling an anonymisation request anonymises the lead in
 * the same transaction; fulfilling access or portability mails the subject a download link.
 */
export async function updatePrivacyRequest(tx: TenantTx, deps: Pick<AppDeps, "links" | "tokenSecret">, tenant: Tenant, input: UpdateRequestInput, meta: AuditMeta, now: Date, after: AfterCommit) {
  const r = await requests(tx).where("id", "=", input.id).forUpdate().executeTakeFirst();
  if (!r) throw new DomainError("NOT_FOUND", "Pedido não encontrado.");
  if (!canMove(r.status as RequestStatus, input.status)) {
    throw new DomainError("PRECONDITION_FAILED", "Este pedido não pode mudar para essa situação.", { field: "status" });
  }
  const closing = input.status !== "in_progress";
  const kind = r.kind as RequestKind;
  if (input.status === "fulfilled" && (kind === "anonymisation" || kind === "access" || kind === "portability") && !r.lead_id) {
    throw new DomainError("PRECONDITION_FAILED", "Não há cadastro ligado a este pedido: recuse-o explicando que não encontramos dados deste titular.", { field: "status" });
  }
  if (input.status === "fulfilled" && kind === "anonymisation") await anonymiseLead(tx, tenant.id, r.lead_id!, meta, now, after);
  await tx
    .updateTable("privacy_requests")
    .set({ status: input.status, ...(closing ? { response: input.response, closed_at: now } : {}), updated_at: now })
    .where("id", "=", r.id)
    .execute();
  await recordAudit(tx, tenant.id, meta, { action: "privacy_request.status_changed", entityType: "privacy_request", entityId: r.id, before: { status: r.status }, after: { status: input.status, response: closing ? input.response : undefined } });
  // After anonymisation no contact is kept: the subject is not mailed (the answer stays on the request).
  if (closing && !(input.status === "fulfilled" && kind === "anonymisation")) {
    const title = input.status === "fulfilled" ? "Resposta ao seu pedido de privacidade" : "Seu pedido de privacidade não pôde ser atendido";
    const lines = [`Protocolo: ${r.protocol} — ${KIND_LABEL[kind]}.`, input.response];
    if (input.status === "fulfilled" && (kind === "access" || kind === "portability")) {
      lines.push(`Baixe seus dados (JSON, válido por ${EXPORT_LINK_DAYS} dias): ${deps.links.tenantUrl(tenant.slug, exportPath(deps.tokenSecret, r.id, "json"))}`);
    }
    (after.emails ??= []).push({ ...privacyRequestMail({ name: tenant.name, theme: tenant.theme }, title, lines), to: r.requester_email, tenantId: tenant.id });
  }
  return toView({ ...r, status: input.status, response: closing ? input.response : r.response, closed_at: closing ? now : r.closed_at }, now);
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

/** The maintenance sweep's entry: every tenant's due reminders (tenants is a global table). */
export async function remindAllPrivacyDeadlines(db: Database, now: Date) {
  const tenants = await db.selectFrom("tenants").select("id").execute();
  let reminded = 0;
  for (const t of tenants) reminded += await remindPrivacyDeadlines(db, t.id, now);
  return reminded;
}
