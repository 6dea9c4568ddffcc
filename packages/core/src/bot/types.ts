import type { AnswerDecision, AnswerValue, BantField, BotAnswer, BotState } from "@vendaflow/validators/flow";
import type { Intent, IntentReading } from "./intents";

/**
 * What the optional AI layer made of an answer the rules could not read, after the acceptance
 * policy (core/assist) let it through. The engine uses it only when its own rules fail.
 */
export interface AiReading {
  choice: { kind: "option"; optionId: string } | { kind: "intent"; intent: Intent };
  confidence: number;
  evidence: string;
  model: string;
}

export type BotInput =
  | { kind: "text"; text: string; ai?: AiReading }
  | { kind: "option"; optionId: string }
  | { kind: "timeout"; revision: number }
  | { kind: "media" }
  /**
   * A WhatsApp Flow form's answers by step id (core/whatsapp/flow-form.ts): fed to the flow one
   * step at a time as if tapped or typed in the chat. `flowToken` says which conversation's form it
   * was; the caller checks it before the engine sees the input.
   */
  | { kind: "form"; answers: Record<string, string>; flowToken?: string };

export interface ReplyOption {
  id: string;
  label: string;
  text: string;
}

// Channel-neutral; the WhatsApp/web adapters decide how to render a question (buttons, list, plain text).
export type BotReply =
  | { kind: "text"; text: string }
  | { kind: "question"; stepId: string; text: string; options?: ReplyOption[] };

export interface BantAnswer {
  stepId: string;
  value: AnswerValue;
  optionId?: string;
  score: number;
  /** What the lead typed, how it was read and the option's text: the per-answer score explanation. */
  raw?: string;
  decision?: AnswerDecision;
  label?: string;
}

export type BantData = Partial<Record<BantField, BantAnswer>>;

export type HandoffReason = "lead_requested" | "invalid_answers" | "timeout" | "qualified" | "not_qualified" | "flow_error";

// Side effects are returned as data; the caller performs them (queue, db, tags) after saving the state.
export type BotEffect =
  | { kind: "schedule_timeout"; stepId: string; revision: number; delaySeconds: number }
  | { kind: "qualify"; score: number; bantData: BantData; stage: "qualified" }
  | { kind: "not_qualified"; score: number; bantData: BantData; stage: "nurture" }
  | { kind: "handoff"; reason: HandoffReason }
  | { kind: "opt_out" }
  | { kind: "update_lead"; name?: string; email?: string }
  | { kind: "possible_duplicate_email"; email: string }
  | { kind: "close"; reason: "completed" | "timeout" }
  | { kind: "offer_scheduling"; url: string }
  | { kind: "tag"; tag: string };

export interface BotOptions {
  /** Reminders sent on silence before the flow's timeoutFallback (BOT_MAX_RETRIES). */
  maxReminders?: number;
  /** Used when a step has no timeoutSeconds (BOT_DEFAULT_TIMEOUT). */
  defaultTimeoutSeconds?: number;
  /** Filled into the scheduling URL's {leadId}. */
  leadId?: string;
  /** Offset used to read "hoje"/"amanhã" in date steps; Brazil (UTC-3) by default. */
  utcOffsetMinutes?: number;
}

/** How the engine read one text or button input: for the simulator and the logs. */
export interface Reading {
  stepId: string;
  intent?: IntentReading & { via: "rule" | "ai"; confidence?: number };
  answer?: BotAnswer;
  /** Nothing could be read: the question is asked again. */
  invalid?: boolean;
  /** The frustration signal that made the bot offer a person. */
  frustration?: string;
}

export interface BotResult {
  state: BotState;
  replies: BotReply[];
  effects: BotEffect[];
  reading?: Reading;
}
