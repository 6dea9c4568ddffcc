import { describe, expect, it } from "vitest";
import { flowSchema, validateFlow } from "@vendaflow/validators/flow";
import { defaultBantFlow } from "./default-flow";

const step = (id: string) => defaultBantFlow.steps.find((s) => s.id === id);
const optionsOf = (id: string) => step(id)?.options?.map((o) => [o.text, o.score]);

describe("defaultBantFlow", () => {
  it("is a valid, publishable flow", () => {
    expect(flowSchema.parse(defaultBantFlow)).toEqual(defaultBantFlow);
    expect(validateFlow(defaultBantFlow)).toEqual([]);
    expect(defaultBantFlow.minScore).toBe(70);
  });

  it("asks for contact first, e-mail skippable", () => {
    expect(defaultBantFlow.steps.map((s) => s.id)).toEqual(["name", "email", "budget", "authority", "need", "timeline"]);
    expect(defaultBantFlow.startStep).toBe("name");
    expect(step("name")?.kind).toBe("contact_name");
    expect(step("email")).toMatchObject({ kind: "contact_email", skippable: true });
  });

  it("keeps the plan's questions and scores verbatim", () => {
    expect(step("budget")?.question).toBe("Qual é o orçamento previsto para esta solução?");
    expect(optionsOf("budget")).toEqual([
      ["Menos de R$ 1.000/mês", 10],
      ["R$ 1.000 - R$ 5.000/mês", 30],
      ["R$ 5.000 - R$ 10.000/mês", 40],
      ["Acima de R$ 10.000/mês", 50],
    ]);
    expect(step("authority")?.question).toBe("Você é responsável pela decisão de compra?");
    expect(optionsOf("authority")).toEqual([
      ["Sim, sou o decisor", 30],
      ["Participo da decisão", 20],
      ["Apenas pesquisando", 5],
    ]);
    expect(step("need")).toMatchObject({ kind: "text", question: "Qual é seu principal desafio hoje?" });
    expect(step("need")?.keywords).toEqual([
      { keyword: "vendas", score: 10 },
      { keyword: "qualificação", score: 15 },
      { keyword: "conversão", score: 15 },
      { keyword: "automação", score: 10 },
    ]);
    expect(step("timeline")?.question).toBe("Quando pretende implementar uma solução?");
    expect(optionsOf("timeline")).toEqual([
      ["Imediatamente", 20],
      ["Próximos 30 dias", 15],
      ["Próximos 3 meses", 10],
      ["Apenas pesquisando", 0],
    ]);
  });

  it("gives every option a short label for WhatsApp buttons", () => {
    const labels = defaultBantFlow.steps.flatMap((s) => s.options ?? []).map((o) => o.label);
    expect(labels.slice(0, 4)).toEqual(["< R$ 1 mil", "R$ 1-5 mil", "R$ 5-10 mil", "> R$ 10 mil"]);
    for (const label of labels) expect(label.length).toBeLessThanOrEqual(20);
  });

  it("bands budgets with each lower bound inclusive", () => {
    expect(step("budget")?.bands).toEqual({
      boundary: "lower_inclusive",
      ranges: [
        { optionId: "lt_1k", max: 1000 },
        { optionId: "1k_5k", min: 1000, max: 5000 },
        { optionId: "5k_10k", min: 5000, max: 10000 },
        { optionId: "gt_10k", min: 10000 },
      ],
    });
  });
});
