import { describe, expect, it } from "vitest";
import { webhookDeliveryJobSchema, webhookDeliveryListInput, webhookSubscriptionInput } from "./outbound-webhooks";

const id = "0f0e3a3c-1b7e-4a51-9d8f-2a3b4c5d6e7f";
const messages = (r: { error?: { issues: { message: string }[] } }) => r.error?.issues.map((i) => i.message) ?? [];

describe("webhook subscription input", () => {
  it("fills the defaults and keeps each event once, sorted", () => {
    expect(webhookSubscriptionInput.parse({ url: "https://hooks.example.com/vf", eventTypes: ["deal.won", "lead.created", "deal.won"] })).toEqual({
      url: "https://hooks.example.com/vf",
      description: "",
      eventTypes: ["deal.won", "lead.created"],
      isActive: true,
    });
  });
  it("takes http and https only", () => {
    expect(webhookSubscriptionInput.safeParse({ url: "http://hooks.example.com", eventTypes: ["deal.won"] }).success).toBe(true);
    expect(messages(webhookSubscriptionInput.safeParse({ url: "ftp://hooks.example.com", eventTypes: ["deal.won"] }))).toEqual(["URL inválida (use http ou https)."]);
    expect(messages(webhookSubscriptionInput.safeParse({ url: "javascript:alert(1)", eventTypes: ["deal.won"] }))).toEqual(["URL inválida (use http ou https)."]);
  });
  it("bounds the URL and the description as their columns do", () => {
    const base = "https://h.example.com/";
    expect(webhookSubscriptionInput.safeParse({ url: base + "a".repeat(2048 - base.length), eventTypes: ["deal.won"] }).success).toBe(true);
    expect(messages(webhookSubscriptionInput.safeParse({ url: base + "a".repeat(2049 - base.length), eventTypes: ["deal.won"] }))).toEqual(["A URL deve ter no máximo 2048 caracteres."]);
    expect(webhookSubscriptionInput.parse({ url: base, description: `  ${"d".repeat(200)}  `, eventTypes: ["deal.won"] }).description).toHaveLength(200);
    expect(messages(webhookSubscriptionInput.safeParse({ url: base, description: "d".repeat(201), eventTypes: ["deal.won"] }))).toEqual(["A descrição deve ter no máximo 200 caracteres."]);
    expect(webhookSubscriptionInput.safeParse({ url: base, description: "a\u0000", eventTypes: ["deal.won"] }).success).toBe(false);
  });
  it("asks for at least one known event", () => {
    expect(messages(webhookSubscriptionInput.safeParse({ url: "https://h.example.com", eventTypes: [] }))).toEqual(["Escolha pelo menos um evento."]);
    expect(messages(webhookSubscriptionInput.safeParse({ url: "https://h.example.com", eventTypes: ["lead.deleted"] }))).toEqual(["Evento desconhecido."]);
    expect(webhookSubscriptionInput.safeParse({ url: "https://h.example.com", eventTypes: Array(21).fill("deal.won") }).success).toBe(false);
    expect(webhookSubscriptionInput.safeParse({ url: "https://h.example.com", eventTypes: Array(20).fill("deal.won") }).success).toBe(true);
  });
});

describe("delivery list and job", () => {
  it("pages by 25 by default, 1 to 100", () => {
    expect(webhookDeliveryListInput.parse({ subscriptionId: id }).limit).toBe(25);
    expect(webhookDeliveryListInput.safeParse({ subscriptionId: id, limit: 0 }).success).toBe(false);
    expect(webhookDeliveryListInput.safeParse({ subscriptionId: id, limit: 100 }).success).toBe(true);
    expect(webhookDeliveryListInput.safeParse({ subscriptionId: id, limit: 101 }).success).toBe(false);
    expect(webhookDeliveryListInput.safeParse({ subscriptionId: id, cursor: "c".repeat(201) }).success).toBe(false);
    expect(webhookDeliveryListInput.safeParse({ subscriptionId: "x" }).success).toBe(false);
  });
  it("a job names its tenant and delivery by uuid", () => {
    expect(webhookDeliveryJobSchema.safeParse({ tenantId: id, deliveryId: id }).success).toBe(true);
    expect(webhookDeliveryJobSchema.safeParse({ tenantId: id, deliveryId: "1" }).success).toBe(false);
  });
});
