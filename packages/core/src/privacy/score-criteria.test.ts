import { describe, expect, it } from "vitest";
import { scoreCriteriaLines } from "./score-criteria";

describe("art. 20 criteria answer", () => {
  it("explains each answer with its points and offers human review", () => {
    const lines = scoreCriteriaLines(
      {
        total: 40,
        items: [
          { field: "budget", stepId: "budget", points: 30, maxPoints: 40, answer: "uns 20 mil", value: 20000, rule: "number", evidence: "20 mil", reason: "Orçamento entre R$ 10 mil e R$ 50 mil." } as never,
          { field: "timeline", stepId: "timeline", points: 10, answer: null, value: null, reason: "Prazo não informado." } as never,
        ],
      },
      40,
    );
    expect(lines[0]).toContain("Sua pontuação automática de qualificação é 40 pontos");
    expect(lines[1]).toBe("Orçamento: você respondeu “uns 20 mil” — 30 de 40 pontos. Orçamento entre R$ 10 mil e R$ 50 mil.");
    expect(lines[2]).toBe("Prazo: sem resposta registrada — 10 pontos. Prazo não informado.");
    expect(lines.at(-1)).toContain("revisão por uma pessoa");
  });

  it("adds the CRM lead score's facts when there are any", () => {
    const lines = scoreCriteriaLines({ total: 0, items: [] }, 0, { total: 25, facts: [{ kind: "messages", key: "messages", points: 10, reason: "Enviou 12 mensagens." }, { kind: "company_size", key: "company_size", points: 15, reason: "Empresa de 51 a 200 pessoas." }] });
    expect(lines).toContain("A pontuação de vendas usada pela equipe é 25 pontos, composta por:");
    expect(lines).toContain("• Enviou 12 mensagens. (10 pontos)");
    expect(lines).toContain("• Empresa de 51 a 200 pessoas. (15 pontos)");
  });

  it("says one point in the singular, a negative one too", () => {
    const lines = scoreCriteriaLines({ total: 1, items: [{ field: "need", stepId: "need", points: 1, answer: "sim", value: null, reason: "Tem a necessidade." } as never] }, 1, { total: -1, facts: [{ kind: "messages", key: "messages", points: -1, reason: "Sem resposta há 30 dias." }] });
    expect(lines[0]).toContain("é 1 ponto. Ela soma");
    expect(lines[1]).toBe("Necessidade: você respondeu “sim” — 1 ponto. Tem a necessidade.");
    expect(lines).toContain("A pontuação de vendas usada pela equipe é -1 ponto, composta por:");
    expect(lines).toContain("• Sem resposta há 30 dias. (-1 ponto)");
  });

  it("says so when there are no answers", () => {
    expect(scoreCriteriaLines({ total: 0, items: [] }, 0)[1]).toBe("Não há respostas suas registradas: nenhum ponto foi atribuído.");
  });
});
