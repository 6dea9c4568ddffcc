import { describe, expect, it } from "vitest";
import type { BotState, Flow } from "@vendaflow/validators/flow";
import { defaultBantFlow } from "./default-flow";
import { runBot, startBot } from "./engine";
import { NOW, deepFreeze, last, media, option, play, reach, text, timeout } from "./test-driver";

const optionSteps = defaultBantFlow.steps.filter((s) => s.kind === "options");
const stripAccents = (s: string) => s.normalize("NFD").replace(/\p{M}/gu, "");

describe("startBot", () => {
  it("asks the first question at revision 1 and schedules its timeout", () => {
    const start = startBot(defaultBantFlow, NOW, { phone: "+5511988887777" });
    expect(start.state).toEqual({
      flowVersion: 1,
      stepId: "name",
      revision: 1,
      answers: {},
      score: 0,
      invalidCount: 0,
      reminderCount: 0,
      status: "active",
      contact: { phone: "+5511988887777" },
      path: ["name"],
    });
    expect(start.replies).toEqual([{ kind: "question", stepId: "name", text: "Olá! Para começarmos, qual é o seu nome?" }]);
    expect(start.effects).toEqual([{ kind: "schedule_timeout", stepId: "name", revision: 1, delaySeconds: 600 }]);
  });

  it("skips contact steps whose value the channel already knows", () => {
    expect(startBot(defaultBantFlow, NOW, { name: "Ana" }).state.stepId).toBe("email");
    const both = startBot(defaultBantFlow, NOW, { name: "Ana", email: "ana@x.com" });
    expect(both.state.stepId).toBe("budget");
    expect(both.state.path).toEqual(["budget"]);
  });

  it("uses the step's timeout, else the configured default", () => {
    const flow: Flow = { ...defaultBantFlow, steps: defaultBantFlow.steps.map((s) => (s.id === "name" ? { ...s, timeoutSeconds: 120 } : s)) };
    expect(startBot(flow, NOW).effects[0]).toMatchObject({ delaySeconds: 120 });
    expect(startBot(defaultBantFlow, NOW, {}, { defaultTimeoutSeconds: 45 }).effects[0]).toMatchObject({ delaySeconds: 45 });
  });
});

describe("contact steps", () => {
  it("records the name, updates the lead and greets by first name", () => {
    const result = last(play(["Meu nome é João Silva"]));
    expect(result.state.contact.name).toBe("João Silva");
    expect(result.state.answers.name).toEqual({ value: "João Silva", score: 0, raw: "Meu nome é João Silva", decision: { via: "contact" } });
    expect(result.effects[0]).toEqual({ kind: "update_lead", name: "João Silva" });
    expect(result.replies.map((r) => r.text)).toEqual(["Prazer, João!", 'Qual é o seu e-mail? Se preferir não informar, digite "pular".']);
  });

  it("re-asks an implausible name", () => {
    const result = last(play(["oi"]));
    expect(result.state).toMatchObject({ stepId: "name", invalidCount: 1 });
    expect(result.effects.map((e) => e.kind)).toEqual(["schedule_timeout"]);
  });

  it("validates the e-mail and flags it for a duplicate check without merging", () => {
    const result = last(play(["Ana", "Ana@Empresa.com.br"]));
    expect(result.state.contact.email).toBe("ana@empresa.com.br");
    expect(result.effects).toEqual([
      { kind: "update_lead", email: "ana@empresa.com.br" },
      { kind: "possible_duplicate_email", email: "ana@empresa.com.br" },
      { kind: "schedule_timeout", stepId: "budget", revision: 3, delaySeconds: 600 },
    ]);
  });

  it.each(["pular", "Pular", "não tenho", "nao tenho"])("skips the e-mail on %s", (answer) => {
    const result = last(play(["Ana", answer]));
    expect(result.state.stepId).toBe("budget");
    expect(result.state.answers.email).toEqual({ value: null, score: 0, raw: answer, decision: { via: "skip" } });
    expect(result.state.contact.email).toBeUndefined();
    expect(result.effects.map((e) => e.kind)).toEqual(["schedule_timeout"]);
  });

  it("re-asks an invalid e-mail with a hint, telling how to skip once", () => {
    const result = last(play(["Ana", "ana@empresa"]));
    expect(result.state).toMatchObject({ stepId: "email", invalidCount: 1 });
    expect(result.replies[0]).toEqual({ kind: "text", text: "Esse e-mail não parece válido. Pode conferir? Ex.: nome@empresa.com.br." });
    expect(result.replies[1]).toMatchObject({ kind: "question", stepId: "email", text: 'Qual é o seu e-mail? Se preferir não informar, digite "pular".' });
  });
});

describe("options steps accept every seed option", () => {
  const cases = optionSteps.flatMap((step) =>
    (step.options ?? []).map((o, i) => ({ stepId: step.id as "budget" | "authority" | "timeline", o, n: i + 1 })),
  );

  it.each(cases)("$stepId → $o.id by button, number, text with and without accents, and label", ({ stepId, o, n }) => {
    const at = reach(stepId);
    for (const input of [option(o.id), text(String(n)), text(o.text), text(stripAccents(o.text).toUpperCase()), text(o.label)]) {
      const next = runBot(defaultBantFlow, at.state, input, NOW);
      expect(next.state.answers[stepId], JSON.stringify(input)).toMatchObject({ optionId: o.id, score: o.score });
      expect(next.state.score).toBe(at.state.score + o.score);
    }
  });

  it("re-asks an unknown button id", () => {
    const result = runBot(defaultBantFlow, reach("authority").state, option("gt_10k"), NOW);
    expect(result.state).toMatchObject({ stepId: "authority", invalidCount: 1 });
  });

  it("re-asks a number outside the option list", () => {
    expect(runBot(defaultBantFlow, reach("budget").state, text("7"), NOW).state.invalidCount).toBe(1);
  });
});

describe("free-text budgets", () => {
  const at = reach("budget");
  const band = (answer: string) => runBot(defaultBantFlow, at.state, text(answer), NOW).state.answers.budget;

  it.each([
    ["uns 3 mil por mês", 3000, "1k_5k"],
    ["R$ 7.500,00", 7500, "5k_10k"],
    ["2,5 mil", 2500, "1k_5k"],
    ["10k", 10000, "gt_10k"],
    ["R$ 800", 800, "lt_1k"],
    ["1 milhão", 1_000_000, "gt_10k"],
    ["1,2 mi", 1_200_000, "gt_10k"],
    ["entre 1 e 5 mil", 3000, "1k_5k"],
    ["999.99", 999.99, "lt_1k"],
    ["R$ 999,99", 999.99, "lt_1k"],
    ["1000", 1000, "1k_5k"],
    ["R$ 1 mil", 1000, "1k_5k"],
    ["4999", 4999, "1k_5k"],
    ["5000", 5000, "5k_10k"],
    ["10000", 10000, "gt_10k"],
  ])("%s → %d in band %s", (answer, amount, optionId) => {
    expect(band(answer)).toEqual({ value: amount, optionId, score: expect.any(Number), raw: answer, decision: expect.objectContaining({ via: "band" }) });
  });

  it("re-asks when no amount is found", () => {
    expect(runBot(defaultBantFlow, at.state, text("depende"), NOW).state.invalidCount).toBe(1);
  });
});

describe("need step", () => {
  const at = reach("need");
  const need = (answer: string) => runBot(defaultBantFlow, at.state, text(answer), NOW).state;

  it.each([
    ["vendas e qualificação", 25],
    ["vendas e qualificacao", 25],
    ["Melhorar a CONVERSAO com automação", 25],
    ["vendas, qualificação, conversão e automação", 50],
    ["nada específico", 0],
  ])("%s scores %d and is always accepted", (answer, score) => {
    const state = need(answer);
    expect(state.answers.need).toMatchObject({ value: answer, score, raw: answer, decision: { via: "keyword" } });
    expect(state.stepId).toBe("timeline");
  });
});

describe("invalid answers", () => {
  it("re-asks with numbered options, then hands off once the limit is exceeded", () => {
    const [, , , first, second, third] = play(["Ana", "pular", "banana", "banana", "banana"]);
    expect(first!.replies).toEqual([
      { kind: "text", text: "Não entendi sua resposta. Responda com o número de uma das opções ou com um valor (ex.: 3 mil)." },
      {
        kind: "question",
        stepId: "budget",
        text:
          "Qual é o orçamento previsto para esta solução?\n\n1. Menos de R$ 1.000/mês\n2. R$ 1.000 - R$ 5.000/mês\n" +
          "3. R$ 5.000 - R$ 10.000/mês\n4. Acima de R$ 10.000/mês",
        options: expect.any(Array),
      },
    ]);
    expect(first!.state.invalidCount).toBe(1);
    expect(second!.state).toMatchObject({ invalidCount: 2, status: "active" });
    expect(third!.state).toMatchObject({ invalidCount: 3, status: "handed_off" });
    expect(third!.effects).toEqual([{ kind: "handoff", reason: "invalid_answers" }]);
    expect(third!.replies).toHaveLength(1);
  });

  it("a step's own limit overrides the flow's", () => {
    const flow: Flow = {
      ...defaultBantFlow,
      steps: defaultBantFlow.steps.map((s) => (s.id === "authority" ? { ...s, invalidAnswerLimit: 0 } : s)),
    };
    const result = runBot(flow, reach("authority", { flow }).state, text("talvez"), NOW);
    expect(result.effects).toEqual([{ kind: "handoff", reason: "invalid_answers" }]);
  });

  it("the count starts over on the next step", () => {
    const result = last(play(["Ana", "pular", "banana", "banana", "2"]));
    expect(result.state).toMatchObject({ stepId: "authority", invalidCount: 0 });
  });
});

describe("media", () => {
  it("asks for a text answer and repeats the question without counting an invalid answer", () => {
    const at = reach("timeline");
    const result = runBot(defaultBantFlow, at.state, media, NOW);
    expect(result.replies[0]).toEqual({
      kind: "text",
      text: "Por enquanto só consigo entender mensagens de texto. Pode responder por escrito?",
    });
    expect(result.replies[1]).toMatchObject({ kind: "question", stepId: "timeline" });
    expect(result.state).toEqual({ ...at.state, revision: at.state.revision + 1 });
  });
});

describe("revisions", () => {
  it("increase by exactly one per transition and tag each scheduled timeout", () => {
    const start = startBot(defaultBantFlow, NOW);
    const results = play([
      "Ana",
      "ana@",
      "?",
      media,
      timeout(start.state.revision + 4),
      "ana@x.com",
      "entre 1 e 5 mil",
      "recomeçar",
      "Ana",
      "pular",
      option("gt_10k"),
      "1",
      "vendas",
      "Imediatamente",
    ]);
    results.forEach((r, i) => {
      expect(r.state.revision).toBe(i + 1);
      for (const e of r.effects) if (e.kind === "schedule_timeout") expect(e.revision).toBe(r.state.revision);
    });
    expect(last(results).state.status).toBe("completed");
  });
});

describe("branching and broken flows", () => {
  const branching: Flow = {
    ...defaultBantFlow,
    steps: defaultBantFlow.steps.map((s) =>
      s.id === "authority" ? { ...s, nextByOption: { researching: "timeline" } } : s,
    ),
  };

  it("follows nextByOption, falling back to next", () => {
    expect(runBot(branching, reach("authority", { flow: branching }).state, text("3"), NOW).state.stepId).toBe("timeline");
    expect(runBot(branching, reach("authority", { flow: branching }).state, text("1"), NOW).state.stepId).toBe("need");
  });

  it("hands off when the state points at a step the flow lacks", () => {
    const state: BotState = { ...reach("need").state, stepId: "gone" };
    const result = runBot(defaultBantFlow, state, text("vendas"), NOW);
    expect(result.state).toMatchObject({ status: "handed_off", revision: state.revision + 1 });
    expect(result.effects).toEqual([{ kind: "handoff", reason: "flow_error" }]);
  });

  it("hands off when a step leads to a step the flow lacks", () => {
    const broken: Flow = { ...defaultBantFlow, steps: defaultBantFlow.steps.map((s) => (s.id === "budget" ? { ...s, next: "gone" } : s)) };
    const at = reach("budget", { flow: broken });
    const result = runBot(broken, at.state, text("3 mil"), NOW);
    expect(result.state).toMatchObject({ status: "handed_off", stepId: "budget" });
    expect(result.effects).toEqual([{ kind: "handoff", reason: "flow_error" }]);
    expect(result.replies).toEqual([{ kind: "text", text: "Tive um problema para continuar. Vou chamar alguém da nossa equipe para te ajudar." }]);
  });
});

describe("determinism and purity", () => {
  const script = ["Ana", "ana@x.com", "uns 3 mil", "?", "participo", media, "automação", "próximos 30 dias"];

  it("same inputs give deep-equal outputs", () => {
    expect(play(script)).toEqual(play(script));
  });

  it("never mutates the flow or the given state", () => {
    const flow = deepFreeze(structuredClone(defaultBantFlow));
    let current = deepFreeze(startBot(flow, NOW));
    for (const input of script) {
      const snapshot = structuredClone(current.state);
      const next = runBot(flow, current.state, typeof input === "string" ? text(input) : input, NOW);
      expect(current.state).toEqual(snapshot);
      current = deepFreeze(next);
    }
    expect(current.state.status).toBe("completed");
  });
});
