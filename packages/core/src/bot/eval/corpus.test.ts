import { describe, expect, it } from "vitest";
import { corpus, heldOutCases } from "./corpus/index";
import type { EvalCase } from "./case";
import { evaluate, evaluateCase } from "./evaluate";

// A fixed subset of the corpus, one line each, so a regression names the answer it broke; then
// the whole corpus against the bar (>= 95% with rules alone, every command honoured).
const FIXED = [
  "budget|menos de 5 mil", "budget|no máximo 2 mil", "budget|acima de 8 mil", "budget|dois mil e quinhentos", "budget|30 mil por ano",
  "budget|3k", "budget|ainda não sei", "authority|quem assina sou eu", "authority|eu que bato o martelo",
  "authority|preciso ver com meu chefe", "authority|decido junto com a diretoria", "authority|sim sou eu 👍", "authority|não",
  "timeline|semana que vem", "timeline|até o fim do mês", "timeline|lá pra março", "timeline|pra ontem", "need|vender mais",
  "need|automação", "need|conversar com os clientes", "name|oi, sou a Fernanda", "name|quero saber o preço",
  "email|ana arroba gmail ponto com", "any|oi, dá pra eu falar com alguém de verdade?", "any|me tira dessa lista",
  "any|não quero mais receber nada", "any|para de me mandar mensagem", "budget|JÁ FALEI, 3 MIL",
];

describe("eval corpus", () => {
  const byKey = new Map<string, EvalCase>([...corpus, ...heldOutCases].map((c) => [`${c.step}|${c.text}`, c]));

  it.each(FIXED)("%s", async (key) => {
    const c = byKey.get(key);
    expect(c, `not in the corpus: ${key}`).toBeDefined();
    for (const step of c!.step === "any" ? (["name", "email", "budget", "authority", "need", "timeline"] as const) : [c!.step]) {
      const r = await evaluateCase(c!, step);
      expect(r.ok, `${key} at ${step}: got ${r.got}, expected ${JSON.stringify(c!.expect)}`).toBe(true);
    }
  });

  it("holds at least 300 answers and reads >= 95% with the rules alone; every opt-out and human request wins at every step", async () => {
    const cases = [...corpus, ...heldOutCases];
    expect(new Set(cases.map((c) => `${c.step}|${c.text}`)).size).toBeGreaterThanOrEqual(300);
    const report = await evaluate(cases);
    expect(report.total.correct / report.total.total).toBeGreaterThanOrEqual(0.95);
    const commands = report.failures.filter((f) => "intent" in f.case.expect && ["opt_out", "human"].includes((f.case.expect as { intent: string }).intent));
    expect(commands.map((f) => `${f.step}: ${f.case.text} → ${f.got}`)).toEqual([]);
  });
});
