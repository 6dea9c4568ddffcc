import { bantFields, type BantField, type BotState, type Flow } from "@vendaflow/validators/flow";
import type { BantData } from "./types";

/** BANT answers keyed by field, for the lead record and the agent's view. */
export function bantDataFrom(flow: Flow, answers: BotState["answers"]): BantData {
  const data: BantData = {};
  for (const step of flow.steps) {
    const answer = answers[step.id];
    const field = step.field as BantField | undefined;
    if (!answer || !field || !bantFields.includes(field)) continue;
    const option = answer.optionId !== undefined ? step.options?.find((o) => o.id === answer.optionId) : undefined;
    data[field] = {
      stepId: step.id,
      value: answer.value,
      score: answer.score,
      ...(answer.optionId !== undefined ? { optionId: answer.optionId } : {}),
      raw: answer.raw,
      ...(answer.decision ? { decision: answer.decision } : {}),
      ...(option ? { label: option.text } : {}),
    };
  }
  return data;
}

/** Fills {name}, {email} and {leadId}, URL-encoded; unknown values become empty. */
export function fillSchedulingUrl(template: string, values: { name?: string; email?: string; leadId?: string }): string {
  return template.replace(/\{(name|email|leadId)\}/g, (_, key: "name" | "email" | "leadId") =>
    encodeURIComponent(values[key] ?? ""),
  );
}
