import type { TenantTx } from "@vendaflow/db/with-tenant";
import type { BantExplanation } from "@vendaflow/validators/bant-explanation";
import type { AppDeps } from "../deps";
import { modelFor } from "./gate";
import { SUMMARY_PROMPT_VERSION, summaryPrompt } from "./prompts";
import { recordAiCall } from "./store";

const SUMMARY_MAX = 600;

/**
 * The handoff note's summary written by the model when the layer is on for this tenant; null
 * (the note then uses its template summary) when it is off, fails or answers nothing. Internal:
 * only agents read it, never the lead.
 */
export async function aiHandoffSummary(deps: Pick<AppDeps, "ai" | "now">, tx: TenantTx, tenantId: string, conversationId: string | null, explanation: BantExplanation, reason: string | null): Promise<string | null> {
  const answered = explanation.items.filter((i) => i.answer || i.optionText);
  if (!answered.length) return null;
  const now = deps.now();
  const model = await modelFor(tx, deps.ai, now);
  if (!model) return null;
  const r = await model.summarize(summaryPrompt(answered, reason, deps.ai.timeoutMs));
  const text = r.ok ? r.value.replace(/\s+/g, " ").trim().slice(0, SUMMARY_MAX) : "";
  await recordAiCall(tx, tenantId, now, {
    conversationId,
    purpose: "summary",
    provider: model.provider,
    model: model.model,
    promptVersion: SUMMARY_PROMPT_VERSION,
    latencyMs: r.latencyMs,
    usage: r.usage,
    outcome: r.ok ? (text ? "summarized" : "malformed") : r.failure,
  });
  return text || null;
}
