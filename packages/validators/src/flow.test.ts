import { describe, expect, it } from "vitest";
import { botStateSchema, flowSchema, stepTargets, validateFlow, type Flow, type FlowInput, type FlowStep } from "./flow";

const outcomes = {
  qualified: { message: "Obrigado!", action: "handoff" },
  notQualified: { message: "Obrigado!", action: "close" },
} as const;

function flowInput(steps: FlowInput["steps"], extra: Partial<FlowInput> = {}): FlowInput {
  return { name: "Teste", version: 1, startStep: "a", steps, outcomes, timeoutFallback: "handoff", ...extra };
}

function flow(steps: FlowStep[], extra: Partial<Flow> = {}): Flow {
  return flowSchema.parse({ ...flowInput(steps), ...extra });
}

const yesNo = [
  { id: "sim", label: "Sim", text: "Sim", score: 10 },
  { id: "nao", label: "Não", text: "Não", score: 0 },
];

function issuePaths(input: unknown): string[] {
  const result = flowSchema.safeParse(input);
  if (result.success) return [];
  return result.error.issues.map((i) => i.path.join("."));
}

describe("flowSchema", () => {
  it("applies defaults for minScore, invalidAnswerLimit and outcome tags", () => {
    const parsed = flowSchema.parse(flowInput([{ id: "a", kind: "text", question: "Q?" }]));
    expect(parsed.minScore).toBe(70);
    expect(parsed.invalidAnswerLimit).toBe(2);
    expect(parsed.outcomes.qualified.tags).toEqual([]);
  });

  it("keeps explicit values and optional fields", () => {
    const parsed = flowSchema.parse(
      flowInput([{ id: "a", kind: "options", question: "Q?", options: yesNo, next: null, nextByOption: { sim: "a" } }], {
        id: "f1",
        minScore: 50,
        invalidAnswerLimit: 0,
        schedulingUrl: "https://agenda.exemplo.com/?n={name}",
      }),
    );
    expect(parsed).toMatchObject({ id: "f1", minScore: 50, invalidAnswerLimit: 0, schedulingUrl: "https://agenda.exemplo.com/?n={name}" });
    expect(parsed.steps[0]?.next).toBeNull();
  });

  it("reports missing top-level fields by name", () => {
    expect(issuePaths({ version: 1, startStep: "a", steps: [], outcomes, timeoutFallback: "handoff" })).toEqual(
      expect.arrayContaining(["name", "steps"]),
    );
    expect(issuePaths({ ...flowInput([{ id: "a", kind: "text", question: "Q?" }]), version: 0 })).toEqual(["version"]);
    expect(issuePaths({ ...flowInput([{ id: "a", kind: "text", question: "Q?" }]), timeoutFallback: "ignore" })).toEqual([
      "timeoutFallback",
    ]);
  });

  it("points at the exact step and option field", () => {
    const paths = issuePaths(
      flowInput([
        { id: "a", kind: "text", question: "Q?" },
        {
          id: "b",
          kind: "options",
          question: "Q?",
          options: [
            { id: "x", label: "Ok", text: "Ok", score: 1 },
            { id: "y", label: "Um rótulo longo demais aqui", text: "Y", score: 1.5 },
          ],
        },
      ]),
    );
    expect(paths).toEqual(["steps.1.options.1.label", "steps.1.options.1.score"]);
  });

  it("rejects unknown step kinds, bad ids, band boundaries and outcome actions", () => {
    expect(issuePaths(flowInput([{ id: "a", kind: "choice" as never, question: "Q?" }]))).toEqual(["steps.0.kind"]);
    expect(issuePaths(flowInput([{ id: "a b", kind: "text", question: "Q?" }]))).toEqual(["steps.0.id"]);
    expect(
      issuePaths(
        flowInput([
          { id: "a", kind: "options", question: "Q?", options: yesNo, bands: { boundary: "inclusive" as never, ranges: [] } },
        ]),
      ),
    ).toEqual(["steps.0.bands.boundary", "steps.0.bands.ranges"]);
    expect(
      issuePaths({ ...flowInput([{ id: "a", kind: "text", question: "Q?" }]), outcomes: { ...outcomes, qualified: { message: "" } } }),
    ).toEqual(["outcomes.qualified.message", "outcomes.qualified.action"]);
  });

  it("gives the label limit message in pt-BR", () => {
    const result = flowSchema.safeParse(
      flowInput([{ id: "a", kind: "options", question: "Q?", options: [{ id: "x", label: "x".repeat(21), text: "X", score: 0 }] }]),
    );
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe("O rótulo deve ter no máximo 20 caracteres.");
  });
});

describe("botStateSchema", () => {
  const state = {
    flowVersion: 1,
    stepId: "a",
    revision: 3,
    answers: { a: { value: "Ana", score: 0, raw: "Ana" }, b: { value: null, score: 0, raw: "pular" } },
    score: 0,
    invalidCount: 0,
    reminderCount: 1,
    status: "active",
    contact: { phone: "+5511999999999" },
    path: ["a"],
  };

  it("accepts a stored state", () => {
    expect(botStateSchema.parse(state)).toEqual(state);
  });

  it("reports bad fields by path", () => {
    const result = botStateSchema.safeParse({ ...state, revision: -1, status: "paused", answers: { a: { value: true, score: 0, raw: "" } } });
    expect(result.error?.issues.map((i) => i.path.join(".")).sort()).toEqual(["answers.a.value", "revision", "status"]);
  });
});

describe("validateFlow", () => {
  const text = (id: string, next?: string | null): FlowStep => ({ id, kind: "text", question: `${id}?`, next });

  it("accepts a linear flow and a branching flow whose loop has an exit", () => {
    expect(validateFlow(flow([text("a", "b"), text("b")]))).toEqual([]);
    const branching = flow([
      { id: "a", kind: "options", question: "Q?", options: yesNo, nextByOption: { sim: "b", nao: "a" }, next: null },
      text("b", null),
    ]);
    expect(validateFlow(branching)).toEqual([]);
  });

  it("reports a dangling next step", () => {
    expect(validateFlow(flow([text("a", "zzz")]))).toEqual([
      { stepId: "a", message: 'Etapa "a": a próxima etapa "zzz" não existe.' },
    ]);
  });

  it("reports a dangling nextByOption target and an unknown option key", () => {
    const issues = validateFlow(
      flow([{ id: "a", kind: "options", question: "Q?", options: yesNo, nextByOption: { sim: "zzz", talvez: "a" } }]),
    );
    expect(issues).toEqual([
      { stepId: "a", message: 'Etapa "a": a opção "sim" leva à etapa "zzz", que não existe.' },
      { stepId: "a", message: 'Etapa "a": o desvio usa a opção "talvez", que não existe nesta etapa.' },
    ]);
  });

  it("accepts an http(s) scheduling link with placeholders and refuses other schemes, bare words and overlong links", () => {
    const withUrl = (schedulingUrl: string) => validateFlow(flow([text("a")], { schedulingUrl }));
    expect(withUrl("https://calendly.com/acme/30min?name={name}&email={email}")).toEqual([]);
    expect(withUrl("http://agenda.acme.com.br/{leadId}")).toEqual([]);
    for (const bad of ["javascript:alert(1)", "data:text/html,oi", "agenda", `https://a.com/${"x".repeat(2048)}`]) {
      expect(withUrl(bad)).toEqual([{ stepId: "", message: expect.stringContaining("a URL de agendamento deve ser um endereço http(s) completo") }]);
    }
  });

  it("reports steps unreachable from the start", () => {
    expect(validateFlow(flow([text("a"), text("b"), text("c", "b")]))).toEqual([
      { stepId: "b", message: 'Etapa "b": não é alcançável a partir da etapa inicial "a".' },
      { stepId: "c", message: 'Etapa "c": não é alcançável a partir da etapa inicial "a".' },
    ]);
  });

  it("reports a missing start step without also flagging every step as unreachable", () => {
    expect(validateFlow(flow([text("a")], { startStep: "inicio" }))).toEqual([
      { stepId: "inicio", message: 'A etapa inicial "inicio" não existe.' },
    ]);
  });

  it("reports loops without exit, naming every step caught in them", () => {
    const issues = validateFlow(flow([text("a", "b"), text("b", "c"), text("c", "b")]));
    expect(issues.map((i) => i.stepId)).toEqual(["a", "b", "c"]);
    expect(issues[1]?.message).toBe('Etapa "b": faz parte de um ciclo sem saída; nenhum caminho leva ao fim do fluxo.');
  });

  it("treats an options loop as closed when every option loops back", () => {
    const issues = validateFlow(
      flow([{ id: "a", kind: "options", question: "Q?", options: yesNo, nextByOption: { sim: "a", nao: "a" }, next: null }]),
    );
    expect(issues.map((i) => i.message)).toEqual(['Etapa "a": faz parte de um ciclo sem saída; nenhum caminho leva ao fim do fluxo.']);
  });

  it("a skippable options step can leave the loop through next", () => {
    const issues = validateFlow(
      flow([{ id: "a", kind: "options", question: "Q?", options: yesNo, nextByOption: { sim: "a", nao: "a" }, skippable: true }]),
    );
    expect(issues).toEqual([]);
  });

  it("reports option labels over 20 characters in flows built without parsing", () => {
    const step: FlowStep = {
      id: "a",
      kind: "options",
      question: "Q?",
      options: [{ id: "x", label: "Um rótulo longo demais!", text: "X", score: 0 }],
    };
    const built: Flow = { ...flow([text("a")]), steps: [step] };
    expect(validateFlow(built)).toEqual([
      { stepId: "a", message: 'Etapa "a": o rótulo da opção "x" tem 23 caracteres (máximo 20).' },
    ]);
  });

  it("reports duplicate step ids and duplicate option ids", () => {
    expect(validateFlow(flow([text("a", "a2"), text("a2"), text("a2")]))).toContainEqual({
      stepId: "a2",
      message: 'Etapa "a2": existe mais de uma etapa com este id.',
    });
    const options = [...yesNo, { id: "sim", label: "Sim!", text: "Sim!", score: 1 }];
    expect(validateFlow(flow([{ id: "a", kind: "options", question: "Q?", options }]))).toEqual([
      { stepId: "a", message: 'Etapa "a": a opção "sim" aparece mais de uma vez.' },
    ]);
  });

  it("reports an options step without options, absent or empty", () => {
    const expected = [{ stepId: "a", message: 'Etapa "a": etapa de opções sem nenhuma opção.' }];
    expect(validateFlow(flow([{ id: "a", kind: "options", question: "Q?" }]))).toEqual(expected);
    expect(validateFlow(flow([{ id: "a", kind: "options", question: "Q?", options: [] }]))).toEqual(expected);
  });

  it("reports bands pointing at an unknown option", () => {
    const issues = validateFlow(
      flow([
        {
          id: "a",
          kind: "options",
          question: "Q?",
          options: yesNo,
          bands: { boundary: "lower_inclusive", ranges: [{ optionId: "sim", max: 10 }, { optionId: "muito", min: 10 }] },
        },
      ]),
    );
    expect(issues).toEqual([{ stepId: "a", message: 'Etapa "a": uma faixa de valores aponta para a opção "muito", que não existe.' }]);
  });
});

describe("stepTargets", () => {
  it("lists per-option targets, falling back to next, and null for the end", () => {
    const step: FlowStep = { id: "a", kind: "options", question: "Q?", options: yesNo, nextByOption: { sim: "b" }, next: "c" };
    expect(stepTargets(step)).toEqual(["b", "c"]);
    expect(stepTargets({ id: "t", kind: "text", question: "Q?" })).toEqual([null]);
  });
});

describe("option synonyms", () => {
  const base = {
    name: "F",
    version: 1,
    startStep: "a",
    timeoutFallback: "handoff",
    steps: [{ id: "a", kind: "options", question: "Q?", options: [{ id: "x", label: "X", text: "X", score: 1 }] }],
    outcomes: { qualified: { message: "ok", action: "close" }, notQualified: { message: "ok", action: "close" } },
  };
  const withSynonyms = (synonyms: unknown) => ({ ...base, steps: [{ ...base.steps[0], options: [{ ...base.steps[0]!.options[0], synonyms }] }] });

  it("are optional: a flow saved before them parses unchanged", () => {
    const parsed = flowSchema.parse(base);
    expect(parsed.steps[0]!.options![0]).toEqual({ id: "x", label: "X", text: "X", score: 1 });
  });

  it("are trimmed, bounded, and refused with pt-BR messages", () => {
    expect(flowSchema.parse(withSynonyms(["  eu que assino "])).steps[0]!.options![0]!.synonyms).toEqual(["eu que assino"]);
    const tooMany = flowSchema.safeParse(withSynonyms(Array.from({ length: 31 }, (_, i) => `s${i}`)));
    expect(tooMany.success ? null : tooMany.error.issues[0]!.message).toBe("No máximo 30 sinônimos por opção.");
    const tooLong = flowSchema.safeParse(withSynonyms(["x".repeat(81)]));
    expect(tooLong.success ? null : tooLong.error.issues[0]!.message).toBe("Cada sinônimo deve ter no máximo 80 caracteres.");
    expect(flowSchema.safeParse(withSynonyms([" "])).success).toBe(false);
  });
});
