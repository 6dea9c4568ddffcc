import type { TenantTx } from "@vendaflow/db/with-tenant";
import { DomainError } from "../errors";
import { leadCampaign } from "../leads/campaign";

/** A lead's page: its facts, the contact / company it became, and its latest conversation. */
export async function getLeadRecord(tx: TenantTx, id: string) {
  const lead = await tx
    .selectFrom("leads as l")
    .leftJoin("contacts as ct", (j) => j.onRef("ct.id", "=", "l.contact_id").on("ct.deleted_at", "is", null))
    .leftJoin("companies as co", (j) => j.onRef("co.id", "=", "l.company_id").on("co.deleted_at", "is", null))
    .select(["l.id", "l.name", "l.email", "l.phone", "l.company", "l.source", "l.stage", "l.bant_score", "l.tags", "l.contact_id", "l.company_id", "l.converted_at", "l.custom_fields", "l.created_at", "l.source_details", "l.possible_duplicate_of", "ct.name as contact_name", "co.name as company_name"])
    .where("l.id", "=", id)
    .executeTakeFirst();
  if (!lead) throw new DomainError("NOT_FOUND", "Lead não encontrado.");
  const conversation = await tx.selectFrom("conversations").select("id").where("lead_id", "=", id).orderBy("created_at", "desc").orderBy("id", "desc").limit(1).executeTakeFirst();
  // The lead flagged as this one's duplicate (same e-mail), or one flagged as this one's: the page offers the merge.
  const duplicate = await tx
    .selectFrom("leads")
    .select(["id", "name", "email", "source", "created_at"])
    .where((eb) => eb.or([eb("id", "=", lead.possible_duplicate_of ?? id), eb("possible_duplicate_of", "=", id)]))
    .where("id", "!=", id)
    .where("anonymised_at", "is", null)
    .orderBy("created_at")
    .limit(1)
    .executeTakeFirst();
  const { source_details, possible_duplicate_of: _dup, ...fields } = lead;
  return { ...fields, campaign: leadCampaign(source_details), conversation_id: conversation?.id ?? null, duplicate: duplicate ?? null };
}
