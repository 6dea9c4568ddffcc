import { sql, type QueryCreator } from "kysely";
import { deferWrite } from "@vendaflow/db/deferred-writes";
import { precompiled } from "@vendaflow/db/precompiled";
import type { DB } from "@vendaflow/db/types";
import type { TenantTx } from "@vendaflow/db/with-tenant";
import type { CompanySize } from "@vendaflow/validators/crm";
import { defaultLeadScoreWeights, leadScoreWeightsSchema, type LeadScore, type LeadScoreWeights } from "@vendaflow/validators/lead-score";
import type { AfterCommit } from "../../after-commit";
import { fireAutomations } from "../../automations/fire";
import { explainBantScore } from "../../bot/explain";
import { scoreLead } from "./score";
import { cached } from "../../cache/context";
import { scoreWeightsCache } from "../../cache/hot-reads";

/**
 * The tenant's weights over the defaults (a stored key that no longer parses falls back to its
 * default). With the tenant id, from the process cache (saveScoreWeights invalidates it after its
 * commit); without it, the stored row as this transaction sees it (the recompute job's batches).
 */
export async function scoreWeights(tx: TenantTx, tenantId?: string): Promise<LeadScoreWeights> {
  return tenantId ? cached(scoreWeightsCache, tenantId, () => readWeights(tx)) : readWeights(tx);
}

async function readWeights(tx: TenantTx): Promise<LeadScoreWeights> {
  const row = await tx.selectFrom("lead_score_settings").select("weights").executeTakeFirst();
  const stored = (row?.weights ?? {}) as Record<string, unknown>;
  const out = { ...defaultLeadScoreWeights } as Record<string, unknown>;
  for (const [k, schema] of Object.entries(leadScoreWeightsSchema.shape)) {
    const v = (schema as { safeParse(x: unknown): { success: boolean; data?: unknown } }).safeParse(stored[k]);
    if (k in stored && v.success) out[k] = v.data;
  }
  return out as LeadScoreWeights;
}

export interface RecomputeOptions {
  /** Where "score changed" automations queue their jobs; without it they do not fire. */
  after?: AfterCommit | null;
  /** The tenant's weights when the caller already read them (bulk recomputes). */
  weights?: LeadScoreWeights;
  /**
   * The lead's inputs when the caller read them in one of its own statements (scoreInputs), as
   * they are now: an inbound message reads them with the statement that stores the message, whose
   * UPDATE of the lead counts it (withInboundMessage).
   */
  read?: ScoreInputs;
}

/**
 * What a lead's score is computed from, in one statement: the lead, its company, its engagement
 * (lead messages, and those answering a person: the previous message of the conversation was an
 * agent's; counted on the lead as messages arrive, engagement.ts) and its meetings. A query of its
 * own (recomputeLeadScore) or a CTE of another statement.
 */
export function scoreInputs(db: QueryCreator<DB>, leadId: string) {
  return db
    .selectFrom("leads as l")
    .leftJoin("companies as co", (j) => j.onRef("co.id", "=", "l.company_id").on("co.deleted_at", "is", null))
    .select(["l.id", "l.tenant_id", "l.score", "l.score_facts", "l.bant_data", "l.contact_id", "l.custom_fields", "co.size as company_size", "co.custom_fields as company_fields"])
    .select(sql<{ messages: number; replies: number }>`json_build_object('messages', l.engaged_messages, 'replies', l.engaged_replies)`.as("engagement"))
    .select(sql<number>`(
      select count(*)::int from activities a
      where a.type = 'meeting' and a.deleted_at is null and (a.lead_id = l.id or a.contact_id = l.contact_id))`.as("meetings"))
    .where("l.id", "=", leadId);
}

export type ScoreInputs = NonNullable<Awaited<ReturnType<ReturnType<typeof scoreInputs>["executeTakeFirst"]>>>;

/**
 * scoreInputs as one row (`score_inputs`): a CTE of the statement that stores a lead's message,
 * which reads them as of before it (CTEs share one snapshot). The same statement's UPDATE of the
 * lead counts the message (countLeadMessage) and returns the counters; withInboundMessage puts
 * them in.
 */
export function scoreInputsBeforeMessage(db: QueryCreator<DB>, leadId: string) {
  return db.selectFrom(scoreInputs(db, leadId).as("s")).select(sql<ScoreInputs>`to_jsonb(s)`.as("score_inputs"));
}

/** The inputs read before a lead's message, with the engagement the statement storing it left on the lead (the message counted). */
export function withInboundMessage(read: ScoreInputs, engagement: ScoreInputs["engagement"]): ScoreInputs {
  return { ...read, engagement };
}

/**
 * Recomputes one lead's score from its stored facts and writes it with the explanation when it
 * changed; a changed total fires "score changed" automations. Returns the score before and after.
 */
export async function recomputeLeadScore(tx: TenantTx, leadId: string, opts: RecomputeOptions = {}): Promise<{ before: number; after: LeadScore } | null> {
  const lead = opts.read ?? (await scoreInputs(tx, leadId).executeTakeFirst());
  if (!lead) return null;
  const w = opts.weights ?? (await scoreWeights(tx, lead.tenant_id));
  const { messages, replies } = lead.engagement;
  const weighted = Object.keys(w.customFields);
  const defs = weighted.length
    ? await tx.selectFrom("custom_fields").select(["id", "label", "entity_type"]).where("id", "in", weighted).where("entity_type", "in", ["lead", "company"]).where("archived_at", "is", null).execute()
    : [];
  const values = (o: unknown) => (o && typeof o === "object" ? (o as Record<string, unknown>) : {});
  const customFields = defs.map((d) => ({ fieldId: d.id, label: d.label, value: (d.entity_type === "lead" ? values(lead.custom_fields) : values(lead.company_fields))[d.id] }));
  const after = scoreLead({ bant: explainBantScore(lead.bant_data), messages, replies, meetings: lead.meetings, companySize: (lead.company_size as CompanySize | null) ?? null, customFields }, w);
  if (after.total !== lead.score || JSON.stringify(after.facts) !== JSON.stringify(lead.score_facts)) {
    // Held for the transaction's next statement: nobody reads the score before it goes.
    await deferWrite(tx, scoreWrite(tx, { score: after.total, facts: JSON.stringify(after.facts), leadId }));
  }
  if (after.total !== lead.score && opts.after) await fireAutomations(tx, lead.tenant_id, { trigger: "score_changed", entityId: leadId, data: { previous_score: lead.score, score: after.total } }, opts.after);
  return { before: lead.score, after };
}

// Most lead messages change the score: compiled once (precompiled.ts).
export const scoreWrite = precompiled("leadScore", (db, v: { score: number; facts: string; leadId: string }) =>
  db.updateTable("leads").set({ score: v.score, score_facts: v.facts, score_updated_at: sql`now()` }).where("id", "=", v.leadId),
);

/** Every lead an activity touches (its lead, the leads of its contact): meetings count for them. */
export async function recomputeForActivity(tx: TenantTx, refs: { lead_id: string | null; contact_id: string | null }, after: AfterCommit | null = null) {
  const ids = new Set<string>();
  if (refs.lead_id) ids.add(refs.lead_id);
  if (refs.contact_id) for (const l of await tx.selectFrom("leads").select("id").where("contact_id", "=", refs.contact_id).execute()) ids.add(l.id);
  const w = ids.size ? await scoreWeights(tx) : undefined;
  for (const id of ids) await recomputeLeadScore(tx, id, { weights: w, after });
}

/** The leads of a company (its size and custom fields count for them). */
export async function recomputeForCompany(tx: TenantTx, companyId: string, after: AfterCommit | null = null) {
  const leads = await tx.selectFrom("leads").select("id").where("company_id", "=", companyId).execute();
  const w = leads.length ? await scoreWeights(tx) : undefined;
  for (const l of leads) await recomputeLeadScore(tx, l.id, { weights: w, after });
}

/**
 * The tenant's next `limit` leads by id after `afterId` (null: from the first), recomputed with
 * `weights`: one batch of the recompute job (recompute-job.ts) after the weights changed. Returns
 * the last id done (null when there were none) and how many.
 */
export async function recomputeLeadScoresAfter(tx: TenantTx, tenantId: string, afterId: string | null, limit: number, weights: LeadScoreWeights, after: AfterCommit | null) {
  let q = tx.selectFrom("leads").select("id").where("tenant_id", "=", tenantId).orderBy("id").limit(limit);
  if (afterId) q = q.where("id", ">", afterId);
  const leads = await q.execute();
  for (const l of leads) await recomputeLeadScore(tx, l.id, { weights, after });
  return { lastId: leads.at(-1)?.id ?? null, count: leads.length };
}
