// Test-only helpers for driving the engine through a conversation.
import type { BotState, Flow } from "@vendaflow/validators/flow";
import { defaultBantFlow } from "./default-flow";
import { runBot, startBot } from "./engine";
import type { BotInput, BotOptions, BotResult } from "./types";

export const NOW = new Date("2025-06-10T12:00:00Z");

export const text = (value: string): BotInput => ({ kind: "text", text: value });
export const option = (optionId: string): BotInput => ({ kind: "option", optionId });
export const timeout = (revision: number): BotInput => ({ kind: "timeout", revision });
export const media: BotInput = { kind: "media" };

export interface Play {
  flow?: Flow;
  options?: BotOptions;
  contact?: BotState["contact"];
}

/** startBot, then each input in turn; results[0] is the start. */
export function play(inputs: (BotInput | string)[], { flow = defaultBantFlow, options = {}, contact = {} }: Play = {}): BotResult[] {
  const results = [startBot(flow, NOW, contact, options)];
  for (const input of inputs) {
    const previous = results[results.length - 1]!;
    results.push(runBot(flow, previous.state, typeof input === "string" ? text(input) : input, NOW, options));
  }
  return results;
}

export function last(results: BotResult[]): BotResult {
  return results[results.length - 1]!;
}

export const STEP_IDS = ["name", "email", "budget", "authority", "need", "timeline"] as const;

/** Answers that lead the default flow up to each step. */
const ROUTE = ["Ana", "pular", "1", "1", "vendas"];

export function reach(stepId: (typeof STEP_IDS)[number], setup: Play = {}): BotResult {
  return last(play(ROUTE.slice(0, STEP_IDS.indexOf(stepId)), setup));
}

export function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object") {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
