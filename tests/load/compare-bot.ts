// One tree's bot step, in-process: `tsx tests/load/compare-bot.ts <tree root> [passes]` prints JSON.
// The engine is imported from the given tree by absolute path, so the same fixed answers run
// against another checkout's bot (startBot / runBot have kept their shape). Run by compare.ts.
import path from "node:path";
import { pathToFileURL } from "node:url";

type State = { stepId: string | null };
type Input = { kind: "text"; text: string } | { kind: "option"; optionId: string };
type Flow = { steps: { id: string; options?: { id: string }[] }[] };
interface Engine {
  startBot(flow: Flow, now: Date): { state: State };
  runBot(flow: Flow, state: State, input: Input, now: Date): { state: State };
}

const NOW = new Date("2025-06-10T12:00:00Z");
/** The answers that walk the default BANT flow from its first step to its last. */
const ROUTE = ["Ana", "pular", "1", "1", "vendas"];
/** Typed answers per step: the same list for every tree. */
const TYPED: Record<string, string[]> = {
  name: ["Ana Souza", "meu nome é Carlos Mendes", "oi"],
  email: ["ana@exemplo.com.br", "pular", "não tenho e-mail"],
  budget: ["uns 15 mil por mês", "R$ 800", "3"],
  authority: ["sim, eu decido", "1", "quem decide é meu sócio"],
  need: ["automatizar as vendas e qualificar leads", "ainda estou entendendo"],
  timeline: ["imediatamente", "mês que vem", "4"],
};

async function main() {
  const root = path.resolve(process.argv[2] ?? ".");
  const passes = Number(process.argv[3] ?? 200);
  const load = (rel: string) => import(pathToFileURL(path.join(root, "packages/core/src", rel)).href);
  const engine = (await load("bot/engine.ts")) as Engine;
  const { defaultBantFlow: flow } = (await load("bot/default-flow.ts")) as { defaultBantFlow: Flow };

  const states = new Map<string, State>();
  let state = engine.startBot(flow, NOW).state;
  for (const answer of [...ROUTE, null]) {
    if (state.stepId && !states.has(state.stepId)) states.set(state.stepId, state);
    if (answer === null || !state.stepId) break;
    state = engine.runBot(flow, state, { kind: "text", text: answer }, NOW).state;
  }
  const typed: [State, Input][] = [];
  const buttons: [State, Input][] = [];
  for (const [step, s] of states) {
    for (const text of TYPED[step] ?? []) typed.push([s, { kind: "text", text }]);
    const option = flow.steps.find((x) => x.id === step)?.options?.[0];
    if (option) buttons.push([s, { kind: "option", optionId: option.id }]);
  }
  const time = (runs: [State, Input][], n: number) => {
    const ms: number[] = [];
    for (let p = 0; p < n; p++) {
      for (const [s, input] of runs) {
        const t0 = performance.now();
        engine.runBot(flow, s, input, NOW);
        ms.push(performance.now() - t0);
      }
    }
    return ms;
  };
  time(typed, 5);
  time(buttons, 5);
  const stats = (ms: number[]) => {
    const sorted = [...ms].sort((a, b) => a - b);
    return { meanUs: (ms.reduce((a, x) => a + x, 0) / ms.length) * 1000, p50Us: sorted[Math.floor(sorted.length / 2)]! * 1000 };
  };
  console.log(JSON.stringify({ steps: [...states.keys()], typedAnswers: typed.length, buttons: buttons.length, typed: stats(time(typed, passes)), button: stats(time(buttons, passes)) }));
}

main().catch((err: Error) => {
  console.error(err.stack ?? err.message);
  process.exit(1);
});
