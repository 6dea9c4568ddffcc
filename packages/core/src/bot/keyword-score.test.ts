import { describe, expect, it } from "vitest";
import { keywordScore } from "./keyword-score";

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
