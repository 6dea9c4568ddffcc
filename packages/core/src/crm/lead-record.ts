import type { TenantTx } from "@vendaflow/db/with-tenant";
import { DomainError } from "../errors";
import { leadCampaign } from "../leads/campaign";

/** A lead's page: its facts, the contact / company it became, and its latest conversation. */
export async function getLeadRecord(tx: TenantTx, id: string) {
  const lead = await tx
    .selectFrom("leads as l")
    .leftJoin("contacts as ct", (j) => j.onRef("ct.id", "=", "l.contact_id").on("ct.deleted_at", "is", null))
    .leftJoin("companies as co", (j) => j.onRef("co.id", "=", "l.company_id").on("co.deleted_at", "is", null))
    .select(["l.id", "l.name", "l.email", "l.phone", "l.company", "l.source", "l.stage", "l.bant_score", "l.tags", "l.contact_id", "l.company_id", "l.converted_at", "l.custom_fields", "l.created_at", "l.source_details", "ct.name as contact_name", "co.name as company_name"])
    .where("l.id", "=", id)
    .executeTakeFirst();
  if (!lead) throw new DomainError("NOT_FOUND", "Lead não encontrado.");
  const conversation = await tx.selectFrom("conversations").select("id").where("lead_id", "=", id).orderBy("created_at", "desc").orderBy("id", "desc").limit(1).executeTakeFirst();
  const { source_details, ...fields } = lead;
  return { ...fields, campaign: leadCampaign(source_details), conversation_id: conversation?.id ?? null };
}
