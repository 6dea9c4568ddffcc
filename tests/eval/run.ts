// `pnpm eval`: accuracy of the bot's reading of pt-BR answers, per step and per intent, on the
// corpus in packages/core/src/bot/eval/corpus. Rules alone always; with the AI layer too when
// AI_PROVIDER is set (see .env.example), or against the local provider stand-in with
// `pnpm eval --ai-stand-in`. Prints numbers; exits non-zero only if it cannot run.
import { corpus, heldOutCases } from "@vendaflow/core/bot/eval/corpus/index";
import { evaluate, formatReport, type CaseResult } from "@vendaflow/core/bot/eval/evaluate";
import { evalAi } from "./ai-interpreter";

const verbose = process.argv.includes("--failures") || process.argv.includes("-v");

function printFailures(failures: CaseResult[]) {
  for (const f of verbose ? failures : failures.slice(0, 30)) {
    console.log(`  ✗ [${f.step}] ${JSON.stringify(f.case.text)} → ${f.got}; expected ${JSON.stringify(f.case.expect)}${f.case.frustrated ? " + offer" : ""}`);
  }
  if (!verbose && failures.length > 30) console.log(`  … ${failures.length - 30} more (pnpm eval --failures)`);
}

async function main(): Promise<number> {
  const unique = new Set(corpus.map((c) => `${c.step}|${c.text}`)).size;
  console.log(`corpus: ${unique} answers (${corpus.filter((c) => c.step === "any").length} commands tried at every step)\n`);
  const rules = await evaluate(corpus);
  console.log(formatReport("rules alone", rules, false));
  console.log(`engine time per answer: ${(rules.msPerAnswer * 1000).toFixed(0)} µs (mean over ${rules.total.total} answers, one run)`);
  printFailures(rules.failures);
  const held = await evaluate(heldOutCases);
  console.log(`\n${formatReport("rules alone, later answers (corpus/held-out.ts)", held, false)}`);
  printFailures(held.failures);

  const ai = await evalAi(process.argv, process.env);
  if (!ai) {
    console.log("\nAI layer: not run (set AI_PROVIDER/AI_MODEL/AI_API_KEY, or pnpm eval --ai-stand-in)");
    return 0;
  }
  try {
    const withAi = await evaluate([...corpus, ...heldOutCases], { interpret: ai.interpret });
    console.log(`\n${formatReport(ai.label, withAi, true)}`);
    const sorted = [...ai.latencies].sort((x, y) => x - y);
    const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
    console.log(`model calls: ${ai.latencies.length} (only answers the rules could not read); outcomes: ${[...ai.outcomes].map(([k, v]) => `${k} ${v}`).join(", ") || "none"}`);
    if (sorted.length) console.log(`model call latency: p50 ${q(0.5)} ms, p95 ${q(0.95)} ms`);
    printFailures(withAi.failures);
  } finally {
    await ai.close();
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: Error) => {
    console.error(`eval could not run: ${err.stack ?? err.message}`);
    process.exit(1);
  },
);
