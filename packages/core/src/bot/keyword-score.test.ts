import { describe, expect, it } from "vitest";
import { keywordHits, keywordScore } from "./keyword-score";

const keywords = [
  { keyword: "vendas", score: 10 },
  { keyword: "qualificação", score: 15 },
  { keyword: "conversão", score: 15 },
  { keyword: "automação", score: 10 },
];

describe("keywordScore", () => {
  it.each([
    ["vendas e qualificação", 25],
    ["Vendas e QUALIFICACAO", 25],
    ["Nossa conversão é baixa, falta automação e mais vendas; qualificação também", 50],
    ["vendas, vendas, vendas", 10],
    ["revendas", 0],
    ["nada em especial", 0],
  ])("%s → %d", (text, expected) => {
    expect(keywordScore(text, keywords)).toBe(expected);
  });

  it("scores 0 without keywords", () => {
    expect(keywordScore("vendas")).toBe(0);
  });
});

describe("keywordHits", () => {
  it("finds paraphrases from the family of a one-word keyword", () => {
    expect(keywordHits("o faturamento caiu", [{ keyword: "vendas", score: 10 }])).toEqual([{ keyword: "vendas", score: 10, evidence: "faturamento" }]);
  });

  it("matches a keyword of several words only as written", () => {
    expect(keywordHits("o faturamento caiu", [{ keyword: "vendas online", score: 10 }])).toEqual([]);
    expect(keywordHits("queremos vendas online", [{ keyword: "vendas online", score: 10 }])).toEqual([{ keyword: "vendas online", score: 10, evidence: "vendas online" }]);
  });

  it("finds nothing without keywords", () => {
    expect(keywordHits("vendas")).toEqual([]);
  });
});
