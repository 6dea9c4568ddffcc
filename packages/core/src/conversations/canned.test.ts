import { describe, expect, it } from "vitest";
import { renderCanned } from "./canned";

describe("renderCanned", () => {
  it("fills the lead's first name and the other variables", () => {
    expect(renderCanned("Oi {primeiro_nome}! Aqui é {agente}, da {empresa}.", { leadName: "Maria Clara Souza", email: null, company: "Acme", agentName: "Bruno" })).toBe("Oi Maria! Aqui é Bruno, da Acme.");
  });
  it("leaves unknown variables and empties missing ones", () => {
    expect(renderCanned("{nome}|{email}|{x}", { leadName: null, email: null, company: null, agentName: "A" })).toBe("||{x}");
  });
});
