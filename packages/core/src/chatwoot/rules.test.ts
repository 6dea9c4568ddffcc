import { describe, expect, it } from "vitest";
import { chatwootWebhookSchema } from "@vendaflow/validators/chatwoot";
import { sha256Hex, webhookTokenMatches } from "./connections";
import { isAgentReply, replyText } from "./inbound";
import { helpdeskMessageOf } from "./mirror";

const ev = (over: Record<string, unknown> = {}) => chatwootWebhookSchema.parse({ event: "message_created", id: 42, message_type: "outgoing", private: false, content: "Oi!", conversation: { id: 7 }, ...over });

describe("Chatwoot mirror rules", () => {
  it("only an agent's public reply in a conversation acts (loop prevention: incoming and private are ours or internal)", () => {
    expect(isAgentReply(ev())).toBe(true);
    expect(isAgentReply(ev({ message_type: 1 }))).toBe(true);
    expect(isAgentReply(ev({ message_type: "incoming" }))).toBe(false);
    expect(isAgentReply(ev({ message_type: 0 }))).toBe(false);
    expect(isAgentReply(ev({ message_type: "activity" }))).toBe(false);
    expect(isAgentReply(ev({ private: true }))).toBe(false);
    expect(isAgentReply(ev({ event: "message_updated" }))).toBe(false);
    expect(isAgentReply(ev({ conversation: null }))).toBe(false);
    expect(isAgentReply(chatwootWebhookSchema.parse({ event: "message_created", message_type: "outgoing", conversation: { id: 1 } }))).toBe(false);
  });

  it("the reply's text: content and attachment links, cut to 4,096 characters", () => {
    expect(replyText(ev({ content: "  Segue o contrato  ", attachments: [{ data_url: "https://cw.example.com/rails/x.pdf", file_type: "file" }, { data_url: "javascript:alert(1)" }] }))).toBe("Segue o contrato\nhttps://cw.example.com/rails/x.pdf");
    expect(replyText(ev({ content: null }))).toBe("");
    const long = replyText(ev({ content: "a".repeat(5000) }));
    expect(long).toHaveLength(4096);
    expect(long.endsWith("…")).toBe(true);
  });

  it("our messages in Chatwoot: the lead's incoming, the rest private notes naming who wrote them", () => {
    expect(helpdeskMessageOf({ sender: "lead", text: "Olá", content_type: "text" })).toEqual({ content: "Olá", incoming: true, private: false });
    expect(helpdeskMessageOf({ sender: "lead", text: null, content_type: "image" })).toEqual({ content: "[image]", incoming: true, private: false });
    expect(helpdeskMessageOf({ sender: "bot", text: "Qual seu nome?", content_type: "text" })).toEqual({ content: "🤖 Bot do Vendaflow: Qual seu nome?", incoming: false, private: true });
    expect(helpdeskMessageOf({ sender: "agent", text: "Oi", content_type: "text" })).toMatchObject({ incoming: false, private: true });
  });

  it("the webhook token is compared with its hash; a missing, wrong or oversized one fails", () => {
    const h = sha256Hex("segredo-do-webhook");
    expect(webhookTokenMatches("segredo-do-webhook", h)).toBe(true);
    expect(webhookTokenMatches("segredo-do-webhooK", h)).toBe(false);
    expect(webhookTokenMatches(null, h)).toBe(false);
    expect(webhookTokenMatches("", h)).toBe(false);
    expect(webhookTokenMatches("x".repeat(300), h)).toBe(false);
  });
});
