import type { FlowStep } from "@vendaflow/validators/flow";
import type { BotReply } from "./types";

/** "1. Imediatamente\n2. Próximos 30 dias" — for channels without buttons and for re-asks. */
export function numberedOptions(step: FlowStep): string {
  return (step.options ?? []).map((o, i) => `${i + 1}. ${o.text}`).join("\n");
}

/** The question as a reply; `numbered` appends the options to the text so they can be answered by number. */
export function questionReply(step: FlowStep, numbered = false): BotReply {
  const options = step.options?.map(({ id, label, text }) => ({ id, label, text }));
  const list = numbered && options?.length ? `\n\n${numberedOptions(step)}` : "";
  return {
    kind: "question",
    stepId: step.id,
    text: step.question + list,
    ...(options?.length ? { options } : {}),
  };
}
