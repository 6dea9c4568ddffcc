import { describe, expect, it } from "vitest";
import { auditActions } from "./audit-log";
import { crmTimeline } from "./crm-timeline";

// A lead's, deal's, contact's or company's timeline speaks pt-BR: no "[image]", no "lead.merge".
describe("CRM record timeline catalog", () => {
  it("names a message without text by what it is", () => {
    expect(crmTimeline.media("image")).toBe("[Imagem]");
    expect(crmTimeline.media("audio")).toBe("[Áudio]");
    expect(crmTimeline.media("contacts")).toBe("[Contato compartilhado]");
    expect(crmTimeline.media("constructor")).toBe("[Mensagem sem texto]");
  });

  it("names every audit action a CRM record's timeline can show, never by its code", () => {
    const onRecords = Object.keys(auditActions).filter((a) => /^(lead|deal|contact|company)\./.test(a) || /^privacy\.(lead|contact)_anonymised$/.test(a));
    expect(onRecords).toContain("lead.merge");
    const byCode = onRecords.filter((a) => /[._]|^[a-z]/.test(crmTimeline.audit(a)));
    expect(byCode).toEqual([]);
    expect(crmTimeline.audit("lead.merge")).toBe("Mesclado com outro lead");
    expect(crmTimeline.audit("deal.toString")).toBe("Alteração registrada");
  });
});
