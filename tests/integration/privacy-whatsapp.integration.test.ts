import { randomInt } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { outboxSender } from "@vendaflow/connectors/smtp/outbox-sender";
import { memoryStore } from "@vendaflow/connectors/upstash/memory-store";
import { cloudApiSender } from "@vendaflow/connectors/whatsapp/whatsapp-sender";
import { resendPrivacyCode } from "@vendaflow/core/privacy/request-code";
import { submitPrivacyRequest, verifyPrivacyRequest } from "@vendaflow/core/privacy/requests";
import { findTenantById } from "@vendaflow/core/tenancy/tenants";
import { createDb } from "@vendaflow/db/create-db";
import { RESEND_CODE_SECONDS } from "@vendaflow/validators/privacy";
import { signMetaBody } from "@vendaflow/connectors/whatsapp/verify-signature";
import { TEST_KEYS } from "../support/app-env";
import { startAppServer } from "../support/app-server";
import { closeOwner, createTenant, createWhatsAppInbox, env, type FixtureTenant, owner } from "../support/fixtures";
import { Client, request } from "../support/http";
import * as wa from "../support/whatsapp-payloads";
import { isSend, startGraphStandIn, type GraphRequest, type GraphStandIn } from "../stand-ins/graph-api";
import { eventually } from "../support/eventually";

// LGPD requests on WhatsApp (issue 12): a lead writes "quero meus dados" / "apague meus dados" in
// the conversation and gets the request's protocol there, the bot's flow untouched; a lead known
// only by its business-scoped user id gets the privacy page's code over WhatsApp (free text in the
// 24-hour window, the inbox's authentication template outside it). Through the WhatsApp webhook,
// the public page's tRPC and the Graph stand-in.

let graph: GraphStandIn;
let app: Awaited<ReturnType<typeof startAppServer>>;
let tenant: FixtureTenant;
let other: FixtureTenant;
let phoneNumberId: string;
let admin: Client;
let otherAdmin: Client;

async function adminOf(t: FixtureTenant) {
  const c = new Client(app.port, `${t.slug}.${app.rootDomain}`);
  expect(await c.login(t.users.admin.email, t.users.admin.password)).toBeNull();
  return c;
}

beforeAll(async () => {
  graph = await startGraphStandIn({ accessToken: TEST_KEYS.waAccessToken });
  app = await startAppServer({ WHATSAPP_GRAPH_BASE_URL: graph.baseUrl });
  tenant = await createTenant();
  other = await createTenant();
  admin = await adminOf(tenant);
  otherAdmin = await adminOf(other);
  phoneNumberId = await createWhatsAppInbox(admin, graph.baseUrl);
});
afterAll(async () => {
  await app?.stop();
  await graph?.close();
  await closeOwner();
});

const post = (body: unknown) => {
  const raw = JSON.stringify(body);
  return request(app.port, app.rootDomain, "POST", "/api/whatsapp", { headers: { "content-type": "application/json", "x-hub-signature-256": signMetaBody(raw, TEST_KEYS.waAppSecret) }, body: raw });
};
const say = async (s: wa.Sender, text: string) => expect((await post(wa.webhook(wa.senderChange(phoneNumberId, s, [wa.textFrom(s, text)])))).status).toBe(200);
const q = async <T = Record<string, any>>(sql: string, params: unknown[] = []) => (await owner().query(sql, params)).rows as T[];
const addressOf = (r: GraphRequest) => {
  const b = r.body as { to?: string; recipient?: string };
  return b.to ?? b.recipient;
};
const textOf = (r: GraphRequest) => {
  const b = r.body as { text?: { body?: string }; interactive?: { body?: { text?: string } } };
  return b.text?.body ?? b.interactive?.body?.text ?? "";
};
/** Sends Meta accepted for the address (one refused, e.g. with 190, never reached the lead). */
const sentTo = (address: string) => graph.sent.filter((r) => addressOf(r) === address);
/** Every send tried to the address, refused or not: for "nothing was sent". */
const triedTo = (address: string) => graph.requests.filter((r) => isSend(r) && addressOf(r) === address);
const conversationOf = async (leadId: string) => (await q("select * from conversations where lead_id = $1", [leadId]))[0]!;
const publicPage = (t: FixtureTenant) => new Client(app.port, `${t.slug}.${app.rootDomain}`);

describe("requests written in a WhatsApp conversation", () => {
  const phone = `55119${randomInt(10_000_000, 99_999_999)}`;
  const lead: wa.Sender = { phone, name: "Rita Titular" };
  let leadId: string;
  let accessProtocol: string;

  it("'Quero meus DADOS' mid-qualification opens an access request answered with its protocol; the bot does not take it as an answer", async () => {
    await say(lead, "Oi, quero saber dos planos");
    await graph.waitForSent((r) => addressOf(r) === phone);
    leadId = (await q("select id from leads where tenant_id = $1 and wa_id = $2", [tenant.id, phone]))[0]!.id;
    const before = await conversationOf(leadId);
    expect(before.status).toBe("bot");
    const sentBefore = sentTo(phone).length;

    await say(lead, "Quero meus DADOS!");
    const replies = await eventually(() => sentTo(phone).slice(sentBefore), (r) => r.some((x) => textOf(x).includes("Protocolo")));
    const reply = replies.find((x) => textOf(x).includes("Protocolo"))!;
    const req = (await q("select * from privacy_requests where lead_id = $1 and kind = 'access'", [leadId]))[0]!;
    expect(req).toMatchObject({ channel: "whatsapp", status: "open", conversation_id: before.id, requester_whatsapp: phone, requester_name: "Rita Titular", details: "Quero meus DADOS!" });
    expect(req.due_date).not.toBeNull();
    accessProtocol = req.protocol;
    expect(textOf(reply)).toContain(`Protocolo: ${req.protocol}.`);
    expect(textOf(reply)).toContain("Recebemos seu pedido de acesso aos seus dados.");
    expect(textOf(reply)).toMatch(/Responderemos até \d{2}\/\d{2}\/\d{4}/);

    // The bot's flow is where it was: same step, same revision, nothing else sent.
    const after = await conversationOf(leadId);
    expect(after.current_step).toBe(before.current_step);
    expect((after.bot_state as { revision: number }).revision).toBe((before.bot_state as { revision: number }).revision);
    expect(replies).toHaveLength(1);
    const ev = await q("select status from inbound_events where conversation_id = $1 order by seq desc limit 1", [before.id]);
    expect(ev[0]!.status).toBe("processed");
    // Every step audited; the timeline notes it; the admins are told.
    const audit = await q("select action, after from audit_logs where entity_id = $1 order by created_at, action", [req.id]);
    expect(audit.map((a) => a.action)).toEqual(["privacy_request.submitted", "privacy_request.verified"]);
    expect(audit[1]!.after).toMatchObject({ confirmedBy: "whatsapp_channel" });
    expect(await q("select 1 from conversation_events where conversation_id = $1 and kind = 'privacy_request'", [before.id])).toHaveLength(1);
    expect((await q("select 1 from notifications where tenant_id = $1 and kind = 'privacy_request' and data->>'requestId' = $2", [tenant.id, req.id])).length).toBeGreaterThan(0);
  });

  it("the same request again answers with the open protocol; 'apague meus dados' opens a deletion request", async () => {
    const n = sentTo(phone).length;
    await say(lead, "quero meus dados");
    const again = await eventually(() => sentTo(phone).slice(n), (r) => r.length > 0);
    expect(textOf(again[0]!)).toContain("Seu pedido de acesso aos seus dados já está em andamento.");
    expect(textOf(again[0]!)).toContain(accessProtocol);
    expect(await q("select 1 from privacy_requests where lead_id = $1 and kind = 'access'", [leadId])).toHaveLength(1);

    const m = sentTo(phone).length;
    await say(lead, "Apaguem meus dados, por favor");
    const del = await eventually(() => sentTo(phone).slice(m), (r) => r.length > 0);
    const [req] = await q("select protocol from privacy_requests where lead_id = $1 and kind = 'deletion'", [leadId]);
    expect(textOf(del[0]!)).toContain(`Protocolo: ${req!.protocol}.`);
    expect(textOf(del[0]!)).toContain("Recebemos seu pedido de eliminação dos seus dados.");
  });

  it("the admin's answer reaches the conversation; the queue is the tenant's alone", async () => {
    const list = await admin.trpc<{ id: string; protocol: string; channel: string; requesterEmail: string | null }[]>("query", "privacy.requests", { status: null });
    expect(list.error).toBeNull();
    const access = list.data.find((r) => r.protocol === accessProtocol)!;
    expect(access).toMatchObject({ channel: "whatsapp", requesterEmail: null });
    const foreign = await otherAdmin.trpc<{ protocol: string }[]>("query", "privacy.requests", { status: null });
    expect(foreign.data.map((r) => r.protocol)).not.toContain(accessProtocol);
    expect((await otherAdmin.trpc("mutation", "privacy.updateRequest", { id: access.id, status: "in_progress" })).error?.data.code).toBe("NOT_FOUND");

    const n = sentTo(phone).length;
    const done = await admin.trpc("mutation", "privacy.updateRequest", { id: access.id, status: "fulfilled", response: "Segue o link com seus dados." });
    expect(done.error).toBeNull();
    const answer = await eventually(() => sentTo(phone).slice(n), (r) => r.length > 0);
    expect(textOf(answer[0]!)).toContain("Segue o link com seus dados.");
    expect(textOf(answer[0]!)).toContain(`/api/privacy/export?request=${access.id}`);
  });

  it("a message that only mentions data goes to the bot", async () => {
    const before = (await q("select count(*)::int as n from privacy_requests where lead_id = $1", [leadId]))[0]!.n;
    await say(lead, "meu orçamento é de 10 mil, não apague meus dados");
    await eventually(() => q("select status from inbound_events where conversation_id = (select id from conversations where lead_id = $1) order by seq desc limit 1", [leadId]), (r) => r[0]?.status === "processed");
    expect((await q("select count(*)::int as n from privacy_requests where lead_id = $1", [leadId]))[0]!.n).toBe(before);
  });
});

describe("the privacy page's code over WhatsApp", () => {
  const userId = wa.bsuid();
  const username = `bia.dados${randomInt(1000, 9999)}`;
  const lead: wa.Sender = { userId, username, name: "Bia" };
  let leadId: string;
  const submit = (handle: string) => publicPage(tenant).trpc<{ requestId: string }>("mutation", "privacy.submitRequest", { kind: "access", name: "Bia", email: "", whatsapp: handle, details: "" });

  it("a lead known only by its business-scoped id gets the code as a message in the 24-hour window, never stored for agents", async () => {
    await say(lead, "oi");
    await graph.waitForSent((r) => addressOf(r) === userId);
    const [row] = await q("select id, wa_id, phone, email from leads where tenant_id = $1 and wa_user_id = $2", [tenant.id, userId]);
    expect(row).toMatchObject({ wa_id: null, phone: null, email: null });
    leadId = row!.id;

    const n = sentTo(userId).length;
    const res = await submit(`@${username.toUpperCase()}`);
    expect(res.error).toBeNull();
    expect(Object.keys(res.data)).toEqual(["requestId"]);
    const sent = await eventually(() => sentTo(userId).slice(n), (r) => r.length > 0);
    expect(sent[0]!.body).toMatchObject({ recipient: userId, type: "text" });
    expect(sent[0]!.body).not.toHaveProperty("to");
    const code = /\b(\d{6})\b/.exec(textOf(sent[0]!))![1]!;
    // Agents never see it: not a message of the conversation.
    expect(await q("select 1 from messages where text like $1", [`%${code}%`])).toHaveLength(0);
    const req = (await q("select * from privacy_requests where id = $1", [res.data.requestId]))[0]!;
    expect(req).toMatchObject({ lead_id: leadId, requester_email: null, requester_whatsapp: `@${username}`, code_channel: "whatsapp", status: "awaiting_verification" });

    const wrong = await publicPage(tenant).trpc("mutation", "privacy.verifyRequest", { requestId: res.data.requestId, code: code === "000000" ? "111111" : "000000" });
    // The code went by WhatsApp: the error does not send the lead to look in an e-mail they never gave.
    expect(wrong.error?.message).toBe("Código inválido ou expirado. Confira o código que você recebeu ou faça um novo pedido.");
    const ok = await publicPage(tenant).trpc<{ protocol: string; status: string }>("mutation", "privacy.verifyRequest", { requestId: res.data.requestId, code });
    expect(ok.error).toBeNull();
    expect(ok.data.protocol).toMatch(/^LGPD-\d{8}-[A-Z0-9]{6}$/);
    expect(ok.data.status).toBe("open");
  });

  it("\"Reenviar código\" sends a fresh code over WhatsApp to the same lead; the first stops working", async () => {
    // In this process, with a clock to step past the minute between codes, sending through the Graph stand-in.
    let clock = Date.now();
    const { db, close } = createDb({ url: env().appUrl, max: 1 });
    try {
      const deps = {
        db,
        now: () => new Date(clock),
        counters: memoryStore(() => clock),
        email: outboxSender(db),
        tokenSecret: TEST_KEYS.tokenSecret,
        whatsapp: cloudApiSender({ graphBaseUrl: graph.baseUrl, apiVersion: "v25.0" }),
        encryptionKey: TEST_KEYS.encryptionKey,
        platformWhatsApp: { accessToken: TEST_KEYS.waAccessToken, appSecret: TEST_KEYS.waAppSecret, verifyToken: TEST_KEYS.waVerifyToken },
      };
      const t = (await findTenantById(db, tenant.id))!;
      const meta = { ip: "10.77.0.1", userAgent: null };
      const n = sentTo(userId).length;
      const { requestId } = await submitPrivacyRequest(deps, t, { kind: "portability", name: "Bia", email: null, whatsapp: `@${username}`, details: "" }, meta);
      const first = /\b(\d{6})\b/.exec(textOf((await eventually(() => sentTo(userId).slice(n), (r) => r.length > 0))[0]!))![1]!;
      clock += RESEND_CODE_SECONDS * 1000;
      expect(await resendPrivacyCode(deps, t, { requestId }, meta)).toEqual({ ok: true });
      const resent = await eventually(() => sentTo(userId).slice(n), (r) => r.length > 1);
      expect(resent[1]!.body).toMatchObject({ recipient: userId, type: "text" });
      const second = /\b(\d{6})\b/.exec(textOf(resent[1]!))![1]!;
      expect(await q("select 1 from messages where text like $1", [`%${second}%`])).toHaveLength(0);
      if (second !== first) expect(await verifyPrivacyRequest(deps, t, { requestId, code: first }, meta).catch((e: unknown) => e)).toMatchObject({ code: "BAD_REQUEST" });
      expect(await verifyPrivacyRequest(deps, t, { requestId, code: second }, meta)).toMatchObject({ status: "open" });
      const audit = await q("select after from audit_logs where entity_id = $1 and action = 'privacy_request.code_resent'", [requestId]);
      expect(audit.map((a) => a.after)).toEqual([{ codeChannel: "whatsapp", sent: true, codeMessage: "text" }]);
    } finally {
      await close();
    }
  });

  it("outside the window the code goes as the inbox's authentication template; with none, nothing goes and the answer is the same", async () => {
    await owner().query("update conversations set last_inbound_at = now() - interval '2 days' where lead_id = $1", [leadId]);
    const n = sentTo(userId).length;
    const tried = triedTo(userId).length;
    const blind = await submit(`@${username}`);
    expect(blind.error).toBeNull();
    expect(Object.keys(blind.data)).toEqual(["requestId"]);
    await new Promise((r) => setTimeout(r, 300));
    expect(triedTo(userId).slice(tried)).toHaveLength(0);
    const audit = await q("select after from audit_logs where entity_id = $1 and action = 'privacy_request.submitted'", [blind.data.requestId]);
    expect(audit[0]!.after).toMatchObject({ subjectFound: true, codeChannel: null });

    // The admin names the approved AUTHENTICATION template on the inbox (inboxes page, settings.authTemplate).
    const [inbox] = await q("select id from inboxes where wa_phone_number_id = $1", [phoneNumberId]);
    const saved = await admin.trpc("mutation", "inboxes.update", { inboxId: inbox!.id, name: "WhatsApp", isActive: true, settings: { allowedOrigins: [], schedulingUrl: "", templates: {}, authTemplate: { name: "codigo_verificacao", language: "pt_BR" } } });
    expect(saved.error).toBeNull();
    const res = await submit(`@${username}`);
    const [tpl] = await eventually(() => sentTo(userId).slice(n), (r) => r.length > 0);
    const template = (tpl!.body as { type: string; template: { name: string; components: { type: string; sub_type?: string; parameters: { text: string }[] }[] } });
    expect(template.type).toBe("template");
    expect(template.template.name).toBe("codigo_verificacao");
    const code = template.template.components[0]!.parameters[0]!.text;
    expect(code).toMatch(/^\d{6}$/);
    expect(template.template.components[1]).toMatchObject({ type: "button", sub_type: "url", parameters: [{ text: code }] });
    const ok = await publicPage(tenant).trpc<{ protocol: string }>("mutation", "privacy.verifyRequest", { requestId: res.data.requestId, code });
    expect(ok.error).toBeNull();
  });

  it("a number typed with the ninth digit finds the lead whose wa_id lacks it (as Meta often sends it), and the code goes to that wa_id", async () => {
    const eight = String(randomInt(80_000_000, 89_999_999));
    const waId = `5511${eight}`;
    const old: wa.Sender = { phone: waId, name: "Caio" };
    await say(old, "oi");
    await graph.waitForSent((r) => addressOf(r) === waId);
    const [row] = await q("select id from leads where tenant_id = $1 and wa_id = $2", [tenant.id, waId]);
    const n = sentTo(waId).length;
    const res = await submit(`(11) 9${eight.slice(0, 4)}-${eight.slice(4)}`);
    expect(res.error).toBeNull();
    const sent = await eventually(() => sentTo(waId).slice(n), (r) => r.length > 0);
    expect(textOf(sent[0]!)).toMatch(/\b\d{6}\b/);
    expect((await q("select lead_id, requester_whatsapp, code_channel from privacy_requests where id = $1", [res.data.requestId]))[0]).toEqual({ lead_id: row!.id, requester_whatsapp: `55119${eight}`, code_channel: "whatsapp" });
  });

  it("an unknown username, or another tenant's page, gets the same answer and no code", async () => {
    const n = graph.requests.length;
    const unknown = await publicPage(tenant).trpc<{ requestId: string }>("mutation", "privacy.submitRequest", { kind: "access", name: "X", whatsapp: "@ninguem.aqui", details: "" });
    expect(unknown.error).toBeNull();
    expect(Object.keys(unknown.data)).toEqual(["requestId"]);
    const foreign = await publicPage(other).trpc<{ requestId: string }>("mutation", "privacy.submitRequest", { kind: "access", name: "Bia", whatsapp: `@${username}`, details: "" });
    expect(foreign.error).toBeNull();
    await new Promise((r) => setTimeout(r, 300));
    expect(graph.requests.slice(n).filter((r) => r.path.endsWith("/messages"))).toHaveLength(0);
    expect((await q("select lead_id from privacy_requests where id = $1", [foreign.data.requestId]))[0]!.lead_id).toBeNull();
    // Neither e-mail nor WhatsApp: a field error in pt-BR.
    const none = await publicPage(tenant).trpc("mutation", "privacy.submitRequest", { kind: "access", name: "X", email: "", whatsapp: "", details: "" });
    expect(none.error?.data.zodIssues?.[0]).toMatchObject({ path: ["email"], message: "Informe o e-mail ou o WhatsApp que você usou conosco." });
  });
});
