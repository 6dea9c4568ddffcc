import type { TenantTx } from "@vendaflow/db/with-tenant";
import type { BotState, Flow } from "@vendaflow/validators/flow";
import type { AiReading, BotInput } from "../bot/types";
import type { AiLayerConfig, AppDeps } from "../deps";
import type { AiModel } from "../ports/ai-model";
import { modelFor } from "./gate";
import { judge } from "./policy";
import { CLASSIFY_PROMPT_VERSION, classifyPrompt } from "./prompts";
import { aiQuestionFor, type AiQuestion } from "./question";
import { recordAiCall } from "./store";

/** One model call on one question and the policy's verdict; no database (pnpm eval uses it alone). */
export async function askModel(model: AiModel, q: AiQuestion, cfg: Pick<AiLayerConfig, "threshold" | "timeoutMs">) {
  const r = await model.classify(classifyPrompt(q.step.question, q.choices, q.answer, cfg.timeoutMs));
  const verdict = r.ok ? judge(q, r.value, cfg.threshold, `${model.provider}/${model.model}`) : null;
  return { r, verdict };
}

export interface AiContext {
  tenantId: string;
  conversationId: string | null;
  utcOffsetMinutes: number;
}

/**
 * Asks the model about an answer the rules could not read, when this tenant may; returns the
 * reading the policy accepted (for `input.ai`) or undefined. Every call is logged and counted;
 * a timeout, 429, provider error or malformed answer is logged and the rules carry on alone.
 * Runs inside the conversation's transaction: the timeout (AI_TIMEOUT_MS) bounds how long the
 * row lock is held, and the log row commits with the answer it explains.
 */
export async function readWithAi(deps: Pick<AppDeps, "ai">, tx: TenantTx, ctx: AiContext, flow: Flow, state: BotState, input: BotInput, now: Date): Promise<AiReading | undefined> {
  if (!deps.ai.model || deps.ai.killSwitch) return undefined;
  const q = aiQuestionFor(flow, state, input, now, ctx.utcOffsetMinutes);
  if (!q) return undefined;
  const model = await modelFor(tx, deps.ai, now);
  if (!model) return undefined;
  const { r, verdict } = await askModel(model, q, deps.ai);
  await recordAiCall(tx, ctx.tenantId, now, {
    conversationId: ctx.conversationId,
    purpose: "classify",
    stepId: q.step.id,
    provider: model.provider,
    model: model.model,
    promptVersion: CLASSIFY_PROMPT_VERSION,
    latencyMs: r.latencyMs,
    usage: r.usage,
    outcome: r.ok ? verdict!.outcome : r.failure,
    choice: r.ok ? r.value.choice : null,
    confidence: r.ok ? r.value.confidence : null,
  });
  return verdict?.outcome === "accepted" ? verdict.reading : undefined;
}
