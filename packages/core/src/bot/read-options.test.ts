import type { FlowStep } from "@vendaflow/validators/flow";
import { describe, expect, it } from "vitest";
import { defaultBantFlow } from "./default-flow";
import { readOption } from "./read-options";

const NOW = new Date("2025-06-10T12:00:00Z");
const stepOf = (id: string) => defaultBantFlow.steps.find((s) => s.id === id)!;
const read = (step: FlowStep, text: string) => readOption(step, text, NOW, -180);

describe("readOption on the seed flow", () => {
  it("says how each answer was decided", () => {
    expect(read(stepOf("authority"), "2")?.decision).toEqual({ via: "number", evidence: "2" });
    expect(read(stepOf("authority"), "participo da decisão")?.decision).toEqual({ via: "exact" });
    expect(read(stepOf("authority"), "eu que bato o martelo")).toMatchObject({ option: { id: "decision_maker" }, decision: { via: "rule", rule: "decision_maker", evidence: "bato o martelo" } });
    expect(read(stepOf("budget"), "menos de 5 mil")).toMatchObject({ option: { id: "1k_5k" }, value: 5000, decision: { via: "band", rule: "upper", evidence: "menos de 5 mil" } });
    expect(read(stepOf("budget"), "30 mil por ano")).toMatchObject({ option: { id: "1k_5k" }, value: 2500, decision: { rule: "exact/year" } });
    expect(read(stepOf("timeline"), "semana que vem")).toMatchObject({ option: { id: "30_days" }, decision: { via: "rule", rule: "horizon", evidence: "semana que vem" } });
  });

  it("lets a shared decision win over a leading yes", () => {
    expect(read(stepOf("authority"), "sim, mas preciso ver com meu sócio")?.option.id).toBe("influencer");
    expect(read(stepOf("authority"), "sim")?.option.id).toBe("decision_maker");
  });

  it("re-asks rather than guess", () => {
    expect(read(stepOf("authority"), "não")).toBeNull();
    expect(read(stepOf("timeline"), "sim")).toBeNull();
    expect(read(stepOf("budget"), "50")).toBeNull();
    expect(read(stepOf("budget"), "7")).toBeNull();
  });
});

describe("tenant flows", () => {
  const own: FlowStep = {
    id: "who",
    kind: "options",
    question: "Quem assina o contrato?",
    options: [
      { id: "me", label: "Eu assino", text: "Eu mesmo assino", score: 30 },
      { id: "partner", label: "Junto com sócio", text: "Decido junto com sócio", score: 20, synonyms: ["minha esposa e eu", "conselho"] },
      { id: "other", label: "Outra pessoa", text: "Outra pessoa assina", score: 5 },
    ],
  };

  it("reads built-in meanings in the tenant's own option texts", () => {
    expect(read(own, "sou eu mesma")?.option.id).toBe("me");
    expect(read(own, "preciso ver com meu sócio")?.option.id).toBe("partner");
  });

  it("uses the tenant's synonyms, whole or inside the answer, across accents and case", () => {
    expect(read(own, "Minha esposa e eu")).toMatchObject({ option: { id: "partner" }, decision: { via: "synonym", rule: "minha esposa e eu" } });
    expect(read(own, "passa pelo CONSELHO")).toMatchObject({ option: { id: "partner" }, decision: { via: "synonym", rule: "conselho", evidence: "conselho" } });
  });

  it("reads timeline options by the horizon they name", () => {
    const when: FlowStep = {
      id: "when",
      kind: "options",
      question: "Quando?",
      options: [
        { id: "week", label: "Esta semana", text: "Esta semana", score: 3 },
        { id: "q", label: "Em até 6 meses", text: "Em até 6 meses", score: 2 },
        { id: "later", label: "Mais de 6 meses", text: "Mais de 6 meses", score: 1 },
      ],
    };
    expect(read(when, "amanhã")?.option.id).toBe("week");
    expect(read(when, "daqui 2 meses")?.option.id).toBe("q");
    expect(read(when, "ano que vem")?.option.id).toBe("later");
  });
});
