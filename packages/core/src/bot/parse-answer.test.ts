import type { FlowStep } from "@vendaflow/validators/flow";
import { describe, expect, it } from "vitest";
import { defaultBantFlow } from "./default-flow";
import { type AnswerInput, parseAnswer } from "./parse-answer";

const NOW = new Date("2025-06-10T12:00:00Z");
const stepOf = (id: string) => defaultBantFlow.steps.find((s) => s.id === id)!;
const text = (t: string): AnswerInput => ({ kind: "text", text: t });
const parse = (step: FlowStep, t: string) => parseAnswer(step, text(t), NOW, -180);

// A tenant's optional question whose option texts look like "skip" words.
const segment: FlowStep = {
  id: "segment",
  kind: "options",
  question: "Qual o seu segmento?",
  skippable: true,
  options: [
    { id: "retail", label: "Varejo", text: "Varejo", score: 10 },
    { id: "none", label: "Nenhum", text: "Nenhum", score: 0 },
    { id: "no_budget", label: "Sem orçamento", text: "Sem orçamento definido", score: 0, synonyms: ["não tenho"] },
  ],
};

describe("parseAnswer on options", () => {
  it("takes a button press by option id and rejects an unknown id", () => {
    expect(parseAnswer(stepOf("authority"), { kind: "option", optionId: "influencer" }, NOW, -180)).toEqual({
      ok: true,
      answer: { value: "Participo da decisão", optionId: "influencer", score: 20, raw: "influencer", decision: { via: "button" } },
    });
    expect(parseAnswer(stepOf("authority"), { kind: "option", optionId: "ceo" }, NOW, -180)).toEqual({ ok: false });
  });

  it("lets an option's exact text or number win over a skip word", () => {
    expect(parse(segment, "Nenhum")).toEqual({
      ok: true,
      answer: { value: "Nenhum", optionId: "none", score: 0, raw: "Nenhum", decision: { via: "exact" } },
    });
    expect(parse(segment, "2")).toMatchObject({ ok: true, answer: { optionId: "none", decision: { via: "number", evidence: "2" } } });
  });

  it("skips when a skip phrase only matches an option loosely", () => {
    expect(parse(segment, "não tenho")).toEqual({ ok: true, answer: { value: null, score: 0, raw: "não tenho", decision: { via: "skip" } } });
    expect(parse(segment, "pular")).toEqual({ ok: true, answer: { value: null, score: 0, raw: "pular", decision: { via: "skip" } } });
  });

  it("does not skip a question that is not skippable", () => {
    expect(parse({ ...segment, skippable: false }, "pular")).toEqual({ ok: false });
    expect(parse({ ...segment, skippable: false }, "não tenho")).toMatchObject({ ok: true, answer: { optionId: "no_budget", decision: { via: "synonym" } } });
  });

  it("re-asks an empty or unreadable answer", () => {
    expect(parse(segment, "   ")).toEqual({ ok: false });
    expect(parse(segment, "banana")).toEqual({ ok: false });
  });
});

describe("parseAnswer on free text", () => {
  it("keeps the trimmed text and scores keywords", () => {
    expect(parse(stepOf("need"), "  Vendas  ")).toEqual({
      ok: true,
      answer: { value: "Vendas", score: 10, raw: "Vendas", decision: { via: "keyword", keywords: [{ keyword: "vendas", score: 10, evidence: "vendas" }] } },
    });
    expect(parse(stepOf("need"), "nada demais")).toEqual({ ok: true, answer: { value: "nada demais", score: 0, raw: "nada demais", decision: { via: "keyword" } } });
    expect(parse(stepOf("need"), " \n ")).toEqual({ ok: false });
  });
});

describe("parseAnswer on contact steps", () => {
  it("reads a name and an e-mail as contact data", () => {
    expect(parse(stepOf("name"), "Ana")).toEqual({ ok: true, answer: { value: "Ana", score: 0, raw: "Ana", decision: { via: "contact" } }, contact: { name: "Ana" } });
    expect(parse(stepOf("email"), "ana@gmail.com")).toEqual({
      ok: true,
      answer: { value: "ana@gmail.com", score: 0, raw: "ana@gmail.com", decision: { via: "contact" } },
      contact: { email: "ana@gmail.com" },
    });
  });

  it("skips the optional e-mail and re-asks a broken one", () => {
    expect(parse(stepOf("email"), "prefiro não informar")).toEqual({ ok: true, answer: { value: null, score: 0, raw: "prefiro não informar", decision: { via: "skip" } } });
    expect(parse(stepOf("email"), "ana arroba")).toEqual({ ok: false });
  });
});

describe("parseAnswer on number steps", () => {
  const revenue: FlowStep = { id: "revenue", kind: "number", question: "Qual o faturamento mensal?" };

  it("keeps the amount and how it was read when there are no bands", () => {
    expect(parse(revenue, "uns 30 mil")).toEqual({
      ok: true,
      answer: { value: 30000, score: 0, raw: "uns 30 mil", decision: { via: "rule", rule: "approx", evidence: "uns 30 mil" } },
    });
    expect(parse(revenue, "não sei")).toEqual({ ok: false });
  });

  it("places the amount in a band option, and re-asks when no band holds it", () => {
    const budget = stepOf("budget");
    const banded: FlowStep = { ...revenue, options: budget.options, bands: budget.bands };
    expect(parse(banded, "uns 3 mil")).toEqual({
      ok: true,
      answer: { value: 3000, optionId: "1k_5k", score: 30, raw: "uns 3 mil", decision: { via: "band", rule: "approx", evidence: "uns 3 mil" } },
    });
    const partial: FlowStep = { ...banded, bands: { boundary: "lower_inclusive", ranges: [{ optionId: "lt_1k", max: 1000 }] } };
    expect(parse(partial, "uns 3 mil")).toEqual({ ok: false });
  });
});

describe("parseAnswer on date steps", () => {
  const visit: FlowStep = { id: "visit", kind: "date", question: "Qual a melhor data para a visita?" };

  it("reads a relative date from the lead's local day", () => {
    expect(parse(visit, "amanhã")).toEqual({ ok: true, answer: { value: "2025-06-11", score: 0, raw: "amanhã", decision: { via: "rule", rule: "date" } } });
    expect(parse(visit, "banana")).toEqual({ ok: false });
    expect(parse({ ...visit, skippable: true }, "pular")).toEqual({ ok: true, answer: { value: null, score: 0, raw: "pular", decision: { via: "skip" } } });
  });
});
