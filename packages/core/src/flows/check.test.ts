import type { Flow, FlowStep } from "@vendaflow/validators/flow";
import { describe, expect, it } from "vitest";
import { defaultBantFlow } from "../bot/default-flow";
import { checkDraft, FLOW_ISSUE, issuesByStep } from "./check";

const edit = (change: (f: Flow) => void): Flow => {
  const f = structuredClone(defaultBantFlow);
  change(f);
  return f;
};
const step = (f: Flow, id: string): FlowStep => f.steps.find((s) => s.id === id)!;

describe("checkDraft: what the editor and saveDraft refuse", () => {
  it("accepts the seed flow", () => {
    const { flow, issues } = checkDraft(defaultBantFlow);
    expect(issues).toEqual([]);
    expect(flow).toEqual(defaultBantFlow);
  });

  it("a dangling next step names the step that points to it", () => {
    const { flow, issues } = checkDraft(edit((f) => (step(f, "authority").next = "sumiu")));
    expect(flow).not.toBeNull();
    expect(issues).toContainEqual({ stepId: "authority", message: expect.stringContaining('"sumiu" não existe') });
    expect(issues).toContainEqual(expect.objectContaining({ stepId: "need", message: expect.stringContaining("não é alcançável") }));
  });

  it("a conditional next step to a missing step names the step and the option", () => {
    const { issues } = checkDraft(edit((f) => (step(f, "budget").nextByOption = { lt_1k: "fim" })));
    expect(issues).toEqual([{ stepId: "budget", message: expect.stringMatching(/opção "lt_1k" leva à etapa "fim", que não existe/) }]);
  });

  it("an unreachable step is named", () => {
    const { issues } = checkDraft(edit((f) => f.steps.push({ id: "orfa", kind: "text", question: "Algo mais?", next: null })));
    expect(issues).toEqual([{ stepId: "orfa", message: 'Etapa "orfa": não é alcançável a partir da etapa inicial "name".' }]);
  });

  it("a loop without exit names the steps in it (and those that can only lead into it)", () => {
    const { issues } = checkDraft(edit((f) => (step(f, "timeline").next = "need")));
    expect(issues.map((i) => i.stepId)).toEqual(expect.arrayContaining(["need", "timeline"]));
    expect(issues.every((i) => i.message.includes("ciclo sem saída"))).toBe(true);
  });

  it("a loop with an exit is fine", () => {
    const { issues } = checkDraft(edit((f) => (step(f, "timeline").nextByOption = { researching: "need" })));
    expect(issues).toEqual([]);
  });

  it("a label over 20 characters names the step and option, and the flow still runs in the simulator", () => {
    const { flow, issues } = checkDraft(edit((f) => (step(f, "timeline").options![0]!.label = "Imediatamente, por favor")));
    expect(issues).toEqual([{ stepId: "timeline", message: 'Etapa "timeline": o rótulo da opção "immediately" tem 24 caracteres (máximo 20).' }]);
    expect(flow?.steps.find((s) => s.id === "timeline")?.options?.[0]?.label).toBe("Imediatamente, por favor");
  });

  it("duplicate step and option ids are named", () => {
    const { issues } = checkDraft(
      edit((f) => {
        f.steps.push({ ...step(f, "need") });
        step(f, "budget").options![1]!.id = "lt_1k";
      }),
    );
    expect(issues).toContainEqual({ stepId: "need", message: 'Etapa "need": existe mais de uma etapa com este id.' });
    expect(issues).toContainEqual({ stepId: "budget", message: 'Etapa "budget": a opção "lt_1k" aparece mais de uma vez.' });
  });

  it("structural problems inside a step name the step in pt-BR; flow-level ones are flow issues", () => {
    const { flow, issues } = checkDraft(
      edit((f) => {
        step(f, "need").question = "  ";
        step(f, "budget").options![2]!.score = 1.5;
        step(f, "budget").options![0]!.label = "";
        f.name = "";
        f.outcomes.qualified.message = "";
      }),
    );
    expect(flow).toBeNull();
    // The adjective agrees with the field: "pergunta é obrigatória", "rótulo é obrigatório".
    expect(issues).toContainEqual({ stepId: "need", message: 'Etapa "need": pergunta é obrigatória.' });
    expect(issues).toContainEqual({ stepId: "budget", message: 'Etapa "budget": opção 1, rótulo é obrigatório.' });
    expect(issues).toContainEqual({ stepId: FLOW_ISSUE, message: "Configurações do fluxo: resultados, qualificado, mensagem é obrigatória." });
    expect(issues).toContainEqual({ stepId: "budget", message: expect.stringMatching(/^Etapa "budget": opção 3, pontuação /) });
    expect(issuesByStep(issues).get(FLOW_ISSUE)).toContain("Configurações do fluxo: nome é obrigatório.");
  });

  it("a missing start step is reported", () => {
    const { issues } = checkDraft(edit((f) => (f.startStep = "inicio")));
    expect(issues[0]).toEqual({ stepId: "inicio", message: 'A etapa inicial "inicio" não existe.' });
  });
});
