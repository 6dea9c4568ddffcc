import { AI_NO_CHOICE, type AiCallOutcome, type AiClassification } from "@vendaflow/validators/ai";
import { normalize } from "../bot/normalize";
import type { AiReading } from "../bot/types";
import type { AiQuestion } from "./question";

// The deterministic gate between a model's answer and the engine: the model proposes, this
// decides. Below the threshold, an unknown id, or evidence the lead never typed → the engine
// re-asks with the options, as it would without the AI. Scores still come from the flow.

/** Acting on a command ends or hands off the conversation: it needs more certainty than an option. */
export const INTENT_MARGIN = 0.1;

export type Verdict = { outcome: "accepted"; reading: AiReading } | { outcome: Exclude<AiCallOutcome, "accepted" | "summarized" | "timeout" | "rate_limited" | "malformed" | "provider_error"> };

export function judge(q: AiQuestion, c: AiClassification, threshold: number, model: string): Verdict {
  if (c.choice === AI_NO_CHOICE) return { outcome: "no_choice" };
  const choice = q.choices.find((x) => x.key === c.choice);
  if (!choice) return { outcome: "invalid_choice" };
  const needed = choice.target.kind === "intent" ? Math.min(1, threshold + INTENT_MARGIN) : threshold;
  if (c.confidence < needed) return { outcome: "below_threshold" };
  // The justification must be the lead's own words: a model that cites text the lead never typed is guessing.
  const said = normalize(q.answer);
  const evidence = c.evidence.map((e) => normalize(e)).filter((e) => e.length > 0 && said.includes(e));
  if (!evidence.length) return { outcome: "unsupported" };
  return { outcome: "accepted", reading: { choice: choice.target, confidence: c.confidence, evidence: evidence.join(" … ").slice(0, 200), model } };
}
