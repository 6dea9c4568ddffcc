import { describe, expect, it } from "vitest";
import {
  WA_LIMITS,
  whatsAppContactSchema,
  whatsAppEnvelopeSchema,
  whatsAppInboundMessageSchema,
  whatsAppStatusSchema,
  whatsAppTemplateStatusSchema,
  waUserIdSchema,
} from "./whatsapp";

// Shapes from Meta's webhook reference and its business-scoped user id (BSUID) guide (2026).
const paths = (r: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) => (r.success ? [] : r.error!.issues.map((i) => i.path.join(".")));

describe("WhatsApp element schemas", () => {
  it("reads a username user's contact without a phone, and a parent BSUID", () => {
    const c = whatsAppContactSchema.parse({ profile: { name: "Ana", username: "ana.vendas" }, user_id: "BR.1502576394655843", parent_user_id: "BR.ENT.11815799212886844830" });
    expect(c).toMatchObject({ user_id: "BR.1502576394655843", parent_user_id: "BR.ENT.11815799212886844830", profile: { username: "ana.vendas" } });
    expect(c.wa_id).toBeUndefined();
  });

  it("treats a malformed optional identifier as absent instead of refusing the element", () => {
    const m = whatsAppInboundMessageSchema.parse({ from: "<WHATSAPP_USER_PHONE_NUMBER>", from_user_id: "BR.123", id: "wamid.1", timestamp: "1749416383", type: "text", text: { body: "oi" } });
    expect(m.from).toBeUndefined();
    expect(m.from_user_id).toBe("BR.123");
    expect(whatsAppInboundMessageSchema.parse({ from: "+5511987654321", id: "wamid.2", timestamp: 1749416383, type: "text" }).from).toBe("5511987654321");
  });

  it("refuses what would not fit its column or has no id", () => {
    expect(paths(whatsAppInboundMessageSchema.safeParse({ from: "5511987654321", id: "w".repeat(WA_LIMITS.wamid + 1), timestamp: "1", type: "text" }))).toEqual(["id"]);
    expect(paths(whatsAppInboundMessageSchema.safeParse({ from: "5511987654321", timestamp: "soon", type: "text" }))).toEqual(["id", "timestamp"]);
    expect(waUserIdSchema.safeParse(`BR.${"1".repeat(200)}`).success).toBe(false);
    expect(waUserIdSchema.safeParse("1502576394655843").success).toBe(false);
  });

  it("reads a status sent to a BSUID, with Meta's pricing; a malformed pricing is dropped, not fatal", () => {
    const s = whatsAppStatusSchema.parse({
      id: "wamid.s",
      status: "delivered",
      timestamp: "1750857384",
      recipient_user_id: "BR.1502576394655843",
      pricing: { billable: true, pricing_model: "PMP", category: "service", type: "regular" },
    });
    expect(s.recipient_id).toBeUndefined();
    expect(s.pricing).toMatchObject({ category: "service", billable: true });
    expect(whatsAppStatusSchema.parse({ id: "wamid.s", status: "sent", timestamp: "1", recipient_id: "5511987654321", pricing: { category: "NOT A CATEGORY" } }).pricing).toBeUndefined();
  });

  it("reads a template status update with a numeric template id", () => {
    const t = whatsAppTemplateStatusSchema.parse({ event: "APPROVED", message_template_id: 1689556908129832, message_template_name: "order_confirmation", message_template_language: "en_US", reason: "NONE" });
    expect(t.message_template_id).toBe("1689556908129832");
  });

  it("keeps the envelope loose: any object, changes with any value", () => {
    const e = whatsAppEnvelopeSchema.parse({ object: "page", entry: [{ id: 1, changes: [{ field: "feed", value: 1 }] }] });
    expect(e.entry[0]?.id).toBe("1");
    expect(paths(whatsAppEnvelopeSchema.safeParse({ object: "whatsapp_business_account" }))).toEqual(["entry"]);
  });
});
