import { describe, expect, it } from "vitest";
import { defaultBantFlow } from "./default-flow";
import { numberedOptions, questionReply } from "./reply-format";

const timeline = defaultBantFlow.steps.find((s) => s.id === "timeline")!;
const need = defaultBantFlow.steps.find((s) => s.id === "need")!;

describe("reply-format", () => {
  it("numbers options with their full text", () => {
    expect(numberedOptions(timeline)).toBe("1. Imediatamente\n2. Próximos 30 dias\n3. Próximos 3 meses\n4. Apenas pesquisando");
  });

  it("builds a question reply with options, numbered on request", () => {
    const plain = questionReply(timeline);
    expect(plain).toMatchObject({ kind: "question", stepId: "timeline", text: "Quando pretende implementar uma solução?" });
    expect(plain.kind === "question" && plain.options?.[1]).toEqual({ id: "30_days", label: "Próximos 30 dias", text: "Próximos 30 dias" });
    expect(questionReply(timeline, true).text).toBe(`Quando pretende implementar uma solução?\n\n${numberedOptions(timeline)}`);
  });

  it("leaves options out for open questions", () => {
    expect(questionReply(need, true)).toEqual({ kind: "question", stepId: "need", text: "Qual é seu principal desafio hoje?" });
  });
});
