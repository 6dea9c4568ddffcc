import { describe, expect, it } from "vitest";
import type { WhatsAppContent } from "@vendaflow/validators/whatsapp";
import { campaignOf, describeContent } from "./whatsapp-content";

describe("describeContent", () => {
  it("feeds the bot text and options, and asks for text for everything else", () => {
    expect(describeContent({ type: "text", text: "oi" }).input).toEqual({ kind: "text", text: "oi" });
    expect(describeContent({ type: "list_reply", id: "b", title: "B" })).toMatchObject({ contentType: "interactive", text: "B", input: { kind: "option", optionId: "b" } });
    const others: WhatsAppContent[] = [
      { type: "contacts", contacts: [] },
      { type: "order", items: [] },
      { type: "unsupported", originalType: "x" },
    ];
    for (const c of others) {
      expect(describeContent(c).input).toEqual({ kind: "media" });
    }
  });

  it("keeps contact cards as contact data with a readable summary", () => {
    const d = describeContent({ type: "contacts", contacts: [{ name: "Ana Lima", phones: [{ phone: "+55 11 99999-0000" }], emails: [] }, { phones: [{ phone: "+55 21 98888-0000" }], emails: [] }] });
    expect(d).toMatchObject({ contentType: "contacts", text: "Ana Lima, +55 21 98888-0000" });
    expect(d.payload.contacts).toHaveLength(2);
  });

  it("summarises an order with its lines and total when the currency is one", () => {
    const d = describeContent({ type: "order", catalogId: "c", items: [{ productRetailerId: "CAFE", quantity: 2, itemPrice: 12.5, currency: "BRL" }, { productRetailerId: "PAO", quantity: 3, itemPrice: 1, currency: "BRL" }] });
    expect(d.text).toBe("2× CAFE (R$\u00a012,50)\n3× PAO (R$\u00a01,00)");
    expect(d.payload.order).toMatchObject({ total: 28, currency: "BRL" });
    const mixed = describeContent({ type: "order", items: [{ productRetailerId: "A", quantity: 1, itemPrice: 1, currency: "BRL" }, { productRetailerId: "B", quantity: 1, itemPrice: 1, currency: "USD" }] });
    expect(mixed.payload.order).not.toHaveProperty("total");
  });

  it("stores a Flow's answers with its token, and Meta's reason for what it could not render", () => {
    expect(describeContent({ type: "flow_reply", response: { budget: "5k" }, flowToken: "t", body: "Sent" })).toMatchObject({ contentType: "flow_reply", text: "Sent", payload: { flow: { response: { budget: "5k" }, flowToken: "t" } } });
    // The bot sees the answers as a form (fed only when the token is the conversation's: process.ts).
    expect(describeContent({ type: "flow_reply", response: { budget: "5k", "bad key": "x" }, flowToken: "t" }).input).toEqual({ kind: "form", answers: { budget: "5k" }, flowToken: "t" });
    expect(describeContent({ type: "flow_reply", response: {} }).input).toEqual({ kind: "form", answers: {} });
    expect(describeContent({ type: "unsupported", originalType: "interactive", error: "131000: x" }).payload).toEqual({ originalType: "interactive", error: "131000: x" });
  });
});

describe("campaignOf", () => {
  it("keeps an ad's identifiers and drops a referral that names no ad", () => {
    expect(campaignOf({ sourceType: "ad", sourceId: "120", headline: "Promo", ctwaClid: "clid", body: "" })).toEqual({ sourceType: "ad", sourceId: "120", headline: "Promo", ctwaClid: "clid" });
    expect(campaignOf({ sourceType: "post", sourceUrl: "https://fb.com/x" })).toBeUndefined();
    expect(campaignOf(undefined)).toBeUndefined();
  });
});
