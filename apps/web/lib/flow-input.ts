import type { BotInput } from "@vendaflow/core/bot/types";
import type { Flow } from "@vendaflow/validators/flow";
import { conversations as conversationsText } from "@/lib/i18n/pt-br/conversations";
import { flows as flowsText } from "@/lib/i18n/pt-br/flows";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { flows: flowsText, conversations: conversationsText };

/** What the lead answered at a step, as the lead page reads it: the option's label, else the text; a blank field was not answered. */
function answerText(flow: Flow, stepId: string | null, value: string): string {
  if (value === "") return t.conversations.skipped;
  const option = flow.steps.find((s) => s.id === stepId)?.options?.find((o) => o.id === value);
  return option?.label ?? value;
}

/**
 * A lead's input in the flow simulator's words. A WhatsApp Flow form arrives keyed by step id with
 * option ids as values (whatsapp/flow-form.ts); the admin wrote questions and labels, so each answer
 * reads as its question, then the answer.
 */
export function leadInputText(flow: Flow, input: BotInput, askedStep: string | null): string {
  switch (input.kind) {
    case "text":
      return input.text;
    case "option":
      return answerText(flow, askedStep, input.optionId);
    case "media":
      return t.flows.media;
    case "timeout":
      return t.flows.timeoutInput;
    case "form":
      return Object.entries(input.answers)
        .map(([stepId, value]) => `${flow.steps.find((s) => s.id === stepId)?.question ?? stepId}\n${answerText(flow, stepId, value)}`)
        .join("\n\n");
  }
}
