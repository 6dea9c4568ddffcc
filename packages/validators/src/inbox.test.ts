import { describe, expect, it } from "vitest";
import { conversationListInput, createInboxInput, inboundRecoveryJobSchema, inboxSettingsInput, inboxSettingsSchema, TEMPLATE_KEYS, updateInboxInput, WINDOW_TEMPLATE_KEYS } from "./inbox";

const messages = (r: { error?: { issues: { message: string }[] } }) => r.error?.issues.map((i) => i.message) ?? [];

describe("inboxSettingsSchema", () => {
  it("fills empty defaults", () => {
    expect(inboxSettingsSchema.parse({})).toEqual({ allowedOrigins: [], schedulingUrl: "", templates: {} });
  });
  it("takes origins without a path, trimmed and lowercased", () => {
    expect(inboxSettingsSchema.parse({ allowedOrigins: [" HTTPS://WWW.Loja.com.br ", "http://localhost:3000"] }).allowedOrigins).toEqual(["https://www.loja.com.br", "http://localhost:3000"]);
    for (const bad of ["https://loja.com.br/", "https://loja.com.br/contato", "ftp://loja.com.br", "loja.com.br", "https://loja.com.br:porta"]) {
      expect(messages(inboxSettingsSchema.safeParse({ allowedOrigins: [bad] }))).toEqual(["Use uma origem como https://www.suaempresa.com.br (sem caminho)."]);
    }
    expect(inboxSettingsSchema.safeParse({ allowedOrigins: Array(21).fill("https://a.com") }).success).toBe(false);
  });
  it("takes a scheduling URL or none", () => {
    expect(inboxSettingsSchema.parse({ schedulingUrl: "https://calendly.com/vendas" }).schedulingUrl).toBe("https://calendly.com/vendas");
    expect(messages(inboxSettingsSchema.safeParse({ schedulingUrl: "agenda" }))).toContain("Informe uma URL válida.");
  });
  it("saves only an http(s) scheduling link of bounded length, while stored settings keep loading", () => {
    const save = (schedulingUrl: string) => inboxSettingsInput.safeParse({ schedulingUrl });
    expect(save("https://calendly.com/vendas?name={name}").success).toBe(true);
    for (const bad of ["javascript:alert(1)", "ftp://arquivos.acme.com.br/", "agenda", `https://a.com/${"x".repeat(2048)}`]) expect(save(bad).success).toBe(false);
    expect(messages(save("javascript:alert(1)"))).toContain("Informe uma URL http(s) completa, como https://calendly.com/sua-empresa/30min.");
    expect(messages(updateInboxInput.safeParse({ inboxId: "00000000-0000-4000-8000-000000000000", name: "Site", isActive: true, settings: { schedulingUrl: "javascript:alert(1)" } }))).toHaveLength(1);
    expect(inboxSettingsSchema.parse({ schedulingUrl: "ftp://arquivos.acme.com.br/" }).schedulingUrl).toBe("ftp://arquivos.acme.com.br/");
  });
  it("bounds WhatsApp throughput to Meta's 20..1,000 messages/s", () => {
    expect(messages(inboxSettingsSchema.safeParse({ waThroughput: 19 }))).toEqual(["A vazão mínima é 20 mensagens/s."]);
    expect(messages(inboxSettingsSchema.safeParse({ waThroughput: 1001 }))).toEqual(["A vazão máxima da Meta é 1.000 mensagens/s."]);
    expect(inboxSettingsSchema.parse({ waThroughput: 80 }).waThroughput).toBe(80);
  });
  it("fills a template's language and parameters, and names template slots from the one list", () => {
    expect(inboxSettingsSchema.parse({ templates: { welcome: { name: " boas_vindas " } } }).templates.welcome).toEqual({ name: "boas_vindas", language: "pt_BR", params: [] });
    expect(inboxSettingsSchema.safeParse({ templates: { promo: { name: "x" } } }).success).toBe(false);
    expect(messages(inboxSettingsSchema.safeParse({ templates: { welcome: { name: " " } } }))).toContain("Informe o nome do template.");
    expect(WINDOW_TEMPLATE_KEYS.every((k) => (TEMPLATE_KEYS as readonly string[]).includes(k))).toBe(true);
  });
  it("takes a WABA id of digits only", () => {
    expect(inboxSettingsSchema.parse({ waBusinessAccountId: " 1234567890 " }).waBusinessAccountId).toBe("1234567890");
    expect(messages(inboxSettingsSchema.safeParse({ waBusinessAccountId: "waba-1" }))).toEqual(["O ID da conta do WhatsApp Business (WABA) tem só dígitos."]);
  });
  it("keeps what Meta said of the number when read, and drops it from what an admin saves (the server writes it)", () => {
    const meta = { waDisplayPhoneNumber: "+55 11 4002-8922", waVerifiedName: "Loja Exemplo" };
    expect(inboxSettingsSchema.parse(meta)).toMatchObject(meta);
    const saved = inboxSettingsInput.parse(meta);
    expect(saved).not.toHaveProperty("waDisplayPhoneNumber");
    expect(saved).not.toHaveProperty("waVerifiedName");
  });
});

describe("createInboxInput", () => {
  it("creates a web inbox with default settings", () => {
    expect(createInboxInput.parse({ channel: "web", name: "Site" })).toEqual({ channel: "web", name: "Site", settings: { allowedOrigins: [], schedulingUrl: "", templates: {} } });
    expect(messages(createInboxInput.safeParse({ channel: "web", name: "S" }))).toEqual(["Dê um nome à caixa de entrada."]);
  });
  it("needs Meta's numeric phone_number_id for WhatsApp, within its column", () => {
    expect(createInboxInput.safeParse({ channel: "whatsapp", name: "Vendas", phoneNumberId: "106540352242922" }).success).toBe(true);
    expect(messages(createInboxInput.safeParse({ channel: "whatsapp", name: "Vendas", phoneNumberId: "+55 11 9" }))).toContain("O phone_number_id da Meta tem só dígitos.");
    expect(messages(createInboxInput.safeParse({ channel: "whatsapp", name: "Vendas", phoneNumberId: "1".repeat(33) }))).toContain("O phone_number_id da Meta tem até 32 dígitos.");
  });
  it("checks an inbox's own Meta app credentials", () => {
    const base = { channel: "whatsapp", name: "Vendas", phoneNumberId: "106540352242922" };
    expect(messages(createInboxInput.safeParse({ ...base, ownApp: { accessToken: "short", appSecret: "12345678" } }))).toEqual(["Informe o token de acesso."]);
    expect(messages(createInboxInput.safeParse({ ...base, ownApp: { accessToken: "EAAG1234567890", appSecret: "123" } }))).toEqual(["Informe o app secret."]);
  });
  it("refuses an unknown channel", () => {
    expect(createInboxInput.safeParse({ channel: "telegram", name: "T" }).success).toBe(false);
  });
});

describe("conversation lists and the recovery sweep", () => {
  it("pages 25 by default, at most 100, scores within 0..1000", () => {
    expect(conversationListInput.parse({}).limit).toBe(25);
    expect(conversationListInput.safeParse({ limit: 101 }).success).toBe(false);
    expect(conversationListInput.safeParse({ minScore: -1 }).success).toBe(false);
    expect(conversationListInput.parse({ search: "  joão  ", tag: " vip " })).toMatchObject({ search: "joão", tag: "vip" });
  });
  it("filters by one status or by the active ones (pending + open), nothing else", () => {
    for (const status of ["bot", "pending", "open", "resolved", "active"]) expect(conversationListInput.parse({ status }).status).toBe(status);
    expect(conversationListInput.safeParse({ status: "archived" }).success).toBe(false);
    expect(conversationListInput.safeParse({ status: "pending,open" }).success).toBe(false);
  });
  it("sweeps events older than 30 s by default, at most a day", () => {
    expect(inboundRecoveryJobSchema.parse({}).olderThanSeconds).toBe(30);
    expect(inboundRecoveryJobSchema.safeParse({ olderThanSeconds: 86_401 }).success).toBe(false);
    expect(inboundRecoveryJobSchema.parse({}).mediaGraceSeconds).toBeUndefined();
    expect(inboundRecoveryJobSchema.safeParse({ mediaGraceSeconds: -1 }).success).toBe(false);
  });
});
