import { describe, expect, it } from "vitest";
import type { Flow } from "@vendaflow/validators/flow";
import { defaultBantFlow } from "./default-flow";
import { runBot } from "./engine";
import { NOT_QUALIFIED_TAG } from "./not-qualified-tag";
import { NOW, last, option, play, text } from "./test-driver";

const withScheduling: Flow = { ...defaultBantFlow, schedulingUrl: "https://agenda.exemplo.com/{leadId}?nome={name}&email={email}" };

describe("completion", () => {
  it("qualifies at 50+30+25+20 = 125, offers scheduling and hands off", () => {
    const results = play(["João Silva", "joao@x.com", "R$ 15 mil", "sim, sou o decisor", "vendas e qualificação", "imediatamente"], {
      flow: withScheduling,
      options: { leadId: "lead-1" },
    });
    const done = last(results);
    expect(done.state).toMatchObject({ status: "completed", stepId: null, score: 125 });
    expect(done.effects).toEqual([
      {
        kind: "qualify",
        score: 125,
        stage: "qualified",
        bantData: {
          budget: { stepId: "budget", value: 15000, optionId: "gt_10k", score: 50, raw: "R$ 15 mil", label: "Acima de R$ 10.000/mês", decision: { via: "band", rule: "exact", evidence: "15 mil" } },
          authority: { stepId: "authority", value: "Sim, sou o decisor", optionId: "decision_maker", score: 30, raw: "sim, sou o decisor", label: "Sim, sou o decisor", decision: { via: "exact" } },
          need: {
            stepId: "need",
            value: "vendas e qualificação",
            score: 25,
            raw: "vendas e qualificação",
            decision: { via: "keyword", keywords: [{ keyword: "vendas", score: 10, evidence: "vendas" }, { keyword: "qualificação", score: 15, evidence: "qualificacao" }] },
          },
          timeline: { stepId: "timeline", value: "Imediatamente", optionId: "immediately", score: 20, raw: "imediatamente", label: "Imediatamente", decision: { via: "exact" } },
        },
      },
      { kind: "offer_scheduling", url: "https://agenda.exemplo.com/lead-1?nome=Jo%C3%A3o%20Silva&email=joao%40x.com" },
      { kind: "handoff", reason: "qualified" },
    ]);
    expect(done.replies).toEqual([{ kind: "text", text: defaultBantFlow.outcomes.qualified.message }]);
  });

  it("does not offer scheduling when the flow has no URL", () => {
    const done = last(play(["Ana", "pular", option("gt_10k"), option("decision_maker"), "vendas", option("immediately")]));
    expect(done.effects.map((e) => e.kind)).toEqual(["qualify", "handoff"]);
  });

  it("qualifies exactly at minScore (40+30+0+0 = 70)", () => {
    const done = last(play(["Ana", "pular", "3", "1", "nada", "4"]));
    expect(done.state.score).toBe(70);
    expect(done.effects[0]).toMatchObject({ kind: "qualify", score: 70 });
  });

  it("below minScore (30+20+15+0 = 65) goes to the nurture stage, gets the not-qualified tag and closes", () => {
    const done = last(play(["Ana", "pular", "2", "2", "conversão", "Apenas pesquisando"], { flow: withScheduling }));
    expect(done.state).toMatchObject({ status: "completed", score: 65 });
    expect(done.effects).toEqual([
      {
        kind: "not_qualified",
        score: 65,
        stage: "nurture",
        bantData: {
          budget: { stepId: "budget", value: "R$ 1.000 - R$ 5.000/mês", optionId: "1k_5k", score: 30, raw: "2", label: "R$ 1.000 - R$ 5.000/mês", decision: { via: "number", evidence: "2" } },
          authority: { stepId: "authority", value: "Participo da decisão", optionId: "influencer", score: 20, raw: "2", label: "Participo da decisão", decision: { via: "number", evidence: "2" } },
          need: { stepId: "need", value: "conversão", score: 15, raw: "conversão", decision: { via: "keyword", keywords: [{ keyword: "conversão", score: 15, evidence: "conversao" }] } },
          timeline: { stepId: "timeline", value: "Apenas pesquisando", optionId: "researching", score: 0, raw: "Apenas pesquisando", label: "Apenas pesquisando", decision: { via: "exact" } },
        },
      },
      { kind: "tag", tag: NOT_QUALIFIED_TAG },
      { kind: "close", reason: "completed" },
    ]);
    expect(done.replies).toEqual([{ kind: "text", text: defaultBantFlow.outcomes.notQualified.message }]);
  });

  it("applies outcome tags and actions from the flow", () => {
    const flow: Flow = {
      ...defaultBantFlow,
      outcomes: {
        qualified: { ...defaultBantFlow.outcomes.qualified, action: "close", tags: ["quente"] },
        notQualified: { ...defaultBantFlow.outcomes.notQualified, action: "handoff", tags: [NOT_QUALIFIED_TAG, "frio"] },
      },
    };
    const hot = last(play(["Ana", "pular", "4", "1", "vendas", "1"], { flow }));
    expect(hot.effects.slice(1)).toEqual([{ kind: "tag", tag: "quente" }, { kind: "close", reason: "completed" }]);
    const cold = last(play(["Ana", "pular", "1", "3", "nada", "4"], { flow }));
    expect(cold.effects.slice(1)).toEqual([
      { kind: "tag", tag: NOT_QUALIFIED_TAG },
      { kind: "tag", tag: "frio" },
      { kind: "handoff", reason: "not_qualified" },
    ]);
  });

  it("stays silent once completed", () => {
    const done = last(play(["Ana", "pular", "1", "3", "nada", "4"]));
    expect(runBot(defaultBantFlow, done.state, text("oi"), NOW)).toEqual({ state: done.state, replies: [], effects: [] });
  });
});
