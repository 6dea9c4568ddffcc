import type { AnswerValue, BantField, BotState } from "@vendaflow/validators/flow";

export type BotInput =
  | { kind: "text"; text: string }
  | { kind: "option"; optionId: string }
  | { kind: "timeout"; revision: number }
  | { kind: "media" };

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

export interface BotResult {
  state: BotState;
  replies: BotReply[];
  effects: BotEffect[];
}
