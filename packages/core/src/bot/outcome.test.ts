import { describe, expect, it } from "vitest";
import { defaultBantFlow } from "./default-flow";
import { bantDataFrom, fillSchedulingUrl } from "./outcome";

describe("fillSchedulingUrl", () => {
  it("URL-encodes every placeholder and blanks unknown ones", () => {
    const template = "https://agenda.exemplo.com/{leadId}?nome={name}&email={email}&x={other}";
    expect(fillSchedulingUrl(template, { name: "João Silva", email: "joao+1@x.com", leadId: "l/1" })).toBe(
      "https://agenda.exemplo.com/l%2F1?nome=Jo%C3%A3o%20Silva&email=joao%2B1%40x.com&x={other}",
    );
    expect(fillSchedulingUrl(template, {})).toBe("https://agenda.exemplo.com/?nome=&email=&x={other}");
  });
});

describe("bantDataFrom", () => {
  it("keeps BANT fields only, with step, value, option, score, what was typed and the option's text", () => {
    const data = bantDataFrom(defaultBantFlow, {
      name: { value: "Ana", score: 0, raw: "Ana" },
      budget: { value: 15000, optionId: "gt_10k", score: 50, raw: "15 mil" },
      need: { value: "vendas", score: 10, raw: "vendas" },
    });
    expect(data).toEqual({
      budget: { stepId: "budget", value: 15000, optionId: "gt_10k", score: 50, raw: "15 mil", label: "Acima de R$ 10.000/mês" },
      need: { stepId: "need", value: "vendas", score: 10, raw: "vendas" },
    });
  });
});

describe("bantDataFrom without an option", () => {
  it("leaves optionId, decision and label out when the answer has none", () => {
    const data = bantDataFrom(defaultBantFlow, { need: { value: "vendas", score: 10, raw: "vendas" } });
    expect(data).toStrictEqual({ need: { stepId: "need", value: "vendas", score: 10, raw: "vendas" } });
    expect(Object.keys(data.need!)).toEqual(["stepId", "value", "score", "raw"]);
  });

  it("keeps an optionId whose step no longer lists options, without a label", () => {
    const flow = { ...defaultBantFlow, steps: defaultBantFlow.steps.map((s) => (s.id === "budget" ? { ...s, options: undefined } : s)) };
    const data = bantDataFrom(flow, { budget: { value: 15000, optionId: "gt_10k", score: 50, raw: "15 mil" } });
    expect(data.budget).toStrictEqual({ stepId: "budget", value: 15000, optionId: "gt_10k", score: 50, raw: "15 mil" });
  });
});
