import type { BotState, Flow, FlowStep } from "@vendaflow/validators/flow";
import { readIntent, type Intent } from "../bot/intents";
import { parseAnswer } from "../bot/parse-answer";
import type { AiReading, BotInput } from "../bot/types";
import type { AiChoice } from "./prompts";

// When the AI layer may be asked, and what it may answer. Pure: the same rules the engine runs
// decide first, and only an options step (budget bands included) whose answer they could not
// read goes to the model. Contact steps never do (the answer is personal data), free-text steps
// never need to (their keywords always decide).

export type AiTarget = AiReading["choice"];

export interface AiQuestion {
  step: FlowStep;
  answer: string;
  choices: (AiChoice & { target: AiTarget })[];
}

const INTENT_CHOICES: { key: string; intent: Intent; text: string }[] = [
  { key: "parar", intent: "opt_out", text: "O lead quer parar de receber mensagens / sair da lista" },
  { key: "humano", intent: "human", text: "O lead quer falar com uma pessoa (atendente humano)" },
  { key: "recomecar", intent: "restart", text: "O lead quer recomeçar a conversa do início" },
  { key: "ajuda", intent: "help", text: "O lead não entendeu a pergunta e pede ajuda" },
];

export function aiQuestionFor(flow: Flow, state: BotState, input: BotInput, now: Date, utcOffsetMinutes: number): AiQuestion | null {
  if (state.status !== "active" || input.kind !== "text") return null;
  const answer = input.text.trim();
  if (!answer) return null;
  const step = flow.steps.find((s) => s.id === state.stepId);
  if (!step?.options?.length || !(step.kind === "options" || step.bands)) return null;
  if (readIntent(answer)) return null;
  if (parseAnswer(step, { kind: "text", text: answer }, now, utcOffsetMinutes).ok) return null;
  return {
    step,
    answer,
    choices: [
      ...step.options.map((o, i) => ({ key: `opcao_${i + 1}`, text: o.text, target: { kind: "option" as const, optionId: o.id } })),
      ...INTENT_CHOICES.map((c) => ({ key: c.key, text: c.text, target: { kind: "intent" as const, intent: c.intent } })),
    ],
  };
}
