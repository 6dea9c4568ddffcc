import { sql } from "kysely";
import type { TenantTx } from "@vendaflow/db/with-tenant";
import { invalidateAfterCommit, type AfterCommit } from "../../after-commit";
import { scoreWeightsCache } from "../../cache/hot-reads";
import type { LeadScoreWeights } from "@vendaflow/validators/lead-score";
import { leadScoreFactSchema } from "@vendaflow/validators/lead-score";
import { z } from "zod";
import { recordAudit, type AuditMeta } from "../../audit/record";
import { DomainError } from "../../errors";
import { scoreWeights } from "./recompute";
import { startRecompute } from "./recompute-job";

export const getScoreWeights = (tx: TenantTx) => scoreWeights(tx);

/**
 * Saves the tenant's weights (admins) and starts recomputing every lead's score in the background
 * (recompute-job.ts: queued after the commit, in batches; a save during a recompute restarts it).
 * A weighted custom field must be one of the tenant's lead or company fields.
 */
export async function saveScoreWeights(tx: TenantTx, tenantId: string, input: Partial<LeadScoreWeights>, meta: AuditMeta, after: AfterCommit | null = null) {
  const before = await scoreWeights(tx);
  const next = { ...before, ...input };
  const ids = Object.keys(next.customFields);
  if (ids.length) {
    const found = await tx.selectFrom("custom_fields").select("id").where("id", "in", ids).where("entity_type", "in", ["lead", "company"]).execute();
    const missing = ids.find((id) => !found.some((f) => f.id === id));
    if (missing) throw new DomainError("BAD_REQUEST", "Campo personalizado não encontrado (use um campo de lead ou de empresa).", { field: `customFields.${missing}` });
  }
  await tx
    .insertInto("lead_score_settings")
    .values({ tenant_id: tenantId, weights: JSON.stringify(next) })
    .onConflict((oc) => oc.column("tenant_id").doUpdateSet({ weights: JSON.stringify(next), updated_at: sql<Date>`now()` }))
    .execute();
  invalidateAfterCommit(after, scoreWeightsCache, tenantId);
  const recompute = await startRecompute(tx, tenantId, after);
  await recordAudit(tx, tenantId, meta, { action: "lead_score.weights", entityType: "lead_score_settings", entityId: null, before, after: next });
  return { weights: next, recompute };
}

/** One lead's score and its explanation, fact by fact. */
export async function getLeadScore(tx: TenantTx, leadId: string) {
  const row = await tx.selectFrom("leads").select(["id", "score", "bant_score", "score_facts", "score_updated_at"]).where("id", "=", leadId).executeTakeFirst();
  if (!row) throw new DomainError("NOT_FOUND", "Lead não encontrado.");
  const facts = z.array(leadScoreFactSchema).safeParse(row.score_facts);
  return { leadId: row.id, score: row.score, bantScore: row.bant_score, facts: facts.success ? facts.data : [], updatedAt: row.score_updated_at };
}
