import { describe, expect, it } from "vitest";
import { contactRecord, dealRecord, hubspotEventAction, hubspotEventId, splitName } from "./records";

const ev = (subscriptionType: string) => ({ eventId: "7", subscriptionType, portalId: "62515", objectId: "123" });

describe("HubSpot CRM v3 records", () => {
  it("our name is firstname (first word) + lastname (the rest), and back", () => {
    expect(splitName("Mariana  Costa Silva ")).toEqual({ firstname: "Mariana", lastname: "Costa Silva" });
    expect(splitName("Ana")).toEqual({ firstname: "Ana", lastname: "" });
    expect(splitName(null)).toEqual({ firstname: "", lastname: "" });
    const c = contactRecord({ id: "5", properties: { firstname: "Mariana", lastname: "Costa Silva", email: "m@x.com", phone: null }, updatedAt: "2026-12-02T15:04:05.123Z" });
    expect(c).toEqual({ kind: "contact", id: "5", version: "2026-12-02T15:04:05.123Z", updatedAt: new Date("2026-12-02T15:04:05.123Z"), fields: { name: "Mariana Costa Silva", email: "m@x.com", phone: null } });
  });
  it("a property the answer does not carry is not a change; archived objects and bad shapes are no record", () => {
    expect(contactRecord({ id: "5", properties: { email: "m@x.com" }, updatedAt: "2026-12-02T15:04:05.123Z" })?.fields).toEqual({ email: "m@x.com" });
    expect(contactRecord({ id: "5", properties: {}, archived: true })).toBeNull();
    expect(contactRecord({ id: "x5", properties: {} })).toBeNull();
  });
  it("a deal's amount in reais becomes cents, its stage and first contact come along", () => {
    const d = dealRecord({ id: "9", properties: { dealname: "Plano", amount: "9900.5", dealstage: "qualifiedtobuy" }, updatedAt: "2026-12-02T15:04:05.000Z", associations: { contacts: { results: [{ id: "5", type: "deal_to_contact" }] } } });
    expect(d?.fields).toEqual({ title: "Plano", valueCents: 990050, stageId: "qualifiedtobuy", contactId: "5" });
    expect(dealRecord({ id: "9", properties: { amount: "" }, updatedAt: "2026-12-02T15:04:05.000Z" })?.fields).toEqual({ valueCents: null });
    expect(dealRecord({ id: "9", properties: { amount: "abc" } })?.fields).toEqual({ valueCents: null });
  });
  it("webhook events: deletions unlink, creations and changes read, other objects nothing; ids per portal", () => {
    expect(hubspotEventAction(ev("contact.deletion"))).toEqual({ kind: "contact", action: "deleted" });
    expect(hubspotEventAction(ev("deal.propertyChange"))).toEqual({ kind: "deal", action: "changed" });
    expect(hubspotEventAction(ev("contact.creation"))).toEqual({ kind: "contact", action: "changed" });
    expect(hubspotEventAction(ev("company.propertyChange"))).toBeNull();
    expect(hubspotEventAction(ev("contact.somethingNew"))).toBeNull();
    expect(hubspotEventId(ev("contact.creation"))).toEqual({ eventId: "62515:7", eventType: "contact.creation" });
  });
});
