import { describe, expect, it } from "vitest";
import { webhookReceiptSchema } from "./webhook";

describe("webhookReceiptSchema", () => {
  const ok = { provider: "stripe", eventId: "evt_1", eventType: "invoice.paid" };
  it("accepts a provider's event within the webhook_receipts columns", () => {
    expect(webhookReceiptSchema.parse(ok)).toEqual(ok);
    expect(webhookReceiptSchema.safeParse({ ...ok, eventId: "e".repeat(255), eventType: "t".repeat(100), provider: "p".repeat(30) }).success).toBe(true);
  });
  it.each([
    [{ eventId: "" }, "Evento sem id."],
    [{ eventId: "e".repeat(256) }, "Id do evento longo demais (máx. 255)."],
    [{ eventId: "evt\u0000" }, "Id do evento com caractere nulo."],
    [{ eventType: "" }, "Evento sem tipo."],
    [{ eventType: "t".repeat(101) }, "Tipo do evento longo demais (máx. 100)."],
    [{ eventType: "a\u0000b" }, "Tipo do evento com caractere nulo."],
    [{ provider: "Stripe" }, "provider: letras minúsculas, dígitos, _ ou -"],
  ])("refuses %j with %s", (patch, message) => {
    const r = webhookReceiptSchema.safeParse({ ...ok, ...patch });
    expect(r.error!.issues.map((i) => i.message)).toContain(message);
  });
  it("refuses a provider longer than its column", () => {
    expect(webhookReceiptSchema.safeParse({ ...ok, provider: "p".repeat(31) }).success).toBe(false);
  });
});
