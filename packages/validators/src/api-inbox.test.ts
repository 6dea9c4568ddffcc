import { describe, expect, it } from "vitest";
import { apiInboxMessagesInput, apiInboxSendInput, EXTERNAL_LEAD_ID_MAX } from "./api-inbox";

describe("apiInboxSendInput", () => {
  const base = { externalLeadId: "crm-1", clientMessageId: "m-123456" };
  it("fits the external id into leads.visitor_id (64) with its api: prefix", () => {
    expect(EXTERNAL_LEAD_ID_MAX).toBe(60);
    expect(apiInboxSendInput.safeParse({ ...base, externalLeadId: "x".repeat(60), text: "oi" }).success).toBe(true);
    const r = apiInboxSendInput.safeParse({ ...base, externalLeadId: "x".repeat(61), text: "oi" });
    expect(r.error!.issues[0]!.message).toBe("externalLeadId longo demais (máx. 60 caracteres).");
  });
  it("trims the external id and refuses a blank one", () => {
    expect(apiInboxSendInput.parse({ ...base, externalLeadId: " a ", text: "oi" }).externalLeadId).toBe("a");
    expect(apiInboxSendInput.safeParse({ ...base, externalLeadId: "  ", text: "oi" }).error!.issues[0]!.message).toBe("Informe externalLeadId.");
  });
  it("needs a text or an option, reported on text", () => {
    expect(apiInboxSendInput.safeParse({ ...base, optionId: "o1" }).success).toBe(true);
    const r = apiInboxSendInput.safeParse(base);
    expect(r.error!.issues).toEqual([expect.objectContaining({ path: ["text"], message: "Envie text ou optionId." })]);
  });
  it("bounds the text, name and e-mail by their columns", () => {
    expect(apiInboxSendInput.safeParse({ ...base, text: "a".repeat(4001) }).error!.issues[0]!.message).toContain("4000");
    expect(apiInboxSendInput.safeParse({ ...base, text: "oi", name: "n".repeat(256) }).error!.issues[0]!.message).toContain("255");
    expect(apiInboxSendInput.safeParse({ ...base, text: "oi", name: "n".repeat(255) }).success).toBe(true);
  });
});

describe("apiInboxMessagesInput", () => {
  it("reads from the start by default and refuses a negative cursor", () => {
    expect(apiInboxMessagesInput.parse({ externalLeadId: "crm-1" }).after).toBe(0);
    expect(apiInboxMessagesInput.safeParse({ externalLeadId: "crm-1", after: -1 }).success).toBe(false);
  });
});
