import type { TenantTx } from "@vendaflow/db/with-tenant";
import { botStateSchema } from "@vendaflow/validators/flow";
import type { BantExplanation } from "@vendaflow/validators/bant-explanation";
import { explainBantScore } from "../bot/explain";
import { bantDataFrom } from "../bot/outcome";
import { loadFlow } from "../flows/store";
import { bantFactsFrom, type BantFacts } from "./handoff-note";

export interface BantSoFar {
  bant: BantFacts;
  score: number;
  /** Per answer: the lead's words, how they were read, the points. */
  explanation: BantExplanation;
}

/**
 * BANT answers so far: the lead's stored answers (written when the flow completes), overlaid with
 * the live bot state's, which are fresher and exist before completion (a mid-flow handoff).
 */
export async function bantSoFar(tx: TenantTx, input: { flowId: string | null; botState: unknown; leadBant: unknown; leadScore: number }): Promise<BantSoFar> {
  const stored = bantFactsFrom(input.leadBant);
  const state = botStateSchema.safeParse(input.botState);
  const flow = input.flowId ? await loadFlow(tx, input.flowId).catch(() => null) : null;
  if (!flow || !state.success || !Object.keys(state.data.answers).length) {
    return { bant: stored, score: input.leadScore, explanation: explainBantScore(input.leadBant, flow ?? undefined) };
  }
  const live = bantDataFrom(flow, state.data.answers);
  const storedRaw = input.leadBant && typeof input.leadBant === "object" ? input.leadBant : {};
  return { bant: { ...stored, ...bantFactsFrom(live) }, score: state.data.score, explanation: explainBantScore({ ...storedRaw, ...live }, flow) };
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
