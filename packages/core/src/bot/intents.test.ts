import { describe, expect, it } from "vitest";
import { detectIntent } from "./intents";

describe("detectIntent", () => {
  it.each([
    ["falar com humano", "human"],
    ["Quero falar com um atendente", "human"],
    ["atendente", "human"],
    ["Pessoa", "human"],
    ["HUMANO!", "human"],
    ["vendedor", "human"],
    ["quero falar com o vendedor por favor", "human"],
    ["atendimento humano", "human"],
    ["me passa pra um atendente", "human"],
    ["ajuda", "help"],
    ["?", "help"],
    [" ??? ", "help"],
    ["preciso de ajuda", "help"],
    ["não entendi", "help"],
    ["recomeçar", "restart"],
    ["Reiniciar", "restart"],
    ["começar de novo", "restart"],
    ["quero recomecar", "restart"],
    ["parar", "opt_out"],
    ["PARAR", "opt_out"],
    ["sair", "opt_out"],
    ["stop", "opt_out"],
    ["cancelar", "opt_out"],
    ["quero sair", "opt_out"],
  ])("%s → %s", (text, intent) => {
    expect(detectIntent(text)).toBe(intent);
  });

  it.each([
    "preciso de ajuda com vendas",
    "Ana Pessoa",
    "temos poucos vendedores",
    "quero parar de perder leads",
    "como sair do excel",
    "Imediatamente",
    "",
    "   ",
  ])("does not read an answer as a command: %s", (text) => {
    expect(detectIntent(text)).toBeNull();
  });
});
