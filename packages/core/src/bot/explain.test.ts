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

describe("explainBantScore reasons", () => {
  const one = (answer: Record<string, unknown>, flow?: typeof defaultBantFlow) => explainBantScore({ authority: { stepId: "authority", ...answer } }, flow).items[0]!;
  const reason = (answer: Record<string, unknown>, flow?: typeof defaultBantFlow) => one(answer, flow).reason.replace(/\u00a0/g, " ");
  const influencer = { optionId: "influencer", value: "Participo da decisão", score: 20 };

  it("explains each way an option answer was read", () => {
    expect(reason({ value: null, score: 0, raw: "pular", decision: { via: "skip" } })).toBe("Pergunta pulada pelo lead: 0 pontos.");
    expect(reason({ ...influencer, raw: "2", decision: { via: "number", evidence: "2" } })).toBe("Respondeu “2” (número da opção “Participo da decisão”): +20 pontos.");
    expect(reason({ ...influencer, raw: "participo da decisão", decision: { via: "exact" } })).toBe(
      "Respondeu “participo da decisão”, o texto da opção “Participo da decisão”: +20 pontos.",
    );
    expect(reason({ ...influencer, raw: "passa pelo conselho", decision: { via: "synonym", rule: "conselho", evidence: "pelo conselho" } })).toBe(
      "“passa pelo conselho” contém “conselho”, sinônimo cadastrado da opção “Participo da decisão”: +20 pontos.",
    );
    expect(reason({ ...influencer, raw: "passa pelo conselho", decision: { via: "synonym", evidence: "conselho" } })).toContain("contém “conselho”,");
    expect(reason({ ...influencer, raw: "passa pelo conselho", decision: { via: "synonym" } })).toContain("contém “”,");
    expect(reason({ value: "Apenas pesquisando", optionId: "researching", score: 5, raw: "apenas", decision: { via: "text" } })).toBe(
      "“apenas” corresponde em parte ao texto da opção “Apenas pesquisando”: +5 pontos.",
    );
    expect(reason({ value: "Ana", score: 0, raw: "Ana", decision: { via: "contact" } })).toBe("Dado de contato: +0 pontos.");
  });

  it("explains amounts read into a band", () => {
    const band = { stepId: "budget", optionId: "1k_5k", value: 3000, score: 30, raw: "uns 3 mil" };
    expect(reason({ ...band, decision: { via: "band", rule: "approx", evidence: "uns 3 mil" } }, defaultBantFlow)).toBe(
      "“uns 3 mil” foi lido como R$ 3.000,00 por mês (valor aproximado), na faixa “R$ 1.000 - R$ 5.000/mês”: +30 pontos.",
    );
    expect(reason({ ...band, decision: { via: "band" } }, defaultBantFlow)).toContain("(valor informado)");
    expect(reason({ ...band, decision: { via: "band", rule: "range/semester" } }, defaultBantFlow)).toContain("(média da faixa informada, convertido de um valor por semestre)");
    expect(reason({ ...band, decision: { via: "band", rule: "odd/day" } }, defaultBantFlow)).toContain("(odd, convertido de um valor day)");
    expect(reason({ optionId: "gt_10k", value: "Acima de R$ 10.000/mês", score: 50, raw: "muito", decision: { via: "band", rule: "lower" } })).toBe(
      "“muito” foi lido como Acima de R$ 10.000/mês (mínimo informado), na faixa “Acima de R$ 10.000/mês”: +50 pontos.",
    );
  });

  it("explains rules, horizons and unknown rules", () => {
    expect(reason({ value: "Próximos 30 dias", optionId: "30_days", score: 15, raw: "semana que vem", decision: { via: "rule", rule: "horizon", evidence: "semana que vem" } })).toBe(
      "“semana que vem”: “semana que vem” é um prazo que cabe em “Próximos 30 dias”: +15 pontos.",
    );
    expect(reason({ value: "Próximos 30 dias", optionId: "30_days", score: 15, raw: "logo", decision: { via: "rule", rule: "horizon" } })).toBe(
      "“logo”: “” é um prazo que cabe em “Próximos 30 dias”: +15 pontos.",
    );
    expect(reason({ value: "sim", optionId: "decision_maker", score: 30, raw: "sim", decision: { via: "rule", rule: "yes", evidence: "sim" } }, defaultBantFlow)).toBe(
      "“sim”: as palavras “sim” indicam uma resposta afirmativa → “Sim, sou o decisor”: +30 pontos.",
    );
    expect(reason({ value: "sim", score: 30, raw: "sim", decision: { via: "rule", rule: "custom" } })).toBe("“sim”: as palavras “” indicam custom → “sim”: +30 pontos.");
  });

  it("explains keyword answers without any keyword", () => {
    expect(explainBantScore({ need: { value: "nada", score: 0, raw: "nada", decision: { via: "keyword" } } }).items[0]!.reason).toBe(
      "“nada” não menciona nenhuma das palavras-chave da etapa: 0 pontos.",
    );
    expect(explainBantScore({ need: { value: "nada", score: 0, raw: "nada", decision: { via: "keyword", keywords: [] } } }).items[0]!.reason).toBe(
      "“nada” não menciona nenhuma das palavras-chave da etapa: 0 pontos.",
    );
  });

  it("explains an AI reading without confidence or model", () => {
    expect(reason({ ...influencer, raw: "meu cunhado assina comigo", decision: { via: "ai" } })).toBe(
      "“meu cunhado assina comigo” foi interpretado pela IA (modelo) como “Participo da decisão”, pelo trecho “”; os pontos são os da opção, definidos no fluxo: +20 pontos.",
    );
  });

  it("writes points with their sign and number", () => {
    expect(reason({ ...influencer, score: 1, decision: { via: "contact" } })).toBe("Dado de contato: +1 ponto.");
    expect(reason({ ...influencer, score: -1, decision: { via: "contact" } })).toBe("Dado de contato: -1 ponto.");
    expect(reason({ ...influencer, score: -5, decision: { via: "contact" } })).toBe("Dado de contato: -5 pontos.");
    expect(reason({ ...influencer, score: 0, decision: { via: "contact" } })).toBe("Dado de contato: +0 pontos.");
  });

  it("quotes the lead's words on one line, trimmed and cut at 200 characters", () => {
    expect(reason({ value: "x", score: 0, raw: "  eu   decido\n sozinho  " })).toBe("“eu decido sozinho”: +0 pontos.");
    const long = `${"a".repeat(150)}  ${"b".repeat(150)}`;
    expect(reason({ value: "x", score: 0, raw: long })).toBe(`“${"a".repeat(150)} ${"b".repeat(49)}”: +0 pontos.`);
  });
});

describe("explainBantScore fields", () => {
  it("finds the option text in the flow, unless the answer carries its own label", () => {
    const band = { stepId: "budget", optionId: "1k_5k", value: 3000, score: 30 };
    expect(explainBantScore({ budget: band }, defaultBantFlow).items[0]).toMatchObject({ optionText: "R$ 1.000 - R$ 5.000/mês", maxPoints: 50 });
    expect(explainBantScore({ budget: { ...band, label: "Entre 1 e 5 mil" } }, defaultBantFlow).items[0]!.optionText).toBe("Entre 1 e 5 mil");
    expect(explainBantScore({ budget: { ...band, optionId: "gt_10k" } }, defaultBantFlow).items[0]!.optionText).toBe("Acima de R$ 10.000/mês");
    expect(explainBantScore({ budget: band }).items[0]).not.toHaveProperty("optionText");
    expect(explainBantScore({ budget: band }).items[0]).not.toHaveProperty("maxPoints");
  });

  it("takes the value as option text only for an option answer", () => {
    expect(explainBantScore({ authority: { value: "sim", score: 0 } }).items[0]).not.toHaveProperty("optionText");
  });

  it("tolerates steps the flow does not have or that have no options", () => {
    expect(explainBantScore({ budget: { stepId: "gone", optionId: "x", value: 1, score: 0 } }, defaultBantFlow).items[0]).toMatchObject({ stepId: "gone", points: 0 });
    expect(explainBantScore({ need: { stepId: "need", optionId: "x", value: "vendas", score: 10 } }, defaultBantFlow).items[0]).toMatchObject({ maxPoints: 50 });
    expect(explainBantScore({ need: { stepId: "name", value: "Ana", score: 0 } }, defaultBantFlow).items[0]!.maxPoints).toBe(0);
  });

  it("ignores ids and scores of the wrong type, and non-object data", () => {
    expect(explainBantScore({ budget: { stepId: 5, optionId: 7, value: "x", score: 2.5 } }).items[0]).toMatchObject({ stepId: "budget", points: 0 });
    expect(explainBantScore({ budget: { stepId: 5, optionId: 7, value: "x", score: 2.5 } }).items[0]).not.toHaveProperty("optionId");
    expect(explainBantScore(null)).toEqual({ total: 0, items: [] });
    expect(explainBantScore("budget")).toEqual({ total: 0, items: [] });
  });

  it("leaves the answer empty when nothing was typed and the value is null", () => {
    expect(explainBantScore({ timeline: { value: null, score: 0 } }).items[0]!.answer).toBeNull();
  });
});
