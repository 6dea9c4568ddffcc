// The bot's reading of text answers, per message, in-process (no HTTP, no database): what the
// rules add on top of a button press, which the engine takes without parsing. Every corpus
// answer at its step, warm (after three passes), one run. `BENCH_ONLY=bot pnpm bench` runs
// only this section (no build needed); BOT_BENCH_PASSES sets the measured passes (default 20).
import { defaultBantFlow } from "@vendaflow/core/bot/default-flow";
import { runBot, startBot } from "@vendaflow/core/bot/engine";
import { corpus } from "@vendaflow/core/bot/eval/corpus/index";
import { EVAL_NOW } from "@vendaflow/core/bot/eval/case";
import { EVAL_STEPS } from "@vendaflow/core/bot/eval/evaluate";
import type { BotInput } from "@vendaflow/core/bot/types";
import type { BotState } from "@vendaflow/validators/flow";
import { fmt, summarize, table } from "./stats";

const ROUTE = ["Ana", "pular", "1", "1", "vendas"];
const TARGET_MS = 1;

function statesByStep(): Map<string, BotState> {
  const out = new Map<string, BotState>();
  let state = startBot(defaultBantFlow, EVAL_NOW).state;
  for (const [i, step] of EVAL_STEPS.entries()) {
    out.set(step, state);
    if (ROUTE[i]) state = runBot(defaultBantFlow, state, { kind: "text", text: ROUTE[i]! }, EVAL_NOW).state;
  }
  return out;
}

function time(runs: [BotState, BotInput][], passes: number): number[] {
  const ms: number[] = [];
  for (let p = 0; p < passes; p++) {
    for (const [state, input] of runs) {
      const t0 = performance.now();
      runBot(defaultBantFlow, state, input, EVAL_NOW);
      ms.push(performance.now() - t0);
    }
  }
  return ms;
}

export interface BotBench {
  lines: string[];
  addedMeanMs: number;
}

export function botRulesBench(passes = Number(process.env.BOT_BENCH_PASSES ?? 20)): BotBench {
  const states = statesByStep();
  const text: [BotState, BotInput][] = corpus.flatMap((c) => (c.step === "any" ? EVAL_STEPS : [c.step]).map((s) => [states.get(s)!, { kind: "text", text: c.text }] as [BotState, BotInput]));
  const authority = states.get("authority")!;
  const buttons: [BotState, BotInput][] = text.map(() => [authority, { kind: "option", optionId: "influencer" }]);
  time(text, 3);
  time(buttons, 3);
  const t = time(text, passes);
  const b = time(buttons, passes);
  const mean = (xs: number[]) => xs.reduce((a, x) => a + x, 0) / xs.length;
  const st = summarize(t);
  const sb = summarize(b);
  const added = mean(t) - mean(b);
  // Each message's best time over the passes: its own cost without GC pauses.
  const best = text.map((_, i) => Math.min(...Array.from({ length: passes }, (_, p) => t[p * text.length + i]!)));
  const worst = best.indexOf(Math.max(...best));
  const us = (ms: number) => fmt(ms * 1000, 0);
  const rows = [
    ["typed answer (rules)", String(st.count), us(mean(t)), us(st.p50), us(st.p95), us(st.p99), us(st.max)],
    ["button press (no parsing)", String(sb.count), us(mean(b)), us(sb.p50), us(sb.p95), us(sb.p99), us(sb.max)],
  ];
  return {
    addedMeanMs: added,
    lines: [
      `bot rules (in-process, ${passes} passes over ${text.length} corpus answers at their steps, warm):`,
      table(["µs per message", "n", "mean", "p50", "p95", "p99", "max"], rows),
      `  added by reading typed text: mean ${us(added)} µs, p95 ${us(st.p95 - sb.p95)} µs; target < ${TARGET_MS} ms: ${st.p95 < TARGET_MS ? "ok" : "OVER"}`,
      `  slowest message, best of ${passes}: ${us(best[worst]!)} µs (${JSON.stringify((text[worst]![1] as { text: string }).text.slice(0, 40))}); p99/max above that are GC pauses`,
    ],
  };
}
