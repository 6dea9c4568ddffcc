import { describe, expect, it } from "vitest";
import { agentNoteInput, agentReplyInput, handBackInput } from "./agent";

const conversationId = "0f0e3a3c-1b7e-4a51-9d8f-2a3b4c5d6e7f";
const messages = (r: { error?: { issues: { message: string }[] } }) => r.error?.issues.map((i) => i.message) ?? [];

describe("agent inputs", () => {
  it("notes are trimmed, not blank, at most 4000 characters", () => {
    expect(agentNoteInput.parse({ conversationId, text: "  ligar amanhã " }).text).toBe("ligar amanhã");
    expect(messages(agentNoteInput.safeParse({ conversationId, text: "  " }))).toEqual(["Escreva a nota."]);
    expect(messages(agentNoteInput.safeParse({ conversationId, text: "a".repeat(4001) }))).toEqual(["Nota longa demais (máx. 4000 caracteres)."]);
  });
  it("a reply is a text or a template slot", () => {
    expect(agentReplyInput.parse({ conversationId, text: " Olá! " })).toEqual({ conversationId, text: "Olá!" });
    expect(agentReplyInput.parse({ conversationId, templateKey: "followup" })).toEqual({ conversationId, templateKey: "followup" });
    expect(agentReplyInput.safeParse({ conversationId, templateKey: "promo" }).success).toBe(false);
    expect(agentReplyInput.safeParse({ conversationId: "abc", text: "oi" }).success).toBe(false);
  });
  it("hands back to a named step", () => {
    expect(handBackInput.safeParse({ conversationId, stepId: "" }).success).toBe(false);
    expect(handBackInput.parse({ conversationId, stepId: "budget" }).stepId).toBe("budget");
  });
});
