import type { BotState, Flow } from "@vendaflow/validators/flow";
import { defaultBantFlow } from "../default-flow";
import { runBot, startBot } from "../engine";
import { messages } from "../messages";
import type { AiReading, BotResult } from "../types";
import { EVAL_NOW, type EvalCase, type EvalStep } from "./case";

// Runs corpus answers through the real engine (and, when given, the AI layer) at the step they
// answer, and scores what the bot did. Intents marked "any" are tried at every step.

export const EVAL_STEPS: EvalStep[] = ["name", "email", "budget", "authority", "need", "timeline"];
/** Answers that lead the default flow to each step. */
const ROUTE = ["Ana", "pular", "1", "1", "vendas"];

/** Reads an answer the rules could not: the AI layer in production, absent for rules alone. */
export type Interpreter = (flow: Flow, state: BotState, text: string, now: Date) => Promise<AiReading | null>;

export interface CaseResult {
  case: EvalCase;
  step: EvalStep;
  ok: boolean;
  /** What the bot did, in short. */
  got: string;
  /** The answer was read by the AI layer. */
  viaAi: boolean;
}

const states = new Map<EvalStep, BotState>();
function stateAt(step: EvalStep, flow: Flow, now: Date): BotState {
  const cached = flow === defaultBantFlow && now === EVAL_NOW ? states.get(step) : undefined;
  if (cached) return cached;
  let state = startBot(flow, now).state;
  for (const answer of ROUTE.slice(0, EVAL_STEPS.indexOf(step))) state = runBot(flow, state, { kind: "text", text: answer }, now).state;
  if (state.stepId !== step) throw new Error(`eval: could not reach step ${step} (at ${state.stepId})`);
  if (flow === defaultBantFlow && now === EVAL_NOW) states.set(step, state);
  return state;
}

function describe(step: EvalStep, r: BotResult): string {
  const kinds = r.effects.map((e) => (e.kind === "handoff" ? `handoff:${e.reason}` : e.kind));
  if (kinds.includes("opt_out")) return "intent:opt_out";
  if (kinds.includes("handoff:lead_requested")) return "intent:human";
  if (r.replies.some((x) => x.text === messages.restart)) return "intent:restart";
  if (r.replies.some((x) => x.text === messages.help)) return "intent:help";
  const a = r.state.answers[step];
  if (r.reading?.invalid || !a) return "invalid";
  if (a.optionId) return `option:${a.optionId}`;
  if (step === "need") return `keywords:${(a.decision?.keywords ?? []).map((k) => k.keyword).sort().join("+")}`;
  if (a.value === null) return "skip";
  return `${step}:${String(a.value)}`;
}

function expected(c: EvalCase): string {
  const e = c.expect;
  if ("intent" in e) return `intent:${e.intent}`;
  if ("option" in e) return `option:${e.option}`;
  if ("keywords" in e) return `keywords:${[...e.keywords].sort().join("+")}`;
  if ("name" in e) return `name:${e.name}`;
  if ("email" in e) return `email:${e.email}`;
  if ("skip" in e) return "skip";
  return "invalid";
}

export async function evaluateCase(c: EvalCase, step: EvalStep, opts: { flow?: Flow; now?: Date; interpret?: Interpreter } = {}): Promise<CaseResult> {
  const flow = opts.flow ?? defaultBantFlow;
  const now = opts.now ?? EVAL_NOW;
  const state = stateAt(step, flow, now);
  const ai = opts.interpret ? await opts.interpret(flow, state, c.text, now) : null;
  const r = runBot(flow, state, { kind: "text", text: c.text, ...(ai ? { ai } : {}) }, now);
  const got = describe(step, r);
  const offered = r.replies.some((x) => x.text === messages.offerHuman);
  const wantOffer = !!c.frustrated;
  const isIntent = "intent" in c.expect;
  const ok = got === expected(c) && (isIntent || offered === wantOffer);
  const viaAi = r.reading?.answer?.decision?.via === "ai" || r.reading?.intent?.via === "ai";
  return { case: c, step, ok, got: offered && !wantOffer && !isIntent ? `${got} (+offered a person)` : got, viaAi };
}

export interface EvalRow {
  group: string;
  total: number;
  correct: number;
  viaAi: number;
}

export interface EvalReport {
  rows: EvalRow[];
  total: EvalRow;
  failures: CaseResult[];
  /** Mean engine time per answer (ms), rules and AI together. */
  msPerAnswer: number;
}

/** Every case at its step ("any" at every step), grouped by step for answers and by intent for commands. */
export async function evaluate(cases: EvalCase[], opts: { flow?: Flow; now?: Date; interpret?: Interpreter } = {}): Promise<EvalReport> {
  const rows = new Map<string, EvalRow>();
  const failures: CaseResult[] = [];
  const total: EvalRow = { group: "total", total: 0, correct: 0, viaAi: 0 };
  const started = performance.now();
  let runs = 0;
  for (const c of cases) {
    for (const step of c.step === "any" ? EVAL_STEPS : [c.step]) {
      const r = await evaluateCase(c, step, opts);
      runs++;
      const group = "intent" in c.expect ? `intent ${c.expect.intent}` : c.frustrated ? "frustration" : `step ${step}`;
      const row = rows.get(group) ?? { group, total: 0, correct: 0, viaAi: 0 };
      for (const x of [row, total]) {
        x.total++;
        if (r.ok) x.correct++;
        if (r.viaAi) x.viaAi++;
      }
      rows.set(group, row);
      if (!r.ok) failures.push(r);
    }
  }
  return { rows: [...rows.values()], total, failures, msPerAnswer: (performance.now() - started) / Math.max(1, runs) };
}

const pct = (r: EvalRow) => `${((100 * r.correct) / Math.max(1, r.total)).toFixed(1)}%`;

/** The report as a plain-text table. */
export function formatReport(title: string, report: EvalReport, showAi: boolean): string {
  const head = ["group", "answers", "correct", "accuracy", ...(showAi ? ["read by AI"] : [])];
  const line = (r: EvalRow) => [r.group, String(r.total), String(r.correct), pct(r), ...(showAi ? [String(r.viaAi)] : [])];
  const rows = [head, ...report.rows.map(line), line(report.total)];
  const widths = head.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const fmt = (r: string[]) => r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join("  ");
  return [title, fmt(head), widths.map((w) => "-".repeat(w)).join("  "), ...rows.slice(1, -1).map(fmt), fmt(rows[rows.length - 1]!)].join("\n");
}
