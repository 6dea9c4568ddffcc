import { bantExplanationSchema } from "@vendaflow/validators/bant-explanation";
import { describe, expect, it } from "vitest";
import { defaultBantFlow } from "./default-flow";
import { explainBantScore } from "./explain";
import { bantDataFrom } from "./outcome";
import { option, play } from "./test-driver";

const explain = (inputs: Parameters<typeof play>[0]) => {
  const state = play(inputs).at(-1)!.state;
  return { state, ex: explainBantScore(bantDataFrom(defaultBantFlow, state.answers), defaultBantFlow) };
};

describe("explainBantScore", () => {
  it("explains every point of the score, answer by answer", () => {
    const { state, ex } = explain(["Ana", "pular", "30 mil por ano", "sim, mas preciso ver com meu sócio", "vender mais e automatizar", "lá pra março"]);
    expect(bantExplanationSchema.parse(ex)).toEqual(ex);
    expect(ex.total).toBe(state.score);
    expect(ex.items.map((i) => [i.field, i.points, i.maxPoints, i.via, i.rule])).toEqual([
      ["budget", 30, 50, "band", "exact/year"],
      ["authority", 20, 30, "rule", "influencer"],
      ["need", 20, 50, "keyword", undefined],
      ["timeline", 0, 20, "rule", "horizon"],
    ]);
    expect(ex.items[0]!.reason.replace(/\u00a0/g, " ")).toBe("“30 mil por ano” foi lido como R$ 2.500,00 por mês (valor informado, convertido de um valor por ano), na faixa “R$ 1.000 - R$ 5.000/mês”: +30 pontos.");
    expect(ex.items[1]!.reason).toBe("“sim, mas preciso ver com meu sócio”: as palavras “preciso ver com” indicam participa da decisão → “Participo da decisão”: +20 pontos.");
    expect(ex.items[2]!.reason).toBe("“vender mais e automatizar” menciona “vendas” (em “vender”, +10 pontos), “automação” (em “automatizar”, +10 pontos): +20 pontos no total.");
  });

  it("names the button a lead tapped and a skipped step", () => {
    const { ex } = explain(["Ana", "pular", option("gt_10k")]);
    expect(ex.items[0]).toMatchObject({ answer: "Acima de R$ 10.000/mês", via: "button", reason: "Escolheu a opção “Acima de R$ 10.000/mês”: +50 pontos." });
  });

  it("reads old stored answers without a decision, and ignores junk", () => {
    const ex = explainBantScore({ budget: { stepId: "budget", value: "Acima de R$ 10.000/mês", optionId: "gt_10k", score: 50 }, authority: "x", need: { value: { no: 1 }, score: "9" } });
    expect(ex).toEqual({
      total: 50,
      items: [
        { field: "budget", stepId: "budget", points: 50, answer: "Acima de R$ 10.000/mês", value: "Acima de R$ 10.000/mês", optionId: "gt_10k", optionText: "Acima de R$ 10.000/mês", reason: "“Acima de R$ 10.000/mês” → “Acima de R$ 10.000/mês”: +50 pontos." },
        { field: "need", stepId: "need", points: 0, answer: null, value: null, reason: "“—”: +0 pontos." },
      ],
    });
  });

  it("credits the AI with its confidence, the points staying the option's", () => {
    const ex = explainBantScore({ authority: { stepId: "authority", value: "Participo da decisão", optionId: "influencer", score: 20, raw: "meu cunhado assina comigo", decision: { via: "ai", confidence: 0.87, evidence: "assina comigo", model: "gpt-x" } } });
    expect(ex.items[0]!.reason).toBe("“meu cunhado assina comigo” foi interpretado pela IA (gpt-x, confiança 87%) como “Participo da decisão”, pelo trecho “assina comigo”; os pontos são os da opção, definidos no fluxo: +20 pontos.");
  });
});
