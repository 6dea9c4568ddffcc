import { randomInt } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signMetaBody } from "@vendaflow/connectors/whatsapp/verify-signature";
import { TEST_KEYS } from "../support/app-env";
import { startAppServer } from "../support/app-server";
import { closeOwner, connectWhatsAppNumber, createTenant, type FixtureTenant, owner } from "../support/fixtures";
import { Client, request } from "../support/http";
import * as wa from "../support/whatsapp-payloads";
import { startGraphStandIn, type GraphRequest, type GraphStandIn } from "../stand-ins/graph-api";

// Issue 15 items 6 and 9 against one app server and the Graph stand-in: click-to-WhatsApp ads as
// the lead's source (shown to agents), and the qualification as a native WhatsApp Flow form — the
// Flow JSON downloaded and created at the stand-in through POST /<waba-id>/flows, the form sent as
// an interactive `flow` message, its nfm_reply fed through the same engine as the chat; replies
// with foreign tokens, another tenant's token and repeated deliveries change nothing.

let graph: GraphStandIn;
let app: Awaited<ReturnType<typeof startAppServer>>;
let tenant: FixtureTenant;
let other: FixtureTenant;
let admin: Client;
let otherAdmin: Client;
let phoneNumberId: string;
let otherPhoneNumberId: string;

const WABA = "102290129340398";
const OTHER_WABA = "102290129340399";

const q = async <T = Record<string, any>>(sql: string, params: unknown[]) => (await owner().query(sql, params)).rows as T[];
const newPhone = () => `55119${randomInt(10_000_000, 99_999_999)}`;
const post = (body: unknown) => {
  const raw = JSON.stringify(body);
  return request(app.port, app.rootDomain, "POST", "/api/whatsapp", { headers: { "content-type": "application/json", "x-hub-signature-256": signMetaBody(raw, TEST_KEYS.waAppSecret) }, body: raw });
};
const toPhone = (phone: string) => (r: GraphRequest) => r.method === "POST" && /\/messages$/.test(r.path) && (r.body as { to?: string }).to === phone;
const sentTo = (phone: string) => graph.requests.filter(toPhone(phone));
const flowMessageTo = (phone: string) => graph.waitFor((r) => toPhone(phone)(r) && (r.body as { interactive?: { type?: string } }).interactive?.type === "flow");
const inboxOf = async (tenantId: string) => (await q<{ id: string }>("select id from inboxes where tenant_id = $1 and channel = 'whatsapp'", [tenantId]))[0]!.id;
const leadOf = async (tenantId: string, phone: string) => (await q("select * from leads where tenant_id = $1 and wa_id = $2", [tenantId, phone]))[0]!;
const conversationOf = async (leadId: string) => (await q("select * from conversations where lead_id = $1 order by created_at desc limit 1", [leadId]))[0]!;
const nfmReply = (phone: string, response: Record<string, unknown>, id = wa.wamid()) =>
  wa.webhook(wa.senderChange(phoneNumberId, { phone }, [wa.from({ phone }, "interactive", { interactive: { type: "nfm_reply", nfm_reply: { name: "flow", body: "Sent", response_json: JSON.stringify(response) } } }, id)]));

/** A number connected by Embedded Signup in `waba`; its phone_number_id. */
async function signedUpIn(c: Client, waba: string) {
  const r = await connectWhatsAppNumber(c, graph.baseUrl, { wabaId: waba });
  expect(r.error).toBeNull();
  return r.data!.inbox.waPhoneNumberId;
}

/** What a tenant does at Meta: downloads the Flow JSON from the inbox settings, creates and publishes the Flow, saves its id. */
async function setUpFlowForm(c: Client, tenantId: string, waba: string) {
  const file = await c.trpc<{ json: unknown; filename: string; questions: number }>("query", "whatsapp.flowFormJson", { inboxId: await inboxOf(tenantId) });
  expect(file.error ?? null).toBeNull();
  const res = await fetch(`${graph.baseUrl}/v23.0/${waba}/flows`, {
    method: "POST",
    headers: { authorization: `Bearer ${TEST_KEYS.waAccessToken}`, "content-type": "application/json" },
    body: JSON.stringify({ name: "Qualificação", categories: ["LEAD_GENERATION"], flow_json: JSON.stringify(file.data!.json), publish: true }),
  });
  const created = (await res.json()) as { id: string; validation_errors: unknown[] };
  expect(created.validation_errors).toEqual([]);
  // The signup already named the WABA: saving it again asks Meta nothing.
  const saved = await c.trpc("mutation", "inboxes.update", {
    inboxId: await inboxOf(tenantId),
    name: "WhatsApp",
    isActive: true,
    settings: { allowedOrigins: [], schedulingUrl: "", templates: {}, waBusinessAccountId: waba, flowForm: { enabled: true, flowId: created.id, cta: "Responder" } },
  });
  expect(saved.error ?? null).toBeNull();
  return created.id;
}

let flowId: string;

/** Retries an assertion until it holds (work the app finishes after answering Meta), then returns its value. */
async function settle<T>(check: () => Promise<T> | T, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

beforeAll(async () => {
  graph = await startGraphStandIn({ accessToken: TEST_KEYS.waAccessToken });
  app = await startAppServer({ WHATSAPP_GRAPH_BASE_URL: graph.baseUrl });
  tenant = await createTenant();
  other = await createTenant();
  admin = new Client(app.port, `${tenant.slug}.${app.rootDomain}`);
  expect(await admin.login(tenant.users.admin.email, tenant.users.admin.password)).toBeNull();
  otherAdmin = new Client(app.port, `${other.slug}.${app.rootDomain}`);
  expect(await otherAdmin.login(other.users.admin.email, other.users.admin.password)).toBeNull();
  // Each number is connected by signup in the WABA its Flow is made in (the business token sees that WABA only).
  phoneNumberId = await signedUpIn(admin, WABA);
  otherPhoneNumberId = await signedUpIn(otherAdmin, OTHER_WABA);
});
afterAll(async () => {
  await app?.stop();
  await graph?.close();
  await closeOwner();
});

describe("click-to-WhatsApp ads as the lead's source", () => {
  const referral = { source_url: "https://fb.me/2ZAbCd", source_id: "120210000000777", source_type: "ad", headline: "Consultoria grátis", body: "Fale com um especialista", media_type: "image", ctwa_clid: "ARAkLkA8clid" };

  it("a lead whose first message comes from an ad has source whatsapp_ad; agents see the ad in the conversation and on the lead page", async () => {
    const phone = newPhone();
    expect((await post(wa.webhook(wa.senderChange(phoneNumberId, { phone }, [wa.from({ phone }, "text", { text: { body: "vi o anúncio" }, referral })])))).status).toBe(200);
    const lead = await leadOf(tenant.id, phone);
    expect(lead.source).toBe("whatsapp_ad");
    expect(lead.source_details.campaign).toMatchObject({ sourceId: "120210000000777", headline: "Consultoria grátis" });
    const conv = await conversationOf(lead.id);
    const detail = await admin.trpc<{ conversation: { campaign: unknown } }>("query", "conversations.get", { conversationId: conv.id });
    expect(detail.data!.conversation.campaign).toEqual({ sourceId: "120210000000777", sourceType: "ad", headline: "Consultoria grátis", body: "Fale com um especialista", sourceUrl: "https://fb.me/2ZAbCd", ctwaClid: "ARAkLkA8clid" });
    const record = await admin.trpc<{ source: string; campaign: { sourceId: string } }>("query", "crmLists.lead", { id: lead.id });
    expect([record.data!.source, record.data!.campaign.sourceId]).toEqual(["whatsapp_ad", "120210000000777"]);
    // The other tenant cannot read it by id.
    expect((await otherAdmin.trpc("query", "crmLists.lead", { id: lead.id })).error?.data.code).toBe("NOT_FOUND");
  });

  it("a lead who wrote before clicking an ad keeps source whatsapp (first touch); the ad still becomes its campaign", async () => {
    const phone = newPhone();
    await post(wa.webhook(wa.senderChange(phoneNumberId, { phone }, [wa.textFrom({ phone }, "oi")])));
    await post(wa.webhook(wa.senderChange(phoneNumberId, { phone }, [wa.from({ phone }, "text", { text: { body: "vi o anúncio" }, referral })])));
    const lead = await leadOf(tenant.id, phone);
    expect(lead.source).toBe("whatsapp");
    expect(lead.source_details.campaign).toMatchObject({ sourceId: "120210000000777" });
  });
});

describe("the qualification as a WhatsApp Flow form", () => {
  beforeAll(async () => {
    flowId = await setUpFlowForm(admin, tenant.id, WABA);
  });

  it("the Flow JSON is the tenant's own: refused for another tenant's inbox and for non-WhatsApp inboxes", async () => {
    expect((await otherAdmin.trpc("query", "whatsapp.flowFormJson", { inboxId: await inboxOf(tenant.id) })).error?.data.code).toBe("NOT_FOUND");
    const web = await admin.trpc<{ id: string }>("mutation", "inboxes.create", { channel: "web", name: "Site", settings: { allowedOrigins: [], schedulingUrl: "", templates: {} } });
    const webId = (await q<{ id: string }>("select id from inboxes where tenant_id = $1 and channel = 'web' order by created_at desc limit 1", [tenant.id]))[0]!.id;
    expect(web.error ?? null).toBeNull();
    expect((await admin.trpc("query", "whatsapp.flowFormJson", { inboxId: webId })).error?.data.code).toBe("BAD_REQUEST");
    // Settings refuse a Flow id that is not Meta's (digits) and a button past 20 characters.
    const bad = await admin.trpc("mutation", "inboxes.update", { inboxId: await inboxOf(tenant.id), name: "WhatsApp", isActive: true, settings: { allowedOrigins: [], schedulingUrl: "", templates: {}, flowForm: { enabled: true, flowId: "abc", cta: "x".repeat(21) } } });
    expect(bad.error?.data.code).toBe("BAD_REQUEST");
  });

  it("a new lead gets the questions as one interactive flow message in Meta's wire format, with the published options and a signed token", async () => {
    const phone = newPhone();
    await post(wa.webhook(wa.senderChange(phoneNumberId, { phone }, [wa.textFrom({ phone }, "oi")])));
    const msg = (await flowMessageTo(phone)).body as { type: string; interactive: Record<string, any> };
    const conv = await conversationOf((await leadOf(tenant.id, phone)).id);
    expect(msg.type).toBe("interactive");
    expect(msg.interactive.type).toBe("flow");
    expect(msg.interactive.body.text).toContain("Olá! Para começarmos, qual é o seu nome?");
    expect(msg.interactive.action.name).toBe("flow");
    const p = msg.interactive.action.parameters;
    expect(p).toMatchObject({ flow_message_version: "3", flow_id: flowId, flow_cta: "Responder", flow_action: "navigate" });
    expect(p.flow_token).toMatch(new RegExp(`^vf1\\.${conv.id}\\.[A-Za-z0-9_-]{43}$`));
    expect(p.flow_action_payload.screen).toBe("QUALIFICACAO");
    expect(p.flow_action_payload.data.q_2_options).toEqual([
      { id: "lt_1k", title: "< R$ 1 mil" },
      { id: "1k_5k", title: "R$ 1-5 mil" },
      { id: "5k_10k", title: "R$ 5-10 mil" },
      { id: "gt_10k", title: "> R$ 10 mil" },
    ]);
    // The stand-in accepted it (a published Flow, a declared screen and data): the message was sent.
    await settle(async () => expect((await q("select delivery_status from messages where conversation_id = $1 and sender = 'bot'", [conv.id]))[0]?.delivery_status).toBe("sent"));
  });

  it("the form's answers qualify the lead exactly as the same answers in the chat do; a repeated delivery changes nothing", async () => {
    const answers = { name: "Ana Souza", email: "ana@empresa.com.br", budget: "gt_10k", authority: "decision_maker", need: "Melhorar a conversão de vendas", timeline: "immediately" };
    // Through the form.
    const formPhone = newPhone();
    await post(wa.webhook(wa.senderChange(phoneNumberId, { phone: formPhone }, [wa.textFrom({ phone: formPhone }, "oi")])));
    const token = ((await flowMessageTo(formPhone)).body as { interactive: { action: { parameters: { flow_token: string } } } }).interactive.action.parameters.flow_token;
    const reply = nfmReply(formPhone, { ...answers, flow_token: token });
    expect((await post(reply)).status).toBe(200);
    const formLead = await settle(async () => {
      const l = await leadOf(tenant.id, formPhone);
      expect(l.stage).toBe("qualified");
      return l;
    });
    // Through the chat, one answer per message, each after the bot's question.
    const chatPhone = newPhone();
    const chat = [wa.textFrom({ phone: chatPhone }, "oi"), wa.textFrom({ phone: chatPhone }, answers.name), wa.textFrom({ phone: chatPhone }, answers.email), wa.buttonReply(chatPhone, answers.budget, "> R$ 10 mil"), wa.buttonReply(chatPhone, answers.authority, "Sim, sou o decisor"), wa.textFrom({ phone: chatPhone }, answers.need), wa.buttonReply(chatPhone, answers.timeline, "Imediatamente")];
    for (const [i, m] of chat.entries()) {
      await post(wa.webhook(wa.senderChange(phoneNumberId, { phone: chatPhone }, [m])));
      await settle(() => expect(sentTo(chatPhone).length).toBeGreaterThan(i));
    }
    const chatLead = await settle(async () => {
      const l = await leadOf(tenant.id, chatPhone);
      expect(l.stage).toBe("qualified");
      return l;
    });
    expect([formLead.bant_score, formLead.name, formLead.email]).toEqual([125, "Ana Souza", "ana@empresa.com.br"]);
    expect(formLead.bant_score).toBe(chatLead.bant_score);
    expect(formLead.bant_data).toEqual(chatLead.bant_data);
    const formConv = await conversationOf(formLead.id);
    const chatConv = await conversationOf(chatLead.id);
    const comparable = (s: Record<string, any>) => ({ answers: s.answers, score: s.score, path: s.path, status: s.status, revision: s.revision });
    expect(comparable(formConv.bot_state)).toEqual(comparable(chatConv.bot_state));
    expect([formConv.status, formConv.handoff_reason]).toEqual([chatConv.status, chatConv.handoff_reason]);
    // Events of one transaction share its now(): ties are ordered by kind, so the lists compare.
    const events = async (id: string) => (await q<{ kind: string }>("select kind from conversation_events where conversation_id = $1 and kind in ('qualified', 'not_qualified', 'handoff') order by created_at, kind", [id])).map((e) => e.kind);
    expect(await events(formConv.id)).toEqual(await events(chatConv.id));
    // The form's reply is the lead's message, with its answers.
    const stored = (await q("select content_type, payload from messages where conversation_id = $1 and sender = 'lead' order by seq", [formConv.id])).at(-1)!;
    expect(stored.content_type).toBe("flow_reply");
    expect(stored.payload.flow.response).toMatchObject({ budget: "gt_10k" });

    // Meta delivers the same reply again: nothing moves, nothing is sent.
    const before = { sent: sentTo(formPhone).length, state: formConv.bot_state, messages: (await q("select count(*)::int as n from messages where conversation_id = $1", [formConv.id]))[0]!.n };
    expect((await post(reply)).status).toBe(200);
    await new Promise((r) => setTimeout(r, 300));
    expect(sentTo(formPhone).length).toBe(before.sent);
    expect((await conversationOf(formLead.id)).bot_state).toEqual(before.state);
    expect((await q("select count(*)::int as n from messages where conversation_id = $1", [formConv.id]))[0]!.n).toBe(before.messages);
  });

  it("a reply with an unknown token, another conversation's token or another tenant's token is stored but answers nothing", async () => {
    // Tenant B runs its own form; its lead's token is a real one, signed for B.
    await setUpFlowForm(otherAdmin, other.id, OTHER_WABA);
    const bPhone = newPhone();
    await post(wa.webhook(wa.senderChange(otherPhoneNumberId, { phone: bPhone }, [wa.textFrom({ phone: bPhone }, "oi")])));
    const bToken = ((await flowMessageTo(bPhone)).body as { interactive: { action: { parameters: { flow_token: string } } } }).interactive.action.parameters.flow_token;
    const bConv = await conversationOf((await leadOf(other.id, bPhone)).id);

    // A lead of tenant A with a form of its own waiting.
    const phone = newPhone();
    await post(wa.webhook(wa.senderChange(phoneNumberId, { phone }, [wa.textFrom({ phone }, "oi")])));
    const ownToken = ((await flowMessageTo(phone)).body as { interactive: { action: { parameters: { flow_token: string } } } }).interactive.action.parameters.flow_token;
    const lead = await leadOf(tenant.id, phone);
    const conv = await conversationOf(lead.id);
    // Another conversation's token: a lead of tenant A that is not this one.
    const neighbour = newPhone();
    await post(wa.webhook(wa.senderChange(phoneNumberId, { phone: neighbour }, [wa.textFrom({ phone: neighbour }, "oi")])));
    const neighbourToken = ((await flowMessageTo(neighbour)).body as { interactive: { action: { parameters: { flow_token: string } } } }).interactive.action.parameters.flow_token;
    expect(neighbourToken).not.toBe(ownToken);

    const sentBefore = sentTo(phone).length;
    const answers = { name: "Intrusa", budget: "gt_10k", authority: "decision_maker", timeline: "immediately" };
    for (const token of ["flows-builder-7f3a", bToken, neighbourToken, `${ownToken.slice(0, -2)}xx`]) {
      expect((await post(nfmReply(phone, { ...answers, flow_token: token }))).status).toBe(200);
    }
    await settle(async () => expect((await q<{ n: number }>("select count(*)::int as n from messages where conversation_id = $1 and content_type = 'flow_reply'", [conv.id]))[0]!.n).toBe(4));
    await settle(async () => expect((await q<{ n: number }>("select count(*)::int as n from inbound_events where conversation_id = $1 and status = 'pending'", [conv.id]))[0]!.n).toBe(0));
    const after = await conversationOf(lead.id);
    expect(after.bot_state).toEqual(conv.bot_state);
    expect(sentTo(phone).length).toBe(sentBefore);
    expect((await leadOf(tenant.id, phone)).name).toBeNull();
    // Tenant B's conversation is untouched by its token being replayed in tenant A.
    expect((await conversationOf(bConv.lead_id)).bot_state).toEqual(bConv.bot_state);

    // Its own token still works afterwards.
    await post(nfmReply(phone, { ...answers, email: "", need: "vendas", flow_token: ownToken }));
    await settle(async () => expect((await leadOf(tenant.id, phone)).stage).toBe("qualified"));
  });
});
