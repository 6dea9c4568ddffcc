// One answer a lead might type, and what the bot must make of it. The corpus is written for the
// seed's default BANT flow (its step and option ids) and read with the clock at EVAL_NOW.

export type EvalStep = "name" | "email" | "budget" | "authority" | "need" | "timeline";
export type EvalIntent = "opt_out" | "human" | "help" | "restart";

export type Expectation =
  | { option: string }
  /** Need step: the keywords credited (the score follows from the flow's keyword scores). */
  | { keywords: string[] }
  | { name: string }
  | { email: string }
  | { skip: true }
  /** The rules must re-ask rather than guess. */
  | { invalid: true }
  | { intent: EvalIntent };

export interface EvalCase {
  /** "any": asked at every step of the flow (intents must win everywhere). */
  step: EvalStep | "any";
  text: string;
  expect: Expectation;
  /** The bot must offer a human (frustration), and only then. */
  frustrated?: boolean;
  /** Written after the rules were tuned (corpus/held-out.ts); reported on its own. */
  heldOut?: boolean;
}

/** Tuesday, 10 June 2025, 09:00 in Brasília: "sexta", "lá pra março" and "fim do mês" are read from here. */
export const EVAL_NOW = new Date("2025-06-10T12:00:00Z");

export const opt = (step: EvalStep, option: string, ...texts: string[]): EvalCase[] => texts.map((text) => ({ step, text, expect: { option } }));
export const invalid = (step: EvalStep, ...texts: string[]): EvalCase[] => texts.map((text) => ({ step, text, expect: { invalid: true } }));
export const intent = (i: EvalIntent, ...texts: string[]): EvalCase[] => texts.map((text) => ({ step: "any", text, expect: { intent: i } }));
