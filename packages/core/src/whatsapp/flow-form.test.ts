import { describe, expect, it } from "vitest";
import type { Flow } from "@vendaflow/validators/flow";
import { defaultBantFlow } from "../bot/default-flow";
import { validateFlowJson } from "../../../../tests/stand-ins/graph-api";
import { FLOW_FORM_SCREEN, flowFormAnswers, flowFormData, flowFormJson, flowFormToken, formSteps, verifyFlowFormToken } from "./flow-form";

const TENANT = "11111111-1111-4111-8111-111111111111";
const OTHER = "22222222-2222-4222-8222-222222222222";
const CONV = "33333333-3333-4333-8333-333333333333";

describe("flowFormJson (the Flow JSON a tenant uploads to Meta)", () => {
  it("one terminal screen: each step's question as text, options as a radio group over the message's data, text steps as inputs; the Footer completes with a payload keyed by step id", () => {
    const json = flowFormJson(defaultBantFlow);
    expect(json.version).toBe("7.0");
    expect(json.screens).toHaveLength(1);
    const screen = json.screens[0]!;
    expect(screen).toMatchObject({ id: FLOW_FORM_SCREEN, title: "Qualificação BANT", terminal: true, success: true });
    const children = screen.layout.children as Record<string, unknown>[];
    expect(children.map((c) => [c.type, c.name ?? null])).toEqual([
      ["TextBody", null], ["TextInput", "q_0"],
      ["TextBody", null], ["TextInput", "q_1"],
      ["TextBody", null], ["RadioButtonsGroup", "q_2"],
      ["TextBody", null], ["RadioButtonsGroup", "q_3"],
      ["TextBody", null], ["TextInput", "q_4"],
      ["TextBody", null], ["RadioButtonsGroup", "q_5"],
      ["Footer", null],
    ]);
    expect(children[0]).toEqual({ type: "TextBody", text: "${data.q_0_question}" });
    expect(children[3]).toEqual({ type: "TextInput", name: "q_1", label: "Sua resposta", "input-type": "email", required: false }); // skippable e-mail
    expect(children[5]).toEqual({ type: "RadioButtonsGroup", name: "q_2", label: "Escolha uma opção", required: true, "data-source": "${data.q_2_options}" });
    expect(children[12]).toEqual({
      type: "Footer",
      label: "Enviar",
      "on-click-action": { name: "complete", payload: { name: "${form.q_0}", email: "${form.q_1}", budget: "${form.q_2}", authority: "${form.q_3}", need: "${form.q_4}", timeline: "${form.q_5}" } },
    });
    // Every ${data.x} is declared with its type and an example taken from the flow.
    expect(screen.data["q_2_options"]).toMatchObject({ type: "array", __example__: [{ id: "lt_1k", title: "< R$ 1 mil" }, { id: "1k_5k", title: "R$ 1-5 mil" }, { id: "5k_10k", title: "R$ 5-10 mil" }, { id: "gt_10k", title: "> R$ 10 mil" }] });
    expect(screen.data["q_0_question"]).toEqual({ type: "string", __example__: "Olá! Para começarmos, qual é o seu nome?" });
    for (const ref of JSON.stringify(json).matchAll(/\$\{data\.([a-z0-9_]+)\}/g)) expect(screen.data).toHaveProperty(ref[1]!);
    // The Graph stand-in's Flow JSON rules (a subset of Meta's) find nothing to refuse…
    expect(validateFlowJson(json)).toEqual([]);
    // …and do refuse a payload naming an input the screen lacks.
    const broken = structuredClone(json) as { screens: { layout: { children: Record<string, unknown>[] } }[] };
    broken.screens[0]!.layout.children.splice(1, 1);
    expect(validateFlowJson(broken).map((e) => e.message)).toContain("${form.q_0} names no input of the screen");
  });

  it("with branches no field is required (a branch may not apply); steps follow the flow's reach, unreachable ones left out", () => {
    const flow: Flow = {
      ...defaultBantFlow,
      startStep: "budget",
      steps: [
        { ...defaultBantFlow.steps[2]!, nextByOption: { lt_1k: "timeline" }, next: "authority" },
        { ...defaultBantFlow.steps[3]!, next: "timeline" },
        { ...defaultBantFlow.steps[5]! },
        { ...defaultBantFlow.steps[4]!, id: "orphan" },
      ],
    };
    expect(formSteps(flow).map((s) => s.id)).toEqual(["budget", "timeline", "authority"]);
    const children = flowFormJson(flow).screens[0]!.layout.children as Record<string, unknown>[];
    expect(children.filter((c) => "required" in c).every((c) => c.required === false)).toBe(true);
  });
});

describe("flowFormData (the screen's initial data in each message)", () => {
  it("carries every question and, for option steps, the published options as Meta's data-source items", () => {
    const data = flowFormData(defaultBantFlow);
    expect(data.q_3_question).toBe("Você é responsável pela decisão de compra?");
    expect(data.q_3_options).toEqual([
      { id: "decision_maker", title: "Sim, sou o decisor" },
      { id: "influencer", title: "Participo da decisão" },
      { id: "researching", title: "Apenas pesquisando" },
    ]);
    expect(Object.keys(data).sort()).toEqual(Object.keys(flowFormJson(defaultBantFlow).screens[0]!.data).sort());
  });
});

describe("flowFormAnswers (nfm_reply response_json → answers by step)", () => {
  it("keeps string and number answers by step id, blanks as empty; drops other keys and shapes", () => {
    expect(flowFormAnswers({ budget: "gt_10k", need: "  vendas  ", employees: 12, email: "", bad_key$: "x", nested: { a: 1 }, flag: true, nothing: null })).toEqual({
      budget: "gt_10k",
      need: "vendas",
      employees: "12",
      email: "",
    });
  });
  it("cuts long answers and keeps at most 20", () => {
    const many = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`s${i}`, "x".repeat(2000)]));
    const out = flowFormAnswers(many);
    expect(Object.keys(out)).toHaveLength(20);
    expect(out.s0).toHaveLength(1000);
  });
});

describe("flow_token", () => {
  it("names the conversation, signed for the tenant: another tenant, another secret or a forged token get nothing", () => {
    const token = flowFormToken("secret", TENANT, CONV);
    expect(verifyFlowFormToken("secret", TENANT, token)).toBe(CONV);
    expect(verifyFlowFormToken("secret", OTHER, token)).toBeNull();
    expect(verifyFlowFormToken("other-secret", TENANT, token)).toBeNull();
    const forged = token.replace(CONV, "44444444-4444-4444-8444-444444444444");
    expect(verifyFlowFormToken("secret", TENANT, forged)).toBeNull();
    for (const bad of [undefined, "", "vf1", `vf1.${CONV}`, `${token}.x`, "flows-builder-abc123", `x${token}`]) expect(verifyFlowFormToken("secret", TENANT, bad)).toBeNull();
  });
});
