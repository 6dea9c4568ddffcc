import { randomInt } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signMetaBody } from "@vendaflow/connectors/whatsapp/verify-signature";
import { TEST_KEYS } from "../support/app-env";
import { startAppServer } from "../support/app-server";
import { closeOwner, createTenant, createWhatsAppInbox, type FixtureTenant, owner } from "../support/fixtures";
import { Client, request } from "../support/http";
import * as wa from "../support/whatsapp-payloads";
import { startGraphStandIn, type GraphRequest, type GraphStandIn } from "../stand-ins/graph-api";
import { eventually } from "../support/eventually";

// WhatsApp as Meta runs it in 2026 (issue 15), against one app server and the Graph stand-in:
// business-scoped ids and usernames, merges, system messages, edits and revokes, coexistence
// echoes and history, ad referrals, and the real-world payload corpus replayed end to end.

let graph: GraphStandIn;
let app: Awaited<ReturnType<typeof startAppServer>>;
let tenant: FixtureTenant;
let other: FixtureTenant;
let phoneNumberId: string;
let otherPhoneNumberId: string;

async function whatsappInbox(t: FixtureTenant) {
  const admin = new Client(app.port, `${t.slug}.${app.rootDomain}`);
  expect(await admin.login(t.users.admin.email, t.users.admin.password)).toBeNull();
  return createWhatsAppInbox(admin, graph.baseUrl);
}

beforeAll(async () => {
  graph = await startGraphStandIn({ accessToken: TEST_KEYS.waAccessToken });
  app = await startAppServer({ WHATSAPP_GRAPH_BASE_URL: graph.baseUrl });
  tenant = await createTenant();
  other = await createTenant();
  phoneNumberId = await whatsappInbox(tenant);
  otherPhoneNumberId = await whatsappInbox(other);
});
afterAll(async () => {
  await app?.stop();
  await graph?.close();
  await closeOwner();
});

const newPhone = () => `55119${randomInt(10_000_000, 99_999_999)}`;

async function postRaw(raw: string) {
  return request(app.port, app.rootDomain, "POST", "/api/whatsapp", { headers: { "content-type": "application/json", "x-hub-signature-256": signMetaBody(raw, TEST_KEYS.waAppSecret) }, body: raw });
}
const post = (body: unknown) => postRaw(JSON.stringify(body));

const q = async <T = Record<string, any>>(sql: string, params: unknown[]) => (await owner().query(sql, params)).rows as T[];
/** Every request that matches, refused or not: for "nothing more was sent" (replies are awaited with graph.waitForSent, accepted ones only). */
const triedTo = (match: (r: GraphRequest) => boolean) => graph.requests.filter(match);
const leadsOf = (tenantId: string, where: string, params: unknown[]) => q(`select * from leads where tenant_id = $1 and (${where}) order by created_at`, [tenantId, ...params]);
const messagesOf = (leadId: string) =>
  q("select m.* from messages m join conversations c on c.id = m.conversation_id where c.lead_id = $1 order by m.seq", [leadId]);

describe("business-scoped user ids and usernames", () => {
  it("a username user without a phone becomes a lead reachable by BSUID: the bot answers with `recipient`", async () => {
    const s: wa.Sender = { userId: wa.bsuid(), username: "ana.compras", name: "Ana" };
    expect((await post(wa.webhook(wa.senderChange(phoneNumberId, s, [wa.textFrom(s, "Oi, quero saber dos planos")])))).status).toBe(200);
    const [lead] = await leadsOf(tenant.id, "wa_user_id = $2", [s.userId]);
    expect(lead).toMatchObject({ wa_id: null, phone: null, wa_username: "ana.compras", name: "Ana", source: "whatsapp" });
    const replies = await graph.waitForSent((r) => (r.body as { recipient?: string }).recipient === s.userId);
    expect(replies[0]!.body).toMatchObject({ messaging_product: "whatsapp", recipient: s.userId, type: "text" });
    expect(replies[0]!.body).not.toHaveProperty("to");
  });

  it("a BSUID-only lead who later reveals the number is one lead, then reached by phone", async () => {
    const userId = wa.bsuid();
    const phone = newPhone();
    await post(wa.webhook(wa.senderChange(phoneNumberId, { userId }, [wa.textFrom({ userId }, "oi")])));
    await post(wa.webhook(wa.senderChange(phoneNumberId, { userId, phone }, [wa.textFrom({ userId, phone }, "meu número é este")])));
    const leads = await leadsOf(tenant.id, "wa_user_id = $2 or wa_id = $3", [userId, phone]);
    expect(leads).toHaveLength(1);
    expect(leads[0]).toMatchObject({ wa_user_id: userId, wa_id: phone, phone: `+${phone}` });
    await graph.waitForSent((r) => (r.body as { to?: string }).to === phone);
  });

  it("a legacy phone-only lead and a BSUID-only lead of the same person merge when both keys arrive together", async () => {
    const phone = newPhone();
    const userId = wa.bsuid();
    await post(wa.webhook(wa.senderChange(phoneNumberId, { phone, name: "Caio Prado" }, [wa.textFrom({ phone }, "oi, sou cliente antigo")])));
    await post(wa.webhook(wa.senderChange(phoneNumberId, { userId, username: "caio" }, [wa.textFrom({ userId }, "agora com username")])));
    const before = await leadsOf(tenant.id, "wa_user_id = $2 or wa_id = $3", [userId, phone]);
    expect(before).toHaveLength(2);
    await post(wa.webhook(wa.senderChange(phoneNumberId, { userId, phone }, [wa.textFrom({ userId, phone }, "os dois juntos")])));
    const leads = await leadsOf(tenant.id, "wa_user_id = $2 or wa_id = $3", [userId, phone]);
    expect(leads).toHaveLength(1);
    // The older (phone) lead stays and takes the BSUID, the username and the other's conversation.
    // (Its name is not compared: the bot answered "agora com username" before the merge, asking the
    // nameless BSUID lead's name, and "os dois juntos" answers that question.)
    expect(leads[0]).toMatchObject({ id: before.find((l) => l.wa_id === phone)!.id, wa_id: phone, wa_user_id: userId, wa_username: "caio" });
    const convs = await q("select id from conversations where lead_id = $1", [leads[0]!.id]);
    expect(convs).toHaveLength(2);
    const merged = await q("select data from conversation_events where kind = 'lead_merged' and conversation_id = any($1)", [convs.map((c) => c.id)]);
    expect(merged).toHaveLength(1);
    expect(merged[0]!.data).toMatchObject({ waUserId: userId });
    expect((await messagesOf(leads[0]!.id)).filter((m) => m.sender === "lead").map((m) => m.text)).toEqual(["oi, sou cliente antigo", "agora com username", "os dois juntos"]);
  });

  it("keys are per tenant: the same BSUID in another tenant's inbox is another lead", async () => {
    const userId = wa.bsuid();
    await post(wa.webhook(wa.senderChange(phoneNumberId, { userId }, [wa.textFrom({ userId }, "a")])));
    await post(wa.webhook(wa.senderChange(otherPhoneNumberId, { userId }, [wa.textFrom({ userId }, "b")])));
    const rows = await q("select tenant_id from leads where wa_user_id = $1 order by tenant_id", [userId]);
    expect(rows.map((r) => r.tenant_id).sort()).toEqual([tenant.id, other.id].sort());
  });

  it("user_changed_number moves the lead to the new number and notes it in the conversation", async () => {
    const old = newPhone();
    const next = newPhone();
    const userId = wa.bsuid();
    const nextUserId = wa.bsuid();
    await post(wa.webhook(wa.senderChange(phoneNumberId, { phone: old, userId }, [wa.textFrom({ phone: old, userId }, "oi")])));
    const system = wa.from({ phone: old, userId }, "system", { system: { body: `User changed from ${old} to ${next}`, wa_id: next, user_id: nextUserId, type: "user_changed_number" } });
    expect((await post(wa.webhook(wa.messageChange(phoneNumberId, [system])))).status).toBe(200);
    const [lead] = await leadsOf(tenant.id, "wa_id = $2", [next]);
    expect(lead).toMatchObject({ wa_id: next, phone: `+${next}`, wa_user_id: nextUserId });
    expect(await leadsOf(tenant.id, "wa_id = $2", [old])).toHaveLength(0);
    const notes = (await messagesOf(lead!.id)).filter((m) => m.sender === "system");
    expect(notes.map((m) => m.text)).toEqual([`O contato trocou de número: +${old} → +${next}`]);
  });
});

describe("edits, revokes and ad referrals", () => {
  it("an edit updates the stored text and keeps its history; a revoke deletes it; neither reaches the bot", async () => {
    const phone = newPhone();
    const original = wa.textFrom({ phone }, "quero 10 unidades");
    await post(wa.webhook(wa.senderChange(phoneNumberId, { phone, name: "Edu" }, [original])));
    await graph.waitForSent((r) => (r.body as { to?: string }).to === phone);
    const botRepliesBefore = triedTo((r) => (r.body as { to?: string }).to === phone).length;

    const edit = wa.from({ phone }, "edit", { edit: { original_message_id: original.id, message: { type: "text", text: { body: "quero 12 unidades" } } } });
    expect((await post(wa.webhook(wa.messageChange(phoneNumberId, [edit])))).status).toBe(200);
    await post(wa.webhook(wa.messageChange(phoneNumberId, [edit]))); // redelivered: nothing more
    const [lead] = await leadsOf(tenant.id, "wa_id = $2", [phone]);
    let msgs = (await messagesOf(lead!.id)).filter((m) => m.sender === "lead");
    expect(msgs).toHaveLength(1);
    expect(msgs[0]).toMatchObject({ text: "quero 12 unidades", provider_message_id: original.id });
    expect(msgs[0]!.edited_at).not.toBeNull();
    expect(msgs[0]!.payload.edits).toEqual([{ text: "quero 10 unidades", replacedAt: expect.any(String) }]);

    const revoke = wa.from({ phone }, "revoke", { revoke: { original_message_id: original.id } });
    await post(wa.webhook(wa.messageChange(phoneNumberId, [revoke])));
    msgs = (await messagesOf(lead!.id)).filter((m) => m.sender === "lead");
    expect(msgs).toHaveLength(1);
    expect(msgs[0]).toMatchObject({ text: null });
    expect(msgs[0]!.deleted_at).not.toBeNull();
    expect(msgs[0]!.payload).not.toHaveProperty("edits");
    await new Promise((r) => setTimeout(r, 300));
    expect(triedTo((r) => (r.body as { to?: string }).to === phone)).toHaveLength(botRepliesBefore);
    const pending = await q("select count(*)::int as n from inbound_events where tenant_id = $1 and provider_event_id = any($2) and status = 'pending'", [tenant.id, [edit.id, revoke.id]]);
    expect(pending[0]!.n).toBe(0);
  });

  it("a click-to-WhatsApp ad becomes the lead's campaign (first touch) and stays on the message", async () => {
    const phone = newPhone();
    const referral = { source_url: "https://fb.me/ad", source_id: "120210000000001", source_type: "ad", headline: "Plano anual com 20% off", body: "Fale conosco", media_type: "image", image_url: "https://x/img.jpg", ctwa_clid: "ARAkLkA8" };
    await post(wa.webhook(wa.senderChange(phoneNumberId, { phone }, [wa.from({ phone }, "text", { text: { body: "vi o anúncio" }, referral })])));
    await post(wa.webhook(wa.senderChange(phoneNumberId, { phone }, [wa.from({ phone }, "text", { text: { body: "outro anúncio" }, referral: { ...referral, source_id: "999", headline: "Outro" } })])));
    const [lead] = await leadsOf(tenant.id, "wa_id = $2", [phone]);
    expect(lead!.source_details.campaign).toEqual({ sourceUrl: "https://fb.me/ad", sourceId: "120210000000001", sourceType: "ad", headline: "Plano anual com 20% off", body: "Fale conosco", mediaType: "image", ctwaClid: "ARAkLkA8" });
    const msgs = (await messagesOf(lead!.id)).filter((m) => m.sender === "lead");
    expect(msgs[1]!.payload.referral).toMatchObject({ sourceId: "999" });
  });

  it("contacts cards, orders and Flow replies are stored with their content", async () => {
    const phone = newPhone();
    const s = { phone };
    await post(
      wa.webhook(
        wa.senderChange(phoneNumberId, s, [
          wa.from(s, "contacts", { contacts: [{ name: { formatted_name: "Marta Reis" }, phones: [{ phone: "+55 11 97777-0000", wa_id: "5511977770000", type: "CELL" }], emails: [{ email: "marta@empresa.com.br", type: "WORK" }], org: { company: "Empresa" } }] }),
          wa.from(s, "order", { order: { catalog_id: "354160437058781", text: "", product_items: [{ product_retailer_id: "PLANO_PRO", quantity: 2, item_price: 199.9, currency: "BRL" }] } }),
          wa.from(s, "interactive", { interactive: { type: "nfm_reply", nfm_reply: { response_json: '{"flow_token":"x","budget":"5k_10k"}', body: "Sent", name: "flow" } } }),
        ]),
      ),
    );
    const [lead] = await leadsOf(tenant.id, "wa_id = $2", [phone]);
    const msgs = (await messagesOf(lead!.id)).filter((m) => m.sender === "lead");
    expect(msgs.map((m) => m.content_type)).toEqual(["contacts", "order", "flow_reply"]);
    expect(msgs[0]!.payload.contacts[0]).toMatchObject({ name: "Marta Reis", emails: [{ email: "marta@empresa.com.br", type: "WORK" }], company: "Empresa" });
    expect(msgs[1]).toMatchObject({ text: "2× PLANO_PRO (R$\u00a0199,90)", payload: { order: { total: 399.8, currency: "BRL" } } });
    expect(msgs[2]!.payload.flow).toEqual({ response: { budget: "5k_10k" }, flowToken: "x" });
  });
});

describe("coexistence with the WhatsApp Business app", () => {
  it("an echo is an agent message: it never reaches the bot, never opens the window, and hands a bot conversation to people", async () => {
    const phone = newPhone();
    await post(wa.webhook(wa.senderChange(phoneNumberId, { phone }, [wa.textFrom({ phone }, "oi")])));
    await graph.waitForSent((r) => (r.body as { to?: string }).to === phone);
    const [lead] = await leadsOf(tenant.id, "wa_id = $2", [phone]);
    const before = (await q("select last_inbound_at from conversations where lead_id = $1", [lead!.id]))[0]!.last_inbound_at as Date;
    const repliesBefore = triedTo((r) => (r.body as { to?: string }).to === phone).length;

    expect((await post(wa.webhook(wa.echoChange(phoneNumberId, { phone }, "Oi! Aqui é a Marta, pelo celular")))).status).toBe(200);
    const msgs = await messagesOf(lead!.id);
    expect(msgs.at(-1)).toMatchObject({ sender: "agent", sender_user_id: null, text: "Oi! Aqui é a Marta, pelo celular", delivery_status: "sent", payload: { source: "business_app" } });
    const conv = (await q("select status, handoff_reason, last_inbound_at from conversations where lead_id = $1", [lead!.id]))[0]!;
    expect(conv).toMatchObject({ status: "open", handoff_reason: "business_app" });
    expect((conv.last_inbound_at as Date).getTime()).toBe(before.getTime());
    await new Promise((r) => setTimeout(r, 300));
    expect(triedTo((r) => (r.body as { to?: string }).to === phone)).toHaveLength(repliesBefore);
  });

  it("history threads are imported once, in order, into a closed conversation for new contacts", async () => {
    const phone = newPhone();
    const now = Math.floor(Date.now() / 1000);
    const body = wa.webhook(wa.historyChange(phoneNumberId, [{ id: phone, messages: [{ fromMe: false, body: "Vocês entregam em Campinas?", at: now - 7200 }, { fromMe: true, body: "Entregamos sim!", at: now - 7100 }, { fromMe: false, body: "Ótimo!", at: now - 7000 }] }]));
    expect((await post(body)).status).toBe(200);
    expect((await post(body)).status).toBe(200);
    const [lead] = await leadsOf(tenant.id, "wa_id = $2", [phone]);
    const msgs = await messagesOf(lead!.id);
    expect(msgs.map((m) => [m.sender, m.text])).toEqual([
      ["lead", "Vocês entregam em Campinas?"],
      ["agent", "Entregamos sim!"],
      ["lead", "Ótimo!"],
    ]);
    const [conv] = await q("select status, last_inbound_at from conversations where lead_id = $1", [lead!.id]);
    expect(conv!.status).toBe("resolved");
    expect((conv!.last_inbound_at as Date).getTime()).toBe((now - 7000) * 1000);
    // The lead score's engagement counts the imported messages: two of the lead's, one answering the business.
    expect((await q("select engaged_messages, engaged_replies from leads where id = $1", [lead!.id]))[0]).toEqual({ engaged_messages: 2, engaged_replies: 1 });
    await new Promise((r) => setTimeout(r, 200));
    expect(triedTo((r) => (r.body as { to?: string }).to === phone)).toHaveLength(0);
  });
});

describe("read receipts, typing, Meta's rate limits and pricing", () => {
  it("the lead sees its message read and the bot typing before the reply", async () => {
    const phone = newPhone();
    const msg = wa.textFrom({ phone }, "oi, tudo bem?");
    await post(wa.webhook(wa.senderChange(phoneNumberId, { phone, name: "Gil" }, [msg])));
    await graph.waitForSent((r) => (r.body as { to?: string }).to === phone);
    const readIdx = graph.requests.findIndex((r) => (r.body as { message_id?: string }).message_id === msg.id);
    const replyIdx = graph.requests.findIndex((r) => (r.body as { to?: string }).to === phone);
    expect(graph.requests[readIdx]!.body).toEqual({ messaging_product: "whatsapp", status: "read", message_id: msg.id, typing_indicator: { type: "text" } });
    expect(graph.requests[readIdx]!.path).toBe(`/v25.0/${phoneNumberId}/messages`);
    expect(readIdx).toBeLessThan(replyIdx);
  });

  it("a conversation with people (not the bot) gets no typing indicator", async () => {
    const phone = newPhone();
    await post(wa.webhook(wa.senderChange(phoneNumberId, { phone }, [wa.textFrom({ phone }, "oi")])));
    await post(wa.webhook(wa.echoChange(phoneNumberId, { phone }, "Oi, aqui é a Marta")));
    const msg = wa.textFrom({ phone }, "oi Marta");
    await post(wa.webhook(wa.senderChange(phoneNumberId, { phone }, [msg])));
    await new Promise((r) => setTimeout(r, 300));
    expect(graph.reads.filter((r) => (r.body as { message_id?: string }).message_id === msg.id)).toHaveLength(0);
  });

  it("Meta's 130429 and 131056 answers are retried: the bot's reply is still delivered", async () => {
    const phone = newPhone();
    // The next two calls to Meta (the read receipt, best effort, and the reply, or the reply twice) are refused.
    graph.failNext(130429);
    graph.failNext(131056);
    await post(wa.webhook(wa.senderChange(phoneNumberId, { phone, name: "Ivo" }, [wa.textFrom({ phone }, "oi")])));
    const [lead] = await eventually(() => leadsOf(tenant.id, "wa_id = $2", [phone]), (r) => r.length > 0);
    const sent = await eventually(async () => (await messagesOf(lead!.id)).filter((m) => m.sender === "bot"), (m) => m.length > 0 && m.every((x) => x.delivery_status !== null && x.delivery_status !== "pending"), 10_000);
    expect(sent.map((m) => m.delivery_status)).toEqual(sent.map(() => "sent"));
  });

  it("statuses carry Meta's pricing: kept once per outbound message, from the first status that has it", async () => {
    const phone = newPhone();
    await post(wa.webhook(wa.senderChange(phoneNumberId, { phone }, [wa.textFrom({ phone }, "oi")])));
    const [lead] = await eventually(() => leadsOf(tenant.id, "wa_id = $2", [phone]), (r) => r.length > 0);
    const [bot] = await eventually(async () => (await messagesOf(lead!.id)).filter((m) => m.sender === "bot" && m.provider_message_id), (m) => m.length > 0);
    const wamidOut = bot!.provider_message_id as string;
    const status = (s: string, pricing: Record<string, unknown>) => ({ ...wa.status(wamidOut, s as "sent", phone), pricing });
    await post(wa.webhook(wa.statusChange(phoneNumberId, [status("sent", { billable: false, pricing_model: "PMP", category: "service", type: "free_customer_service" })])));
    await post(wa.webhook(wa.statusChange(phoneNumberId, [status("delivered", { billable: true, pricing_model: "PMP", category: "utility" })])));
    const [row] = await q("select delivery_status, wa_pricing_category, wa_billable from messages where id = $1", [bot!.id]);
    expect(row).toEqual({ delivery_status: "delivered", wa_pricing_category: "service", wa_billable: false });
    // Not billable (free customer service): nothing on the WhatsApp cost meters (issue 11).
    expect(await q("select meter from usage_events where tenant_id = $1 and source_id = $2", [tenant.id, `wamid:${wamidOut}`])).toEqual([]);
  });

  it("a billable status records the message on its category's billing meter once (issue 11)", async () => {
    const phone = newPhone();
    await post(wa.webhook(wa.senderChange(phoneNumberId, { phone }, [wa.textFrom({ phone }, "oi")])));
    const [lead] = await eventually(() => leadsOf(tenant.id, "wa_id = $2", [phone]), (r) => r.length > 0);
    const [bot] = await eventually(async () => (await messagesOf(lead!.id)).filter((m) => m.sender === "bot" && m.provider_message_id), (m) => m.length > 0);
    const wamidOut = bot!.provider_message_id as string;
    const status = (s: string) => ({ ...wa.status(wamidOut, s as "sent", phone), pricing: { billable: true, pricing_model: "PMP", category: "utility" } });
    await post(wa.webhook(wa.statusChange(phoneNumberId, [status("sent")])));
    await post(wa.webhook(wa.statusChange(phoneNumberId, [status("delivered")])));
    await post(wa.webhook(wa.statusChange(phoneNumberId, [status("delivered")])));
    expect(await q("select meter, quantity from usage_events where tenant_id = $1 and source_id = $2", [tenant.id, `wamid:${wamidOut}`])).toEqual([{ meter: "whatsapp_utility", quantity: 1 }]);
  });
});

describe("a webhook refuses only a bad signature or a body that is not JSON", () => {
  it("non-JSON → 400 with a pt-BR message; a body of another object → 200 and nothing stored", async () => {
    const res = await postRaw("{not json");
    expect(res.status).toBe(400);
    expect(res.json()).toMatchObject({ message: "O corpo do webhook não é JSON válido." });
    expect((await post({ object: "page", entry: [] })).status).toBe(200);
  });

  it("one bad message in a batch: the others are stored, the bad one recorded with its reason", async () => {
    const phone = newPhone();
    const good1 = wa.textFrom({ phone }, "primeira");
    const bad = { ...wa.textFrom({ phone }, "quebrada"), timestamp: "nunca" };
    const good2 = wa.textFrom({ phone }, "terceira");
    const noSender = { id: wa.wamid(), timestamp: "1775628400", type: "text", text: { body: "?" } };
    expect((await post(wa.webhook(wa.senderChange(phoneNumberId, { phone }, [good1, bad, good2])))).status).toBe(200);
    // Without contacts[] nothing says who sent it.
    expect((await post(wa.webhook(wa.messageChange(phoneNumberId, [good1, noSender])))).status).toBe(200);
    const [lead] = await leadsOf(tenant.id, "wa_id = $2", [phone]);
    expect((await messagesOf(lead!.id)).filter((m) => m.sender === "lead").map((m) => m.text)).toEqual(["primeira", "terceira"]);
    const skipped = await q("select status, error from inbound_events where tenant_id = $1 and kind = 'skipped' and payload->>'id' = any($2)", [tenant.id, [bad.id, noSender.id]]);
    expect(skipped.every((s) => s.status === "ignored")).toBe(true);
    expect(skipped.map((s) => s.error).sort()).toEqual([expect.stringContaining("sem remetente"), expect.stringContaining("timestamp")].sort());
  });

  it("NUL and lone surrogates never reach Postgres; an over-long profile name is cut to the column", async () => {
    const phone = newPhone();
    const raw = JSON.stringify(wa.webhook(wa.senderChange(phoneNumberId, { phone, name: `${"N".repeat(300)}\u0000` }, [wa.textFrom({ phone }, "oi\u0000 tudo")]))).replace("tudo", "\\ud83d tudo");
    expect((await postRaw(raw)).status).toBe(200);
    const [lead] = await leadsOf(tenant.id, "wa_id = $2", [phone]);
    expect(lead!.name).toHaveLength(255);
    expect((await messagesOf(lead!.id))[0]!.text).toBe("oi \uFFFD tudo");
  });

  it("replays every real-world fixture (pywa, Meta's documented shapes): all answered 200, none refused", async () => {
    const dir = join(import.meta.dirname, "../fixtures/whatsapp");
    const bodies: [string, unknown][] = [];
    const load = (name: string, file: string) => {
      const data = JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
      if ("object" in data) bodies.push([name, data]);
      else for (const [k, v] of Object.entries(data)) bodies.push([`${name}/${k}`, v]);
    };
    for (const f of readdirSync(join(dir, "pywa"))) load(`pywa/${f}`, join(dir, "pywa", f));
    load("meta", join(dir, "meta-2026.json"));
    // Route every change to our inbox, as Meta would for our number.
    const routed = (b: unknown) => JSON.stringify(b).replace(/"phone_number_id":"[^"]*"/g, `"phone_number_id":"${phoneNumberId}"`);
    const statuses: [string, number][] = [];
    for (const [name, b] of bodies) statuses.push([name, (await postRaw(routed(b))).status]);
    expect(bodies.length).toBeGreaterThanOrEqual(80);
    expect(statuses.filter(([, s]) => s !== 200)).toEqual([]);
  });
});
