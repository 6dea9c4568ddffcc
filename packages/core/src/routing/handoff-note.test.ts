import { describe, expect, it } from "vitest";
import { bantFactsFrom, handoffNote } from "./handoff-note";

describe("bantFactsFrom", () => {
  it("reads leads.bant_data and drops junk", () => {
    expect(
      bantFactsFrom({
        budget: { stepId: "budget", value: "Acima de R$ 10.000/mês", optionId: "gt_10k", score: 50 },
        need: { stepId: "need", value: null, score: 0 },
        timeline: { value: { nested: true } },
        authority: "decisor",
        other: { value: "x" },
      }),
    ).toEqual({ budget: { value: "Acima de R$ 10.000/mês", optionId: "gt_10k" }, need: { value: null } });
    expect(bantFactsFrom(null)).toEqual({});
    expect(bantFactsFrom("x")).toEqual({});
  });
});

describe("handoffNote", () => {
  it("summarises the reason and every BANT answer so far, in pt-BR", () => {
    const note = handoffNote({
      reason: "lead_requested",
      score: 80,
      bant: { budget: { value: "R$ 5.000 - R$ 10.000/mês", optionId: "5k_10k" }, authority: { value: "Sim, sou o decisor" }, need: { value: null } },
      contact: { name: "Ana", email: "ana@acme.com.br", phone: null },
      tags: ["enterprise", "sp"],
    });
    expect(note).toBe(
      [
        "Conversa transferida para atendimento humano (motivo: o lead pediu para falar com uma pessoa).",
        "Respostas BANT até aqui:",
        "• Orçamento: R$ 5.000 - R$ 10.000/mês",
        "• Autoridade: Sim, sou o decisor",
        "• Necessidade: pergunta pulada",
        "• Prazo: sem resposta ainda",
        "Pontuação: 80 (lead morno)",
        "Contato: Ana · ana@acme.com.br",
        "Etiquetas: enterprise, sp",
      ].join("\n"),
    );
  });
  it("formats numeric budgets and marks hot leads; unknown reasons are shown as given", () => {
    const note = handoffNote({ reason: "vip_keyword", score: 120, bant: { budget: { value: 15000 } } });
    expect(note).toContain("(motivo: vip_keyword)");
    expect(note).toContain("• Orçamento: R$ 15.000");
    expect(note).toContain("Pontuação: 120 (lead quente)");
    expect(note).not.toContain("Contato:");
  });
  it("works with nothing answered yet", () => {
    const note = handoffNote({ reason: null, score: 0, bant: {} });
    expect(note.split("\n")[0]).toBe("Conversa transferida para atendimento humano.");
    expect(note.match(/sem resposta ainda/g)).toHaveLength(4);
    expect(note).toContain("(lead frio)");
  });
});

describe("handoffNote with the per-answer explanation", () => {
  it("shows the lead's words behind each score and a template summary", async () => {
    const { defaultBantFlow } = await import("../bot/default-flow");
    const { bantDataFrom } = await import("../bot/outcome");
    const { explainBantScore } = await import("../bot/explain");
    const { play } = await import("../bot/test-driver");
    const end = play(["Ana", "pular", "menos de 5 mil", "eu que bato o martelo", "preciso vender mais"]).at(-1)!.state;
    const data = bantDataFrom(defaultBantFlow, end.answers);
    const note = handoffNote({ reason: "lead_requested", score: end.score, bant: bantFactsFrom(data), explanation: explainBantScore(data, defaultBantFlow), contact: { name: "Ana Lima" } });
    expect(note.split("\n").slice(0, 7)).toEqual([
      "Conversa transferida para atendimento humano (motivo: o lead pediu para falar com uma pessoa).",
      "Resumo: Ana — autoridade: sim, sou o decisor; orçamento: R$ 1.000 - R$ 5.000/mês; desafio: “preciso vender mais”.",
      "Respostas BANT até aqui:",
      "• Orçamento: “menos de 5 mil” → R$ 1.000 - R$ 5.000/mês (+30, faixa de valor)",
      "• Autoridade: “eu que bato o martelo” → Sim, sou o decisor (+30, regra)",
      "• Necessidade: preciso vender mais (+10, palavras-chave; vendas +10)",
      "• Prazo: sem resposta ainda",
    ]);
  });

  it("prefers a given (AI) summary", () => {
    const note = handoffNote({ reason: null, score: 0, bant: {}, explanation: { total: 0, items: [] }, summary: "Lead quer automatizar o WhatsApp." });
    expect(note.split("\n")[1]).toBe("Resumo: Lead quer automatizar o WhatsApp.");
  });
});
