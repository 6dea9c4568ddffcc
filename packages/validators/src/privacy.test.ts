import { describe, expect, it } from "vitest";
import { createIncidentSchema, privacySettingsSchema, recordManualConsentSchema, retentionSettingsSchema, submitRequestSchema, updateRequestSchema, verifyRequestSchema } from "./privacy";

const id = "0f0e3a3c-1b7e-4a51-9d8f-2a3b4c5d6e7f";
const messages = (r: { error?: { issues: { message: string }[] } }) => r.error?.issues.map((i) => i.message) ?? [];

describe("consents recorded by an agent", () => {
  const base = { subject: { leadId: id }, purpose: "marketing", granted: true, channel: "phone", textShown: "Aceita receber ofertas?", textVersion: "v1", note: "Ligação de 01/12" };
  it("accepts a consent given by phone with a note", () => {
    expect(recordManualConsentSchema.parse(base).note).toBe("Ligação de 01/12");
  });
  it("names the field in every message, capitalised", () => {
    expect(messages(recordManualConsentSchema.safeParse({ ...base, note: " " }))).toContain("Informe a observação (quem, quando, como).");
    expect(messages(recordManualConsentSchema.safeParse({ ...base, textVersion: "v".repeat(41) }))).toContain("A versão do texto deve ter no máximo 40 caracteres.");
    expect(messages(recordManualConsentSchema.safeParse({ ...base, note: "a\u0000" }))).toContain("A observação (quem, quando, como) contém caracteres inválidos.");
  });
  it("refuses channels the widget or WhatsApp write, and a subject that is neither lead nor contact", () => {
    expect(messages(recordManualConsentSchema.safeParse({ ...base, channel: "whatsapp" }))).toContain("Canal inválido para registro manual.");
    expect(recordManualConsentSchema.safeParse({ ...base, subject: { contactId: id } }).success).toBe(true);
    expect(recordManualConsentSchema.safeParse({ ...base, subject: { dealId: id } }).success).toBe(false);
  });
});

describe("data subject requests", () => {
  it("lowercases and trims the e-mail, defaults details to empty", () => {
    expect(submitRequestSchema.parse({ kind: "access", name: "Joana", email: "  Joana@Exemplo.COM.br " })).toEqual({ kind: "access", name: "Joana", email: "joana@exemplo.com.br", whatsapp: null, details: "" });
  });
  it("takes a WhatsApp number or @username instead of the e-mail, normalised; needs one of them", () => {
    const by = (whatsapp: string) => submitRequestSchema.parse({ kind: "deletion", name: "J", email: "", whatsapp });
    expect(by("(11) 98765-4321")).toMatchObject({ email: null, whatsapp: "5511987654321" });
    expect(by("+55 11 98765-4321").whatsapp).toBe("5511987654321");
    expect(by(" @Ana.Compras ").whatsapp).toBe("@ana.compras");
    expect(by("ana_compras").whatsapp).toBe("@ana_compras");
    expect(messages(submitRequestSchema.safeParse({ kind: "access", name: "J", whatsapp: "12" }))).toContain("Informe o número do WhatsApp com DDD ou seu nome de usuário (@usuario).");
    expect(messages(submitRequestSchema.safeParse({ kind: "access", name: "J", email: " ", whatsapp: "" }))).toContain("Informe o e-mail ou o WhatsApp que você usou conosco.");
  });
  it("refuses a bad e-mail and an over-long one with their own messages", () => {
    expect(messages(submitRequestSchema.safeParse({ kind: "access", name: "J", email: "joana" }))).toContain("Informe um e-mail válido.");
    expect(messages(submitRequestSchema.safeParse({ kind: "access", name: "J", email: `${"a".repeat(250)}@x.com` }))).toContain("O e-mail deve ter no máximo 255 caracteres.");
  });
  it("reads a six-digit code only", () => {
    expect(verifyRequestSchema.parse({ requestId: id, code: " 123456 " }).code).toBe("123456");
    for (const code of ["12345", "1234567", "12a456"]) expect(messages(verifyRequestSchema.safeParse({ requestId: id, code }))).toContain("O código tem 6 dígitos.");
  });
  it("needs a response to close a request, not to start working on it", () => {
    expect(updateRequestSchema.safeParse({ id, status: "in_progress" }).success).toBe(true);
    for (const status of ["fulfilled", "rejected"]) {
      const r = updateRequestSchema.safeParse({ id, status, response: "  " });
      expect(r.error!.issues).toEqual([expect.objectContaining({ path: ["response"], message: "Escreva a resposta ao titular." })]);
    }
    expect(updateRequestSchema.parse({ id, status: "fulfilled", response: "Enviado." }).response).toBe("Enviado.");
  });
  it("bounds the encarregado's settings by their columns", () => {
    const ok = { dpoName: "Ana", dpoEmail: "dpo@x.com" };
    expect(privacySettingsSchema.parse(ok)).toEqual({ ...ok, dpoPhone: "", notice: "" });
    expect(messages(privacySettingsSchema.safeParse({ ...ok, dpoPhone: "1".repeat(31) }))).toContain("O telefone deve ter no máximo 30 caracteres.");
    expect(messages(privacySettingsSchema.safeParse({ ...ok, notice: "a\u0000" }))).toContain("O aviso contém caracteres inválidos.");
  });
});

describe("incidents and retention", () => {
  const incident = { title: "Vazamento", description: "Planilha exposta", knownAt: "2026-12-01T10:00:00Z", dataCategories: ["e-mail"], subjectsAffected: 10, measures: "Link revogado", risk: "high" };
  it("accepts an incident with an unknown start", () => {
    expect(createIncidentSchema.parse(incident).occurredAt).toBeNull();
  });
  it.each([
    [{ title: "" }, "Informe o título."],
    [{ description: "a\u0000" }, "O texto contém caracteres inválidos."],
    [{ dataCategories: [] }, "Informe ao menos uma categoria de dados afetada."],
    [{ dataCategories: ["c".repeat(61)] }, "Cada categoria deve ter no máximo 60 caracteres."],
    [{ subjectsAffected: -1 }, "O número não pode ser negativo."],
    [{ knownAt: "ontem" }, "Informe quando a empresa soube do incidente."],
  ])("refuses %j with %s", (patch, message) => {
    expect(messages(createIncidentSchema.safeParse({ ...incident, ...patch }))).toContain(message);
  });
  it("keeps unconverted leads between 1 and 120 months", () => {
    expect(messages(retentionSettingsSchema.safeParse({ enabled: true, unconvertedLeadMonths: 0 }))).toContain("O mínimo é 1 mês.");
    expect(messages(retentionSettingsSchema.safeParse({ enabled: true, unconvertedLeadMonths: 121 }))).toContain("O máximo é 120 meses (10 anos).");
    expect(retentionSettingsSchema.safeParse({ enabled: false, unconvertedLeadMonths: 120 }).success).toBe(true);
  });
});
