import { describe, expect, it } from "vitest";
import { judge } from "./policy";
import type { AiQuestion } from "./question";

const q: AiQuestion = {
  step: { id: "authority", kind: "options", field: "authority", question: "Você decide?" },
  answer: "Quem bate o martelo é a diretoria, eu só indico",
  choices: [
    { key: "opcao_1", text: "Sim, sou o decisor", target: { kind: "option", optionId: "decision_maker" } },
    { key: "opcao_2", text: "Participo da decisão", target: { kind: "option", optionId: "influencer" } },
    { key: "parar", text: "parar", target: { kind: "intent", intent: "opt_out" } },
  ],
};
const c = (choice: string, confidence: number, evidence: string[]) => ({ choice, confidence, evidence });

describe("the acceptance policy", () => {
  it("accepts a known choice at or above the threshold whose evidence the lead typed (accents and case aside)", () => {
    expect(judge(q, c("opcao_2", 0.75, ["eu so indico", "inventado"]), 0.75, "openai/x")).toEqual({
      outcome: "accepted",
      reading: { choice: { kind: "option", optionId: "influencer" }, confidence: 0.75, evidence: "eu so indico", model: "openai/x" },
    });
  });

  it("refuses what it cannot stand behind", () => {
    expect(judge(q, c("opcao_2", 0.74, ["eu só indico"]), 0.75, "m").outcome).toBe("below_threshold");
    expect(judge(q, c("opcao_7", 0.99, ["eu só indico"]), 0.75, "m").outcome).toBe("invalid_choice");
    expect(judge(q, c("decision_maker", 0.99, ["eu só indico"]), 0.75, "m").outcome).toBe("invalid_choice");
    expect(judge(q, c("none", 0.99, []), 0.75, "m").outcome).toBe("no_choice");
    expect(judge(q, c("opcao_1", 0.99, ["sou o dono"]), 0.75, "m").outcome).toBe("unsupported");
    expect(judge(q, c("opcao_1", 0.99, [""]), 0.75, "m").outcome).toBe("unsupported");
  });

  it("asks more certainty for a command than for an option", () => {
    expect(judge(q, c("parar", 0.8, ["diretoria"]), 0.75, "m").outcome).toBe("below_threshold");
    expect(judge(q, c("parar", 0.85, ["diretoria"]), 0.75, "m").outcome).toBe("accepted");
  });
});
