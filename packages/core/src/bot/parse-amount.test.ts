import { describe, expect, it } from "vitest";
import { bandPoint, parseAmount } from "./parse-amount";

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
