import type { TenantTx } from "@vendaflow/db/with-tenant";
import { DomainError } from "../errors";

export type MarketingRefusal = { code: "marketing_consent_revoked" | "marketing_consent" | "lead_opted_out"; title: string };

/**
 * The one gate for marketing to a lead (WhatsApp marketing templates, campaigns, automations): the
 * ledger's latest marketing row must be a grant and the lead must not have opted out. Returns why
 * not, or null when marketing is allowed.
 */
export async function marketingRefusal(tx: TenantTx, leadId: string): Promise<MarketingRefusal | null> {
  const lead = await tx.selectFrom("leads").select("opted_out_at").where("id", "=", leadId).executeTakeFirst();
  if (!lead) return { code: "marketing_consent", title: "Lead não encontrado" };
  const row = await tx
    .selectFrom("consents")
    .select(["granted", "revokes_id"])
    .where("lead_id", "=", leadId)
    .where("purpose", "=", "marketing")
    .orderBy("created_at", "desc")
    .orderBy("revokes_id", (ob) => ob.desc().nullsLast())
    .limit(1)
    .executeTakeFirst();
  if (row?.revokes_id) return { code: "marketing_consent_revoked", title: "O lead revogou o consentimento de marketing" };
  if (!row?.granted) return { code: "marketing_consent", title: "Template de marketing exige o consentimento de marketing do lead" };
  if (lead.opted_out_at) return { code: "lead_opted_out", title: "O lead pediu para não receber mensagens" };
  return null;
}

/** Throws a pt-BR PRECONDITION_FAILED when marketing to this lead is not allowed. */
export async function assertMarketingAllowed(tx: TenantTx, leadId: string) {
  const refusal = await marketingRefusal(tx, leadId);
  if (refusal) throw new DomainError("PRECONDITION_FAILED", `${refusal.title}.`, { code: refusal.code });
}
