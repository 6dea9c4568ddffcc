import { describe, expect, it } from "vitest";
import { detectIntent, readIntent } from "./intents";

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

describe("readIntent inside longer messages", () => {
  it.each([
    ["oi, dá pra eu falar com alguém de verdade?", "human"],
    ["para de me mandar mensagem", "opt_out"],
    ["me tira dessa lista", "opt_out"],
    ["não quero mais receber nada", "opt_out"],
    ["quero começar tudo de novo", "restart"],
    ["não entendi a pergunta", "help"],
  ])("%s → %s", (text, intent) => {
    expect(readIntent(text)?.intent).toBe(intent);
  });

  it("puts opt-out before everything else", () => {
    expect(readIntent("quero falar com um atendente pra ele parar de me mandar mensagem")?.intent).toBe("opt_out");
  });

  it("reads 'pra já' as a timeline, not a stop", () => {
    expect(readIntent("pra já")).toBeNull();
    expect(readIntent("para")?.intent).toBe("opt_out");
    expect(readIntent("Pra Já!")).toBeNull();
    expect(readIntent("  pra   já por favor")).toBeNull();
  });

  it("reads 'para já' as stop now", () => {
    expect(readIntent("para já")).toEqual({ intent: "opt_out", evidence: "para ja" });
    expect(readIntent("Parem já, por favor")?.intent).toBe("opt_out");
    expect(readIntent("sair já")?.intent).toBe("opt_out");
  });

  it("'pra já' only spares the opt-out, not other commands", () => {
    expect(readIntent("pra já")).toBeNull();
    expect(readIntent("pra ja")).toBeNull();
    expect(readIntent("então, pra já")).toBeNull();
    expect(readIntent("olha,pra já")).toBeNull();
    expect(readIntent("então para já")?.intent).toBe("opt_out");
    expect(readIntent("pra jájá")).toBeNull();
    expect(readIntent("preciso de ajuda já")?.intent).toBe("help");
  });

  it("a message of question marks asks for help", () => {
    expect(readIntent(" ?? ")).toEqual({ intent: "help", evidence: "?" });
    expect(readIntent("?? ok")).toBeNull();
    expect(readIntent("!!!")).toBeNull();
  });

  it("keeps the words that made it a command", () => {
    expect(readIntent("por favor me remove da lista")).toEqual({ intent: "opt_out", evidence: "me remove da lista" });
  });

  it.each(["preciso ver com meu chefe", "vou falar com meu sócio", "só to vendo como funciona", "você não entende nada"])("is not a command: %s", (text) => {
    expect(readIntent(text)).toBeNull();
  });
});
