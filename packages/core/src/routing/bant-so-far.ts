import type { TenantTx } from "@vendaflow/db/with-tenant";
import { botStateSchema } from "@vendaflow/validators/flow";
import { bantDataFrom } from "../bot/outcome";
import { loadFlow } from "../flows/store";
import { bantFactsFrom, type BantFacts } from "./handoff-note";

export interface BantSoFar {
  bant: BantFacts;
  score: number;
}

/**
 * BANT answers so far: the lead's stored answers (written when the flow completes), overlaid with
 * the live bot state's, which are fresher and exist before completion (a mid-flow handoff).
 */
export async function bantSoFar(tx: TenantTx, input: { flowId: string | null; botState: unknown; leadBant: unknown; leadScore: number }): Promise<BantSoFar> {
  const stored = bantFactsFrom(input.leadBant);
  const state = botStateSchema.safeParse(input.botState);
  if (!input.flowId || !state.success || !Object.keys(state.data.answers).length) return { bant: stored, score: input.leadScore };
  const flow = await loadFlow(tx, input.flowId).catch(() => null);
  if (!flow) return { bant: stored, score: input.leadScore };
  return { bant: { ...stored, ...bantFactsFrom(bantDataFrom(flow, state.data.answers)) }, score: state.data.score };
}

/** The same for one conversation, read from the database. */
export async function conversationBant(tx: TenantTx, conversationId: string): Promise<BantSoFar & { tags: string[] }> {
  const row = await tx
    .selectFrom("conversations as c")
    .innerJoin("leads as l", "l.id", "c.lead_id")
    .select(["c.flow_id", "c.bot_state", "l.bant_data", "l.bant_score", "l.tags"])
    .where("c.id", "=", conversationId)
    .executeTakeFirstOrThrow();
  const so = await bantSoFar(tx, { flowId: row.flow_id, botState: row.bot_state, leadBant: row.bant_data, leadScore: row.bant_score });
  return { ...so, tags: row.tags };
}
