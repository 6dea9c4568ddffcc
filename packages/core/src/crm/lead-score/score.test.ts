import { defaultLeadScoreWeights as w } from "@vendaflow/validators/lead-score";
import { describe, expect, it } from "vitest";
import { scoreLead, type LeadScoreInput } from "./score";

const empty: LeadScoreInput = { bant: { total: 0, items: [] }, messages: 0, replies: 0, meetings: 0, companySize: null, customFields: [] };
const budget = { field: "budget" as const, stepId: "budget", points: 30, answer: "uns 5 mil", value: 5000, reason: "“uns 5 mil” foi lido como R$ 5.000,00 por mês: +30 pontos." };

describe("scoreLead", () => {
  it("is 0 with no facts", () => {
    expect(scoreLead(empty, w)).toEqual({ total: 0, facts: [] });
  });

  it("adds BANT, engagement, company size and weighted custom fields, one explained fact each", () => {
    const fieldId = "9b0f6b3e-6a53-4c43-9d0e-1c1f5f0e8a11";
    const s = scoreLead(
      { bant: { total: 30, items: [budget] }, messages: 14, replies: 2, meetings: 1, companySize: "51-200", customFields: [{ fieldId, label: "Segmento", value: "Varejo" }, { fieldId: "other", label: "Obs", value: "x" }] },
      { ...w, customFields: { [fieldId]: { Varejo: 8, Indústria: 3 } } },
    );
    expect(s.facts).toEqual([
      { kind: "bant", key: "budget", points: 30, reason: "BANT (orçamento): “uns 5 mil” foi lido como R$ 5.000,00 por mês: +30 pontos." },
      { kind: "messages", key: "messages", points: 10, reason: "14 mensagens enviadas (contam até 10) × +1 ponto: +10 pontos." },
      { kind: "replies", key: "replies", points: 4, reason: "2 respostas a atendentes × +2 pontos: +4 pontos." },
      { kind: "meetings", key: "meetings", points: 10, reason: "1 reunião × +10 pontos: +10 pontos." },
      { kind: "company_size", key: "51-200", points: 10, reason: "Empresa com 51-200 funcionários: +10 pontos." },
      { kind: "custom_field", key: fieldId, points: 8, reason: "Segmento: “Varejo”: +8 pontos." },
    ]);
    expect(s.total).toBe(72);
  });

  it("weights booleans, multiselect values, any value (*) and negative points", () => {
    const s = scoreLead(
      { ...empty, customFields: [{ fieldId: "a", label: "Tem loja física", value: false }, { fieldId: "b", label: "Canais", value: ["Instagram", "Site"] }, { fieldId: "c", label: "CNPJ", value: "12.345.678/0001-90" }, { fieldId: "c2", label: "Vazio", value: "" }] },
      { ...w, customFields: { a: { false: -5 }, b: { Instagram: 2, Site: 3 }, c: { "*": 4 }, c2: { "*": 4 } } },
    );
    expect(s.facts.map((f) => [f.key, f.points, f.reason])).toEqual([
      ["a", -5, "Tem loja física: “Não”: -5 pontos."],
      ["b", 2, "Canais: “Instagram”: +2 pontos."],
      ["b", 3, "Canais: “Site”: +3 pontos."],
      ["c", 4, "CNPJ: “12.345.678/0001-90”: +4 pontos."],
    ]);
    expect(s.total).toBe(4);
  });

  it("leaves out what earns nothing: a zero weight, a small company at 0, no engagement", () => {
    expect(scoreLead({ ...empty, companySize: "1-10", messages: 3 }, { ...w, perMessage: 0 })).toEqual({ total: 0, facts: [] });
  });
});
