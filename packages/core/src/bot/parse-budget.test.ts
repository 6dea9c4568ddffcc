import { describe, expect, it } from "vitest";
import { parseBrazilianNumber, parseBudget } from "./parse-budget";

describe("parseBudget", () => {
  it.each([
    ["uns 3 mil por mês", 3000],
    ["R$ 7.500,00", 7500],
    ["2,5 mil", 2500],
    ["10k", 10000],
    ["10 K", 10000],
    ["R$ 800", 800],
    ["R$800,00/mês", 800],
    ["1 milhão", 1_000_000],
    ["1,2 mi", 1_200_000],
    ["2 milhões", 2_000_000],
    ["entre 1 e 5 mil", 3000],
    ["de 5 a 10 mil", 7500],
    ["1-5k", 3000],
    ["R$ 1.000 - R$ 5.000/mês", 3000],
    ["entre 800 e 2 mil", 1400],
    ["999.99", 999.99],
    ["999,99", 999.99],
    ["1000", 1000],
    ["4999", 4999],
    ["5000", 5000],
    ["10000", 10000],
    ["10.000.000", 10_000_000],
    ["1,000", 1000],
    ["cinco mil", 5000],
    ["mil reais", 1000],
    ["meio milhão", 500_000],
    ["120 mil por ano", 10000],
    ["Até R$ 15 mil.", 15000],
  ])("%s → %d", (text, expected) => {
    expect(parseBudget(text)).toBe(expected);
  });

  it("returns null when there is no amount", () => {
    expect(parseBudget("não sei ainda")).toBeNull();
    expect(parseBudget("")).toBeNull();
    expect(parseBudget("10kg de papel")).toBeNull();
  });
});

describe("parseBrazilianNumber", () => {
  it("reads Brazilian and plain separators", () => {
    expect(parseBrazilianNumber("7.500,50")).toBe(7500.5);
    expect(parseBrazilianNumber("7.5")).toBe(7.5);
    expect(parseBrazilianNumber("42")).toBe(42);
    expect(parseBrazilianNumber("1.2.3")).toBeNull();
  });
});
