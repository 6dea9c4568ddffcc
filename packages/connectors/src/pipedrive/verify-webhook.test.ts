import { describe, expect, it } from "vitest";
import { basicAuthHeader, verifyPipedriveBasicAuth } from "./verify-webhook";
import { pipedriveWebhookId, pipedriveWebhookRecord, pipedriveTime } from "./records";
import { pipedriveWebhookSchema } from "@vendaflow/validators/crm-sync";

const expected = { user: "vendaflow-abc", password: "s3cret-pass" };

describe("Pipedrive webhook Basic auth", () => {
  it("accepts exactly the connection's user and password", () => {
    expect(verifyPipedriveBasicAuth(basicAuthHeader("vendaflow-abc", "s3cret-pass"), expected)).toBe(true);
    expect(verifyPipedriveBasicAuth(basicAuthHeader("vendaflow-abc", "s3cret-pasS"), expected)).toBe(false);
    expect(verifyPipedriveBasicAuth(basicAuthHeader("vendaflow-abd", "s3cret-pass"), expected)).toBe(false);
    expect(verifyPipedriveBasicAuth(basicAuthHeader("vendaflow-abc", ""), expected)).toBe(false);
    expect(verifyPipedriveBasicAuth(null, expected)).toBe(false);
    expect(verifyPipedriveBasicAuth("Bearer x", expected)).toBe(false);
    expect(verifyPipedriveBasicAuth(`Basic ${Buffer.from("no-colon").toString("base64")}`, expected)).toBe(false);
    // A connection without credentials accepts nobody (not even empty ones).
    expect(verifyPipedriveBasicAuth(basicAuthHeader("", ""), { user: "", password: "" })).toBe(false);
  });
});

describe("Pipedrive webhooks v2 as records", () => {
  it("a changed person: primary e-mail and phone, update_time as its version", () => {
    const ev = pipedriveWebhookSchema.parse({
      meta: { action: "change", entity: "person", entity_id: "123", id: "0c1f-uuid", timestamp: "2026-12-02T10:00:01.000Z", version: "2.0" },
      data: { id: 123, name: "Ana", emails: [{ value: "x@y.com", primary: false }, { value: "ana@empresa.com.br", primary: true }], phones: [{ value: "11 98765-4321", primary: true }], update_time: "2026-12-02T10:00:01Z" },
      previous: { name: "Anna" },
    });
    expect(pipedriveWebhookRecord(ev)).toEqual({ kind: "contact", id: "123", version: "2026-12-02T10:00:01Z", updatedAt: new Date("2026-12-02T10:00:01Z"), fields: { name: "Ana", email: "ana@empresa.com.br", phone: "11 98765-4321" } });
    expect(pipedriveWebhookId(ev)).toEqual({ eventId: "0c1f-uuid", eventType: "change.person" });
  });
  it("a deal's value becomes cents; a delete unlinks; other objects are ignored", () => {
    const deal = pipedriveWebhookSchema.parse({ meta: { action: "create", entity: "deal", entity_id: 7 }, data: { id: 7, title: "Plano", value: 1500.5, stage_id: 11, person_id: 123, update_time: "2026-12-02 10:00:00" } });
    expect(pipedriveWebhookRecord(deal)?.fields).toEqual({ title: "Plano", valueCents: 150050, stageId: "11", contactId: "123" });
    expect(pipedriveTime("2026-12-02 10:00:00")?.toISOString()).toBe("2026-12-02T10:00:00.000Z");
    expect(pipedriveWebhookRecord(pipedriveWebhookSchema.parse({ meta: { action: "delete", entity: "person", entity_id: "9" }, data: null }))).toMatchObject({ id: "9", deleted: true });
    expect(pipedriveWebhookRecord(pipedriveWebhookSchema.parse({ meta: { action: "change", entity: "activity", entity_id: "9" }, data: { id: 9 } }))).toBeNull();
    // data for another id than meta names: not applied.
    expect(pipedriveWebhookRecord(pipedriveWebhookSchema.parse({ meta: { action: "change", entity: "person", entity_id: "9" }, data: { id: 10, name: "x" } }))).toBeNull();
  });
});
