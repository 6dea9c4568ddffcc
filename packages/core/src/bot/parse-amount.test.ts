import { describe, expect, it } from "vitest";
import { amountTokens, bandPoint, parseAmount } from "./parse-amount";

describe("parseAmount", () => {
  it.each([
    ["menos de 5 mil", 5000, "upper"],
    ["no máximo 2 mil", 2000, "upper"],
    ["2 mil pra baixo", 2000, "upper"],
    ["acima de 8 mil", 8000, "lower"],
    ["a partir de 5 mil", 5000, "lower"],
    ["5 mil pra cima", 5000, "lower"],
    ["10k+", 10_000, "lower"],
    ["mais ou menos 3 mil", 3000, "approx"],
    ["uns 3k", 3000, "approx"],
    ["3 mil", 3000, "exact"],
  ])("%s → %d (%s)", (text, value, bound) => {
    expect(parseAmount(text)).toMatchObject({ value, bound });
  });

  it.each(["11 98765-4321", "(11) 98765-4321", "+55 11 98765-4321", "11987654321", "(21) 3456-7890", "021 3456 7890"])("reads the phone number %s as no amount", (text) => {
    expect(parseAmount(text)).toBeNull();
  });

  it("still reads amounts whose digits look a little like a phone's", () => {
    expect(parseAmount("R$ 5.000")).toMatchObject({ value: 5000 });
    expect(parseAmount("1000-2000")).toMatchObject({ low: 1000, high: 2000 });
    expect(parseAmount("entre 1000 e 2000")).toMatchObject({ low: 1000, high: 2000 });
    expect(parseAmount("R$ 12.000.000")).toMatchObject({ value: 12_000_000 });
  });

  it("reads ranges, sharing the unit written once", () => {
    expect(parseAmount("entre 2 e 4 mil")).toMatchObject({ value: 3000, low: 2000, high: 4000, bound: "range" });
    expect(parseAmount("de 5 a 10 mil")).toMatchObject({ low: 5000, high: 10_000 });
    expect(parseAmount("entre 800 e 2 mil")).toMatchObject({ low: 800, high: 2000 });
    expect(parseAmount("2 ou 3 mil")).toMatchObject({ value: 2500 });
  });

  it("turns other periods into a month", () => {
    expect(parseAmount("30 mil por ano")).toMatchObject({ value: 2500, period: "year", evidence: "30 mil por ano" });
    expect(parseAmount("50k anual")?.value).toBe(4166.67);
    expect(parseAmount("3 mil por semana")?.value).toBe(13_000);
    expect(parseAmount("6000 reais por trimestre")?.value).toBe(2000);
    expect(parseAmount("5 mil por mês, 60 mil por ano")?.value).toBe(5000);
  });

  it("prefers money over counts and keeps the words that decided it", () => {
    expect(parseAmount("tenho 5 funcionários e gasto uns 2 mil")).toMatchObject({ value: 2000, bound: "approx", evidence: "uns 2 mil" });
    expect(parseAmount("um orçamento de 5 mil")?.value).toBe(5000);
    expect(parseAmount("30 dias")).toBeNull();
    expect(parseAmount("10kg de papel")).toBeNull();
  });

  it("reads 'no budget' as zero and 'don't know' as nothing", () => {
    expect(parseAmount("não temos orçamento ainda")?.value).toBe(0);
    expect(parseAmount("ainda não sei")).toBeNull();
  });
});

describe("bandPoint", () => {
  it("sits just inside a bound so 'até 5 mil' stays below a band starting at 5 mil", () => {
    expect(bandPoint(parseAmount("até 5 mil")!)).toBeLessThan(5000);
    expect(bandPoint(parseAmount("acima de 10 mil")!)).toBeGreaterThan(10_000);
    expect(bandPoint(parseAmount("5 mil")!)).toBe(5000);
  });
});

describe("amountTokens", () => {
  it("splits digits from words, keeps the money symbols and expands abbreviations", () => {
    expect(amountTokens("R$1.500,00 ou 3k, vc sabe? bjs")).toEqual(["$", "1.500,00", "ou", "3", "k", "voce", "sabe"]);
    expect(amountTokens("r $ 200")).toEqual(["$", "200"]);
    expect(amountTokens("5 miiil")).toEqual(["5", "mil"]);
    expect(amountTokens("!!!")).toEqual([]);
  });
});

describe("parseAmount as leads write it", () => {
  it.each([
    ["R$ 1.500,00", 1500, "exact"],
    ["R$1.500", 1500, "exact"],
    ["1,5 milhão", 1_500_000, "exact"],
    ["mil e quinhentos", 1500, "exact"],
    ["5 miiil", 5000, "exact"],
    ["até R$ 500", 500, "upper"],
    ["3 mil reais ou mais", 3000, "lower"],
    ["uns 500 conto", 500, "approx"],
  ])("%s → %d (%s)", (text, value, bound) => {
    expect(parseAmount(text)).toMatchObject({ value, bound });
  });

  it("picks the money among other numbers: currency before or after, a multiplier, or at least 100", () => {
    expect(parseAmount("2 parcelas de R$ 80")?.value).toBe(80);
    expect(parseAmount("2 parcelas de 80 reais")?.value).toBe(80);
    expect(parseAmount("2 parcelas de 100")?.value).toBe(100);
    expect(parseAmount("somos 4 sócios, dá uns 80 reais")).toEqual({ value: 80, bound: "approx", period: "month", evidence: "uns 80" });
  });

  it("does not read 'um'/'uma' as the number one, nor percentages as money", () => {
    expect(parseAmount("tenho um site e gasto uns 50")).toMatchObject({ value: 50, bound: "approx" });
    expect(parseAmount("um mil")?.value).toBe(1000);
    expect(parseAmount("entre um e dois mil")).toMatchObject({ bound: "range", low: 1000, high: 2000 });
    expect(parseAmount("de um a dois mil")).toMatchObject({ bound: "range", low: 1000, high: 2000 });
    expect(parseAmount("um ou dois mil")).toMatchObject({ bound: "range", low: 1000, high: 2000 });
    expect(parseAmount("um e outro gasto de 2 mil")).toMatchObject({ value: 2000, bound: "exact" });
    expect(parseAmount("um e outro gasto de 50")).toMatchObject({ value: 50, bound: "exact" });
    expect(parseAmount("uma média 80")).toMatchObject({ value: 80, bound: "exact" });
    expect(parseAmount("30%")).toBeNull();
    expect(parseAmount("uns 20%")).toBeNull();
  });

  it("reads 'no budget' with the words that said it", () => {
    expect(parseAmount("a gente não tem orçamento")).toEqual({ value: 0, bound: "exact", period: "month", evidence: "nao tem orcamento" });
    expect(parseAmount("sem verba nenhuma")).toEqual({ value: 0, bound: "exact", period: "month", evidence: "sem verba" });
    expect(parseAmount("  zero  ")?.evidence).toBe("zero");
  });

  it("ranges: both ends, each with its own unit, only when one joiner separates them", () => {
    expect(parseAmount("entre 10 e 20 mil")).toEqual({ value: 15_000, bound: "range", low: 10_000, high: 20_000, period: "month", evidence: "entre 10 e 20 mil" });
    expect(parseAmount("entre 2 mil e 4 mil")).toMatchObject({ bound: "range", low: 2000, high: 4000, evidence: "entre 2 mil e 4 mil" });
    expect(parseAmount("entre 500 mil e 1 milhão")).toMatchObject({ bound: "range", low: 500_000, high: 1_000_000 });
    expect(parseAmount("de 3 mil a 5 mil")).toMatchObject({ bound: "range", low: 3000, high: 5000, evidence: "de 3 mil a 5 mil" });
    expect(parseAmount("entre R$ 2 mil e R$ 4 mil")).toMatchObject({ low: 2000, high: 4000 });
    expect(parseAmount("entre 2 e 2 mil")).toMatchObject({ low: 2000, high: 2000 });
    expect(parseAmount("entre 5 e 3 mil")).toMatchObject({ low: 5, high: 3000 });
    expect(parseAmount("uns 2, ou talvez 3 mil")).toMatchObject({ value: 3000, bound: "exact", evidence: "3 mil" });
    expect(parseAmount("gasto 2 mil por mês mas 30 mil no ano")).toMatchObject({ value: 2000, bound: "exact", period: "month" });
  });

  it("a range keeps 'entre'/'de' in its evidence and no other qualifier", () => {
    expect(parseAmount("tipo entre 2 e 4 mil")?.evidence).toBe("entre 2 e 4 mil");
    expect(parseAmount("uns 2 a 3 mil")).toMatchObject({ bound: "range", evidence: "2 a 3 mil" });
    expect(parseAmount("verba de marketing 2 a 3 mil")?.evidence).toBe("2 a 3 mil");
  });

  it("turns ranges of other periods into a month at both ends", () => {
    expect(parseAmount("entre 12 e 24 mil por ano")).toEqual({ value: 1500, bound: "range", low: 1000, high: 2000, period: "year", evidence: "entre 12 e 24 mil por ano" });
    expect(parseAmount("12 mil semestral")).toMatchObject({ value: 2000, period: "semester" });
    expect(parseAmount("5 mil reais por semestre")).toEqual({ value: 833.33, bound: "exact", period: "semester", evidence: "5 mil por semestre" });
  });

  it("a period right after the amount wins over one elsewhere; farther away it is only the fallback", () => {
    expect(parseAmount("30 mil por ano, dá uns 2500 por mês")).toMatchObject({ value: 2500, period: "year" });
    expect(parseAmount("5 mil para gastar com tudo por ano")).toEqual({ value: 416.67, bound: "exact", period: "year", evidence: "5 mil" });
    expect(parseAmount("5 mil de verba de marketing mensal")).toEqual({ value: 5000, bound: "exact", period: "month", evidence: "5 mil" });
  });

  it("keeps the qualifier after the number in the evidence, once", () => {
    expect(parseAmount("5 mil pra cima tá")?.evidence).toBe("5 mil para cima");
    expect(parseAmount("2 mil pra baixo")?.evidence).toBe("2 mil para baixo");
    expect(parseAmount("10k+ por mês")).toEqual({ value: 10_000, bound: "lower", period: "month", evidence: "10 k + por mes" });
    expect(parseAmount("até 2 mil por mês")?.evidence).toBe("ate 2 mil por mes");
  });
});
