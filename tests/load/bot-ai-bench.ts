// The AI path's added latency per message: an answer the rules cannot read goes through the real
// AI SDK (openai-compatible provider) to the local stand-in and back through the acceptance
// policy, then the engine. Against a stand-in that answers at once, so this is our side's cost
// (prompt, HTTP, JSON parse, zod, policy) — a real provider adds its own seconds on top, bounded
// by AI_TIMEOUT_MS. `BENCH_ONLY=bot pnpm bench` runs it after the rules section.
import { aiSdkModel } from "@vendaflow/connectors/ai/ai-sdk-model";
import { aiQuestionFor } from "@vendaflow/core/assist/question";
import { askModel } from "@vendaflow/core/assist/read-with-ai";
import { defaultBantFlow } from "@vendaflow/core/bot/default-flow";
import { BOT_DEFAULTS, runBot, startBot } from "@vendaflow/core/bot/engine";
import { EVAL_NOW } from "@vendaflow/core/bot/eval/case";
import { AI_LAYER_DEFAULTS } from "@vendaflow/core/deps";
import type { BotState } from "@vendaflow/validators/flow";
import { startAiStandIn } from "../stand-ins/ai-provider";
import { fmt, summarize, table } from "./stats";

/** Answers the rules re-ask at the budget and authority steps (checked below), so each one reaches the model. */
const UNREAD = [
  ["budget", "coisa pequena por enquanto"],
  ["budget", "depende do retorno que der"],
  ["budget", "o mínimo possível no começo"],
  ["authority", "a patroa aqui é complicada"],
  ["authority", "tem mais gente envolvida nisso"],
  ["authority", "hmm, boa pergunta essa"],
] as const;

function stateAt(step: string): BotState {
  let s = startBot(defaultBantFlow, EVAL_NOW).state;
  for (const text of ["Ana", "pular", "1"]) {
    if (s.stepId === step) break;
    s = runBot(defaultBantFlow, s, { kind: "text", text }, EVAL_NOW).state;
  }
  return s;
}

export async function botAiBench(rounds = Number(process.env.BOT_AI_BENCH_ROUNDS ?? 50)): Promise<string[]> {
  const standIn = await startAiStandIn();
  try {
    const model = aiSdkModel({ provider: "openai-compatible", model: "stand-in", apiKey: "local", baseUrl: standIn.baseUrl });
    const cases = UNREAD.map(([step, text]) => ({ state: stateAt(step), text }));
    for (const c of cases) {
      if (!aiQuestionFor(defaultBantFlow, c.state, { kind: "text", text: c.text }, EVAL_NOW, BOT_DEFAULTS.utcOffsetMinutes)) throw new Error(`bench: the rules read ${JSON.stringify(c.text)}; pick an answer they cannot`);
    }
    const rules: number[] = [];
    const withAi: number[] = [];
    const one = async (c: (typeof cases)[number], record: boolean) => {
      const t0 = performance.now();
      runBot(defaultBantFlow, c.state, { kind: "text", text: c.text }, EVAL_NOW);
      const t1 = performance.now();
      const q = aiQuestionFor(defaultBantFlow, c.state, { kind: "text", text: c.text }, EVAL_NOW, BOT_DEFAULTS.utcOffsetMinutes)!;
      const { verdict } = await askModel(model, q, AI_LAYER_DEFAULTS);
      runBot(defaultBantFlow, c.state, { kind: "text", text: c.text, ...(verdict?.outcome === "accepted" ? { ai: verdict.reading } : {}) }, EVAL_NOW);
      const t2 = performance.now();
      if (record) {
        rules.push(t1 - t0);
        withAi.push(t2 - t1);
      }
    };
    for (const c of cases) await one(c, false);
    for (let r = 0; r < rounds; r++) for (const c of cases) await one(c, true);
    const sr = summarize(rules);
    const sa = summarize(withAi);
    const ms = (x: number) => fmt(x, 2);
    return [
      `bot AI path (sequential, ${rounds} rounds × ${cases.length} answers the rules cannot read; AI SDK → local stand-in → policy → engine):`,
      table(
        ["ms per message", "n", "p50", "p95", "p99", "max"],
        [
          ["rules only (then re-ask)", String(sr.count), ms(sr.p50), ms(sr.p95), ms(sr.p99), ms(sr.max)],
          ["rules + AI call", String(sa.count), ms(sa.p50), ms(sa.p95), ms(sa.p99), ms(sa.max)],
        ],
      ),
      `  our side of an AI reading: p50 ${ms(sa.p50)} ms, p95 ${ms(sa.p95)} ms; a real provider adds its own latency, capped by AI_TIMEOUT_MS (default ${AI_LAYER_DEFAULTS.timeoutMs} ms)`,
    ];
  } finally {
    await standIn.close();
  }
}
