import { describe, expect, it } from "vitest";
import { defaultBantFlow } from "../bot/default-flow";
import { runBot, startBot } from "../bot/engine";
import type { BotState } from "@vendaflow/validators/flow";
import { aiQuestionFor } from "./question";

const NOW = new Date("2025-06-10T12:00:00Z");
function at(step: string): BotState {
  let s = startBot(defaultBantFlow, NOW).state;
  for (const text of ["Ana", "pular", "1", "1", "vendas"]) {
    if (s.stepId === step) return s;
    s = runBot(defaultBantFlow, s, { kind: "text", text }, NOW).state;
  }
  return s;
}
const ask = (step: string, text: string) => aiQuestionFor(defaultBantFlow, at(step), { kind: "text", text }, NOW, -180);

describe("when the AI layer may be asked", () => {
  it("only for option steps whose answer the rules could not read", () => {
    const q = ask("budget", "coisa pequena por enquanto");
    expect(q?.step.id).toBe("budget");
    expect(q?.choices.map((c) => c.key)).toEqual(["opcao_1", "opcao_2", "opcao_3", "opcao_4", "parar", "humano", "recomecar", "ajuda"]);
    expect(q?.choices[1]).toEqual({ key: "opcao_2", text: "R$ 1.000 - R$ 5.000/mês", target: { kind: "option", optionId: "1k_5k" } });
    expect(ask("authority", "mais ou menos, é complicado")?.step.id).toBe("authority");
  });

  it("never when the rules decide, for commands, contact or free-text steps, buttons or empty text", () => {
    expect(ask("budget", "uns 3 mil por mês")).toBeNull();
    expect(ask("budget", "2")).toBeNull();
    expect(ask("authority", "quero falar com um atendente")).toBeNull();
    expect(ask("name", "coisa pequena por enquanto")).toBeNull();
    expect(ask("email", "coisa pequena por enquanto")).toBeNull();
    expect(ask("need", "coisa pequena por enquanto")).toBeNull();
    expect(ask("budget", "   ")).toBeNull();
    expect(aiQuestionFor(defaultBantFlow, at("budget"), { kind: "option", optionId: "lt_1k" }, NOW, -180)).toBeNull();
    expect(aiQuestionFor(defaultBantFlow, { ...at("budget"), status: "handed_off" }, { kind: "text", text: "coisa pequena" }, NOW, -180)).toBeNull();
  });
});
