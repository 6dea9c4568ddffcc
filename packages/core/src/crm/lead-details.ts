import type { TenantTx } from "@vendaflow/db/with-tenant";
import type { LeadDetailsInput } from "@vendaflow/validators/crm";
import { recordAudit, type AuditMeta } from "../audit/record";
import { DomainError } from "../errors";
import { flagDuplicateEmail } from "../leads/identify";
import { assertCanWork, type Actor } from "./access";

/**
 * The one path that edits a lead's own details (name, e-mail, phone, company): the lead page and
 * a fulfilled LGPD correction request (art. 18 III) both come here. Only the fields given change;
 * the audit row keeps what they were and what they became; an e-mail another lead has is flagged
 * as a possible duplicate, never merged. An anonymised lead cannot be edited back into a person.
 */
export async function updateLeadDetails(tx: TenantTx, tenantId: string, actor: Actor, leadId: string, input: LeadDetailsInput, meta: AuditMeta, now: Date) {
  const lead = await tx.selectFrom("leads").select(["id", "name", "email", "phone", "company", "anonymised_at"]).where("id", "=", leadId).forNoKeyUpdate().executeTakeFirst();
  if (!lead) throw new DomainError("NOT_FOUND", "Lead não encontrado.");
  assertCanWork(actor, null);
  if (lead.anonymised_at) throw new DomainError("PRECONDITION_FAILED", "Este lead foi anonimizado e não pode mais ser editado.");
  const set: { name?: string; email?: string | null; phone?: string | null; company?: string | null } = {};
  if (input.name !== undefined && input.name !== lead.name) set.name = input.name;
  if (input.email !== undefined && input.email !== lead.email) set.email = input.email;
  if (input.phone !== undefined && input.phone !== lead.phone) set.phone = input.phone;
  if (input.company !== undefined && input.company !== lead.company) set.company = input.company;
  const fields = Object.keys(set) as (keyof typeof set)[];
  if (!fields.length) return { id: leadId, changed: [] as string[] };
  await tx.updateTable("leads").set({ ...set, updated_at: now }).where("id", "=", leadId).execute();
  if (set.email) await flagDuplicateEmail(tx, leadId, set.email);
  await recordAudit(tx, tenantId, meta, {
    action: "lead.update",
    entityType: "lead",
    entityId: leadId,
    before: Object.fromEntries(fields.map((f) => [f, lead[f]])),
    after: set,
  });
  return { id: leadId, changed: fields as string[] };
}
