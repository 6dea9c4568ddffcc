import { describe, expect, it } from "vitest";
import type { FlowOption, FlowStep } from "@vendaflow/validators/flow";
import { findOption, matchOptionText, optionNumber } from "./match-option";

const authority: FlowOption[] = [
  { id: "decision_maker", label: "Sim, sou o decisor", text: "Sim, sou o decisor", score: 30 },
  { id: "influencer", label: "Participo da decisão", text: "Participo da decisão", score: 20 },
  { id: "researching", label: "Apenas pesquisando", text: "Apenas pesquisando", score: 5 },
];

const ids = (text: string, exactOnly = false) => matchOptionText(authority, text, exactOnly)?.id;

describe("optionNumber", () => {
  it("reads bare and decorated numbers", () => {
    expect(["2", "opcao 2", "numero 12", "#3"].map(optionNumber)).toEqual([2, 2, 12, 3]);
    expect(optionNumber("2 mil")).toBeNull();
    expect(optionNumber("800")).toBeNull();
  });
});

describe("matchOptionText", () => {
  it("matches by number", () => {
    expect(ids("1")).toBe("decision_maker");
    expect(ids("3.")).toBe("researching");
    expect(ids("opção 2")).toBe("influencer");
    expect(ids("4")).toBeUndefined();
  });

  it("matches text and label ignoring accents, case and punctuation", () => {
    expect(ids("participo da decisao")).toBe("influencer");
    expect(ids("PARTICIPO DA DECISÃO")).toBe("influencer");
    expect(ids("sim sou o decisor")).toBe("decision_maker");
  });

  it("accepts a unique partial answer unless exactOnly", () => {
    expect(ids("sim")).toBe("decision_maker");
    expect(ids("Sim, sou o decisor da empresa")).toBe("decision_maker");
    expect(ids("pesquisando")).toBe("researching");
    expect(ids("sim", true)).toBeUndefined();
  });

  it("gives no match when unclear", () => {
    expect(ids("talvez")).toBeUndefined();
    expect(ids("da")).toBeUndefined();
    expect(ids("")).toBeUndefined();
    const twins: FlowOption[] = [
      { id: "a", label: "Plano A mensal", text: "Plano A mensal", score: 1 },
      { id: "b", label: "Plano B mensal", text: "Plano B mensal", score: 1 },
    ];
    expect(matchOptionText(twins, "mensal")).toBeUndefined();
  });
});

describe("matchOptionText with labels that differ from the text", () => {
  const budget: FlowOption[] = [
    { id: "lt_1k", label: "< R$ 1 mil", text: "Menos de R$ 1.000/mês", score: 10 },
    { id: "1k_5k", label: "R$ 1-5 mil", text: "R$ 1.000 - R$ 5.000/mês", score: 30 },
    { id: "5k_10k", label: "R$ 5-10 mil", text: "R$ 5.000 - R$ 10.000/mês", score: 40 },
  ];

  it("finds a label inside the answer", () => {
    expect(matchOptionText(budget, "fico com R$ 1-5 mil")?.id).toBe("1k_5k");
  });

  it("finds the answer inside a label", () => {
    expect(matchOptionText(budget, "5-10 mil")?.id).toBe("5k_10k");
  });

  it("matches partially unless asked for exact matches only", () => {
    expect(matchOptionText(authority, "sim")?.id).toBe("decision_maker");
    expect(matchOptionText(authority, "sim", true)).toBeUndefined();
  });
});

describe("findOption", () => {
  it("finds an option by id, and nothing on a step without options", () => {
    const step: FlowStep = { id: "authority", kind: "options", question: "?", options: authority };
    expect(findOption(step, "influencer")).toBe(authority[1]);
    expect(findOption(step, "ceo")).toBeUndefined();
    expect(findOption({ id: "need", kind: "text", question: "?" }, "x")).toBeUndefined();
  });
});
