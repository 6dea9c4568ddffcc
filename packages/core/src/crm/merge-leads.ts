import type { TenantTx } from "@vendaflow/db/with-tenant";
import type { LeadMergeInput } from "@vendaflow/validators/crm";
import { recordAudit, type AuditMeta } from "../audit/record";
import { DomainError } from "../errors";
import { absorbLead } from "../leads/merge";
import { lockLeadSenders } from "../conversations/sender-locks";
import { assertCanWork, type Actor } from "./access";

/**
 * Two leads that are one person (the same e-mail flagged as a possible duplicate, or a widget
 * visitor who later wrote on WhatsApp) become one on the lead page: `keepId` stays and takes
 * everything of `mergeId`, which is gone (leads/merge.ts says what wins). Two different WhatsApp
 * identities are refused: a lead answers on one, and the other would start a new lead at its next
 * message. Not undoable; the audit rows keep what the merged lead was. Viewers cannot merge.
 */
export async function mergeLeads(tx: TenantTx, tenantId: string, actor: Actor, input: LeadMergeInput, meta: AuditMeta, now: Date) {
  assertCanWork(actor, null);
  if (input.keepId === input.mergeId) throw new DomainError("BAD_REQUEST", "Escolha dois leads diferentes para mesclar.", { field: "mergeId" });
  // The keep lead takes the other's keys: under both leads' sender locks, taken before their rows
  // as an inbound message takes them (sender-locks.ts), so a team message racing the merge and a
  // message from the moved keys come one after the other.
  await lockLeadSenders(tx, tenantId, [input.keepId, input.mergeId]);
  // Both locked, in id order, so two merges crossing the same pair cannot deadlock.
  const rows = await tx
    .selectFrom("leads")
    .select(["id", "name", "email", "phone", "source", "stage", "created_at", "anonymised_at", "wa_id", "wa_user_id"])
    .where("id", "in", [input.keepId, input.mergeId])
    .orderBy("id")
    .forUpdate()
    .execute();
  const keep = rows.find((r) => r.id === input.keepId);
  const gone = rows.find((r) => r.id === input.mergeId);
  if (!keep || !gone) throw new DomainError("NOT_FOUND", "Lead não encontrado.");
  if (keep.anonymised_at || gone.anonymised_at) throw new DomainError("PRECONDITION_FAILED", "Um lead anonimizado não pode ser mesclado.");
  if ((["wa_id", "wa_user_id"] as const).some((k) => keep[k] && gone[k] && keep[k] !== gone[k])) {
    throw new DomainError("PRECONDITION_FAILED", "Os dois leads têm contas de WhatsApp diferentes e não podem ser mesclados.", { field: "mergeId" });
  }
  await absorbLead(tx, tenantId, keep.id, gone.id, now, actor.userId);
  const { anonymised_at: _a, ...was } = gone;
  await recordAudit(tx, tenantId, meta, { action: "lead.merge", entityType: "lead", entityId: keep.id, before: { merged: was }, after: { mergedId: gone.id } });
  return { id: keep.id };
}
