import { randomInt } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signMetaBody } from "@vendaflow/connectors/whatsapp/verify-signature";
import { TEST_KEYS } from "../support/app-env";
import { startAppServer } from "../support/app-server";
import { signedInClients } from "../support/sessions";
import { closeOwner, connectWhatsAppNumber, createTenant, owner, type FixtureTenant } from "../support/fixtures";
import { request } from "../support/http";
import * as wa from "../support/whatsapp-payloads";
import { defaultNumber, startGraphStandIn, type GraphStandIn, type StandInTemplate } from "../stand-ins/graph-api";

// Issue 15, item 5: the WABA's templates synced through the Graph API (stand-in), kept current by
// message_template_status_update, and checked before sending: approved only, marketing ones only
// to leads with marketing consent.

let graph: GraphStandIn;
let app: Awaited<ReturnType<typeof startAppServer>>;
let a: FixtureTenant;
let b: FixtureTenant;
const wabaA = String(randomInt(1e13, 9e13));
const wabaB = String(randomInt(1e13, 9e13));
let inboxA: { id: string; phone: string };
let inboxB: { id: string; phone: string };

/** One login per tenant and role (logins are rate-limited per e-mail). */
const adminOf = signedInClients(() => app);
const templatesSetting = {
  followup: { name: "oferta_black_friday", language: "pt_BR", params: ["{name}"] },
  reminder: { name: "lembrete_reuniao", language: "pt_BR", params: ["{name}"] },
};
async function whatsappInbox(t: FixtureTenant, waba: string) {
  const admin = await adminOf(t);
  const phone = String(randomInt(1e12, 9e12));
  const created = await connectWhatsAppNumber(admin, graph.baseUrl, { phoneNumberId: phone, wabaId: waba, settings: { allowedOrigins: [], schedulingUrl: "", templates: templatesSetting } });
  expect(created.error).toBeNull();
  return { id: created.data!.inbox.id, phone };
}
const metaTemplates = (prefix: string): StandInTemplate[] => [
  { id: `${prefix}1`, name: "lembrete_reuniao", language: "pt_BR", status: "APPROVED", category: "UTILITY", components: [{ type: "BODY", text: "Olá {{1}}, lembrete da nossa conversa." }] },
  { id: `${prefix}2`, name: "oferta_black_friday", language: "pt_BR", status: "APPROVED", category: "MARKETING", components: [{ type: "BODY", text: "{{1}}, 30% de desconto só hoje!" }] },
  { id: `${prefix}3`, name: "boas_vindas", language: "pt_BR", status: "PENDING", category: "UTILITY", components: [{ type: "BODY", text: "Bem-vindo, {{1}}!" }] },
];

beforeAll(async () => {
  graph = await startGraphStandIn({ accessToken: TEST_KEYS.waAccessToken });
  app = await startAppServer({ WHATSAPP_GRAPH_BASE_URL: graph.baseUrl });
  a = await createTenant();
  b = await createTenant();
  inboxA = await whatsappInbox(a, wabaA);
  inboxB = await whatsappInbox(b, wabaB);
  graph.setTemplates(wabaA, metaTemplates("71"));
  graph.setTemplates(wabaB, metaTemplates("82"));
});
afterAll(async () => {
  await app?.stop();
  await graph?.close();
  await closeOwner();
});

const q = async (sql: string, params: unknown[]) => (await owner().query(sql, params)).rows;
async function post(body: unknown) {
  const raw = JSON.stringify(body);
  return request(app.port, app.rootDomain, "POST", "/api/whatsapp", { headers: { "content-type": "application/json", "x-hub-signature-256": signMetaBody(raw, TEST_KEYS.waAppSecret) }, body: raw });
}
const statusUpdate = (waba: string, v: Record<string, unknown>) => ({ object: "whatsapp_business_account", entry: [{ id: waba, time: 1775628400, changes: [{ field: "message_template_status_update", value: v }] }] });
type Tpl = { name: string; status: string; category: string | null; bodyText: string | null; paramCount: number; reason: string | null };

describe("templates synced from the WABA", () => {
  it("sync lists every template with status, category and body; approved first", async () => {
    const admin = await adminOf(a);
    const synced = await admin.trpc<Tpl[]>("mutation", "whatsapp.syncTemplates", { inboxId: inboxA.id });
    expect(synced.error).toBeNull();
    expect(synced.data!.map((t) => [t.name, t.status, t.category, t.paramCount])).toEqual([
      ["lembrete_reuniao", "approved", "utility", 1],
      ["oferta_black_friday", "approved", "marketing", 1],
      ["boas_vindas", "pending", "utility", 1],
    ]);
    expect(graph.requests.some((r) => r.path.startsWith(`/v25.0/${wabaA}/message_templates?`))).toBe(true);
    // Meta drops one: the next sync drops it too.
    graph.setTemplates(wabaA, metaTemplates("71").slice(0, 2).concat([{ ...metaTemplates("71")[2]!, status: "APPROVED" }]));
    const again = await admin.trpc<Tpl[]>("mutation", "whatsapp.syncTemplates", { inboxId: inboxA.id });
    expect(again.data!.every((t) => t.status === "approved")).toBe(true);
  });

  it("another tenant can neither list nor sync A's inbox", async () => {
    const other = await adminOf(b);
    expect((await other.trpc("query", "whatsapp.templates", { inboxId: inboxA.id })).error?.data?.code).toBe("NOT_FOUND");
    expect((await other.trpc("mutation", "whatsapp.syncTemplates", { inboxId: inboxA.id })).error?.data?.code).toBe("NOT_FOUND");
    await other.trpc("mutation", "whatsapp.syncTemplates", { inboxId: inboxB.id });
    expect((await q("select count(*)::int as n from whatsapp_templates where tenant_id = $1", [b.id]))[0].n).toBe(3);
  });

  it("an inbox without a WABA (its own Meta app, none named) gets a pt-BR precondition error", async () => {
    const admin = await adminOf(a);
    const phone = String(randomInt(1e12, 9e12));
    graph.addPhoneNumber(phone, defaultNumber(phone), { token: "token-do-app-sem-waba" });
    const created = await admin.trpc<{ inbox: { id: string } }>("mutation", "inboxes.create", {
      channel: "whatsapp", name: "Sem WABA", phoneNumberId: phone, ownApp: { accessToken: "token-do-app-sem-waba", appSecret: "segredo-sem-waba" }, settings: { allowedOrigins: [], schedulingUrl: "", templates: {} },
    });
    expect(created.error).toBeNull();
    const res = await admin.trpc("mutation", "whatsapp.syncTemplates", { inboxId: created.data!.inbox.id });
    expect(res.error?.message).toBe("Informe o ID da conta do WhatsApp Business (WABA) nas configurações da caixa de entrada.");
  });

  it("message_template_status_update changes the status of that WABA's template only; an unknown one is added", async () => {
    expect((await post(statusUpdate(wabaA, { event: "REJECTED", message_template_id: 712, message_template_name: "oferta_black_friday", message_template_language: "pt_BR", reason: "INCORRECT_CATEGORY" }))).status).toBe(200);
    const [rowA] = await q("select status, reason from whatsapp_templates where tenant_id = $1 and name = 'oferta_black_friday'", [a.id]);
    expect(rowA).toEqual({ status: "rejected", reason: "INCORRECT_CATEGORY" });
    const [rowB] = await q("select status from whatsapp_templates where tenant_id = $1 and name = 'oferta_black_friday'", [b.id]);
    expect(rowB.status).toBe("approved");
    await post(statusUpdate(wabaA, { event: "APPROVED", message_template_id: "719", message_template_name: "novo_modelo", message_template_language: "en_US", reason: "NONE", message_template_category: "UTILITY" }));
    expect(await q("select status, category, reason, template_id from whatsapp_templates where tenant_id = $1 and name = 'novo_modelo'", [a.id])).toEqual([{ status: "approved", category: "utility", reason: null, template_id: "719" }]);
    // Reinstated is approved again.
    await post(statusUpdate(wabaA, { event: "REINSTATED", message_template_id: 712, message_template_name: "oferta_black_friday", message_template_language: "pt_BR" }));
    expect((await q("select status from whatsapp_templates where tenant_id = $1 and name = 'oferta_black_friday'", [a.id]))[0].status).toBe("approved");
  });
});

describe("template updates reach only the tenants of the path they came in on", () => {
  it("an inbox on its own Meta app signs with a secret its tenant typed: naming A's WABA on its path changes nothing of A's; its own WABA's updates land in its own tenant only", async () => {
    const wabaC = String(randomInt(1e13, 9e13));
    const c = await createTenant();
    const admin = await adminOf(c);
    const appSecret = "segredo-do-proprio-app";
    const phone = String(randomInt(1e12, 9e12));
    graph.addPhoneNumber(phone, defaultNumber(phone), { wabaId: wabaC, token: "token-do-proprio-app" });
    const created = await admin.trpc<{ inbox: { id: string } }>("mutation", "inboxes.create", {
      channel: "whatsapp", name: "WhatsApp próprio", phoneNumberId: phone,
      ownApp: { accessToken: "token-do-proprio-app", appSecret },
      settings: { allowedOrigins: [], schedulingUrl: "", templates: {}, waBusinessAccountId: wabaC },
    });
    expect(created.error).toBeNull();
    const [{ webhook_key: key }] = await q("select webhook_key from inboxes where id = $1", [created.data!.inbox.id]);
    const postOwn = (body: unknown) => {
      const raw = JSON.stringify(body);
      return request(app.port, app.rootDomain, "POST", `/api/whatsapp/${key}`, { headers: { "content-type": "application/json", "x-hub-signature-256": signMetaBody(raw, appSecret) }, body: raw });
    };
    const before = await q("select name, status, category, reason from whatsapp_templates where tenant_id = $1 order by name", [a.id]);
    expect(before.length).toBeGreaterThan(0);
    // Signed with C's own secret, naming A's WABA: accepted (Meta must not retry) and applied nowhere.
    const forged = await postOwn(statusUpdate(wabaA, { event: "PAUSED", message_template_id: 712, message_template_name: "oferta_black_friday", message_template_language: "pt_BR", reason: "FORJADO", message_template_category: "MARKETING" }));
    expect(forged.status).toBe(200);
    await postOwn(statusUpdate(wabaA, { event: "APPROVED", message_template_id: "9999", message_template_name: "modelo_forjado", message_template_language: "pt_BR" }));
    expect(await q("select name, status, category, reason from whatsapp_templates where tenant_id = $1 order by name", [a.id])).toEqual(before);
    expect(await q("select tenant_id from whatsapp_templates where waba_id = $1 and tenant_id <> $2", [wabaA, a.id])).toEqual([]);
    // Its own WABA on its own path: C's template, and only C's.
    expect((await postOwn(statusUpdate(wabaC, { event: "APPROVED", message_template_id: "5501", message_template_name: "boas_vindas_c", message_template_language: "pt_BR" }))).status).toBe(200);
    expect(await q("select tenant_id, status from whatsapp_templates where waba_id = $1", [wabaC])).toEqual([{ tenant_id: c.id, status: "approved" }]);
    // The platform's path does not serve an inbox on its own app: C's WABA named there changes nothing.
    await post(statusUpdate(wabaC, { event: "REJECTED", message_template_id: "5501", message_template_name: "boas_vindas_c", message_template_language: "pt_BR", reason: "PELA_PLATAFORMA" }));
    expect(await q("select status, reason from whatsapp_templates where waba_id = $1", [wabaC])).toEqual([{ status: "approved", reason: null }]);
    // Its credentials unreadable (a key retired before db:rekey): a 503 Meta delivers again, never a 500.
    await owner().query("update inboxes set credentials_encrypted = 'x' where id = $1", [created.data!.inbox.id]);
    const unreadable = await postOwn(statusUpdate(wabaC, { event: "PAUSED", message_template_id: "5501", message_template_name: "boas_vindas_c", message_template_language: "pt_BR" }));
    expect([unreadable.status, unreadable.headers["retry-after"]]).toEqual([503, "30"]);
    expect((await request(app.port, app.rootDomain, "GET", `/api/whatsapp/${key}?hub.mode=subscribe&hub.verify_token=x&hub.challenge=1`)).status).toBe(503);
    expect(await q("select status from whatsapp_templates where waba_id = $1", [wabaC])).toEqual([{ status: "approved" }]);
  });
});

describe("sending a template", () => {
  async function conversationWith(name: string) {
    const phone = `55119${randomInt(10_000_000, 99_999_999)}`;
    await post(wa.webhook(wa.messageChange(inboxA.phone, [wa.text(phone, "oi")], [{ wa_id: phone, name }])));
    for (let i = 0; i < 100; i++) {
      const rows = await q("select c.id, l.id as lead_id from conversations c join leads l on l.id = c.lead_id where l.wa_id = $1", [phone]);
      if (rows.length) return { ...rows[0], phone } as { id: string; lead_id: string; phone: string };
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error("no conversation");
  }
  const templateRequests = (phone: string) => graph.requests.filter((r) => (r.body as { to?: string } | undefined)?.to === phone && (r.body as { type?: string }).type === "template");

  it("a marketing template needs the lead's marketing consent", async () => {
    const admin = await adminOf(a);
    const conv = await conversationWith("Lia");
    const refused = await admin.trpc<{ messageId: string }>("mutation", "agent.reply", { conversationId: conv.id, templateKey: "followup" });
    expect(refused.error).toBeNull();
    const [msg] = await q("select delivery_status, delivery_error from messages where id = $1", [refused.data!.messageId]);
    expect(msg).toMatchObject({ delivery_status: "failed", delivery_error: { code: "marketing_consent", title: "Template de marketing exige o consentimento de marketing do lead" } });
    expect(templateRequests(conv.phone)).toHaveLength(0);
    // An agent records the lead's consent given by phone (the ledger decides, not a flag).
    const consent = { subject: { leadId: conv.lead_id }, purpose: "marketing", granted: true, channel: "phone", textShown: "Aceito ofertas.", textVersion: "tel-v1", note: "Ligação de retorno." };
    expect((await admin.trpc("mutation", "privacy.recordConsent", consent)).error).toBeNull();
    const sent = await admin.trpc<{ messageId: string }>("mutation", "agent.reply", { conversationId: conv.id, templateKey: "followup" });
    expect((await q("select delivery_status from messages where id = $1", [sent.data!.messageId]))[0].delivery_status).toBe("sent");
    expect(templateRequests(conv.phone)[0]!.body).toMatchObject({ template: { name: "oferta_black_friday", language: { code: "pt_BR" }, components: [{ type: "body", parameters: [{ type: "text", text: "Lia" }] }] } });
    // A revoked marketing consent stops marketing templates again.
    expect((await admin.trpc("mutation", "privacy.revokeConsent", { subject: { leadId: conv.lead_id }, purpose: "marketing", reason: "Pediu para parar." })).error).toBeNull();
    const revoked = await admin.trpc<{ messageId: string }>("mutation", "agent.reply", { conversationId: conv.id, templateKey: "followup" });
    expect((await q("select delivery_error from messages where id = $1", [revoked.data!.messageId]))[0].delivery_error).toMatchObject({ code: "marketing_consent_revoked", title: "O lead revogou o consentimento de marketing" });
    expect(templateRequests(conv.phone)).toHaveLength(1);
  });

  it("a utility template goes without marketing consent; one Meta has not approved does not go", async () => {
    const admin = await adminOf(a);
    const conv = await conversationWith("Teo");
    const ok = await admin.trpc<{ messageId: string }>("mutation", "agent.reply", { conversationId: conv.id, templateKey: "reminder" });
    expect((await q("select delivery_status from messages where id = $1", [ok.data!.messageId]))[0].delivery_status).toBe("sent");
    await post(statusUpdate(wabaA, { event: "PAUSED", message_template_id: 711, message_template_name: "lembrete_reuniao", message_template_language: "pt_BR", reason: "LOW_QUALITY" }));
    const paused = await admin.trpc<{ messageId: string }>("mutation", "agent.reply", { conversationId: conv.id, templateKey: "reminder" });
    expect((await q("select delivery_error from messages where id = $1", [paused.data!.messageId]))[0].delivery_error).toMatchObject({ code: "template_not_approved", title: "Template não aprovado pela Meta (status: paused)" });
    expect(templateRequests(conv.phone)).toHaveLength(1);
  });
});
