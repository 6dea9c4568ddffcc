import { randomInt } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signMetaBody } from "@vendaflow/connectors/whatsapp/verify-signature";
import { billingPeriod } from "@vendaflow/core/billing/period";
import { senderKeys } from "@vendaflow/core/conversations/sender-locks";
import { TEST_KEYS } from "../support/app-env";
import { startAppServer } from "../support/app-server";
import { closeOwner, connectWhatsAppNumber, createTenant, owner, type FixtureTenant } from "../support/fixtures";
import { Client, request } from "../support/http";
import * as wa from "../support/whatsapp-payloads";
import { defaultNumber, startGraphStandIn, type GraphRequest, type GraphStandIn } from "../stand-ins/graph-api";
import { eventually } from "../support/eventually";

let graph: GraphStandIn;
let app: Awaited<ReturnType<typeof startAppServer>>;
let tenant: FixtureTenant;
let phoneNumberId: string;
let admin: Client;

beforeAll(async () => {
  graph = await startGraphStandIn({ accessToken: TEST_KEYS.waAccessToken });
  app = await startAppServer({ WHATSAPP_GRAPH_BASE_URL: graph.baseUrl });
  tenant = await createTenant();
  admin = new Client(app.port, `${tenant.slug}.${app.rootDomain}`);
  expect(await admin.login(tenant.users.admin.email, tenant.users.admin.password)).toBeNull();
  phoneNumberId = String(randomInt(1e12, 9e12));
  const created = await connectWhatsAppNumber(admin, graph.baseUrl, {
    phoneNumberId,
    settings: { allowedOrigins: [], schedulingUrl: "", templates: { reminder: { name: "lembrete", language: "pt_BR", params: ["{name}"] } } },
  });
  expect(created.error).toBeNull();
});
afterAll(async () => {
  await app?.stop();
  await graph?.close();
  await closeOwner();
});

const newNumber = () => `55119${randomInt(10_000_000, 99_999_999)}`;

async function post(body: unknown, signature?: string | null) {
  const raw = JSON.stringify(body);
  const headers: Record<string, string> = { "content-type": "application/json" };
  const sig = signature === undefined ? signMetaBody(raw, TEST_KEYS.waAppSecret) : signature;
  if (sig) headers["x-hub-signature-256"] = sig;
  return request(app.port, app.rootDomain, "POST", "/api/whatsapp", { headers, body: raw });
}

const to = (n: string) => (r: GraphRequest) => (r.body as { to?: string }).to === n;
const sentTo = (n: string) => graph.requests.filter(to(n));
async function repliesTo(n: string, count: number, timeoutMs = 8000) {
  const deadline = Date.now() + timeoutMs;
  while (sentTo(n).length < count && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  return sentTo(n).map((r) => r.body as Record<string, any>);
}
const countRows = async (sql: string, params: unknown[]) => (await owner().query(sql, params)).rows[0].n as number;
const leadState = (n: string) => owner().query("select l.*, c.status, c.bot_state, c.id as conversation_id from leads l join conversations c on c.lead_id = l.id where l.tenant_id = $1 and l.wa_id = $2", [tenant.id, n]).then((r) => r.rows[0]);

describe("WhatsApp webhook: verification", () => {
  it("GET echoes hub.challenge as plain text for the right verify token, 403 otherwise", async () => {
    const ok = await request(app.port, app.rootDomain, "GET", `/api/whatsapp?hub.mode=subscribe&hub.verify_token=${TEST_KEYS.waVerifyToken}&hub.challenge=1158201444`);
    expect(ok.status).toBe(200);
    expect(ok.text).toBe("1158201444");
    expect(ok.headers["content-type"]).toContain("text/plain");
    const bad = await request(app.port, app.rootDomain, "GET", "/api/whatsapp?hub.mode=subscribe&hub.verify_token=wrong&hub.challenge=1");
    expect(bad.status).toBe(403);
  });

  it("POST with a bad or missing signature → 401 and nothing stored", async () => {
    const n = newNumber();
    const body = wa.webhook(wa.messageChange(phoneNumberId, [wa.text(n, "oi")], [{ wa_id: n, name: "X" }]));
    const before = await countRows("select count(*)::int as n from inbound_events where tenant_id = $1", [tenant.id]);
    expect((await post(body, "sha256=" + "0".repeat(64))).status).toBe(401);
    expect((await post(body, null)).status).toBe(401);
    expect((await post(body, signMetaBody(JSON.stringify(body), "another-secret"))).status).toBe(401);
    expect(await countRows("select count(*)::int as n from inbound_events where tenant_id = $1", [tenant.id])).toBe(before);
    expect(await countRows("select count(*)::int as n from leads where tenant_id = $1 and wa_id = $2", [tenant.id, n])).toBe(0);
  });
});

describe("WhatsApp conversation with the bot", () => {
  it("text → first question; options go out as a list (4) and as reply buttons (3); a duplicate delivery is processed once", async () => {
    const n = newNumber();
    const first = wa.text(n, "Olá, quero saber mais");
    expect((await post(wa.webhook(wa.messageChange(phoneNumberId, [first], [{ wa_id: n, name: "Beatriz Nunes" }])))).status).toBe(200);
    const r1 = await repliesTo(n, 1);
    // The profile name is known, so the bot asks for the email next.
    expect(r1[0]).toMatchObject({ messaging_product: "whatsapp", to: n, type: "text" });
    expect(r1[0]!.text.body).toContain("e-mail");

    // Meta retries: the same wamid again changes nothing.
    expect((await post(wa.webhook(wa.messageChange(phoneNumberId, [first], [{ wa_id: n, name: "Beatriz Nunes" }])))).status).toBe(200);
    await new Promise((r) => setTimeout(r, 400));
    expect(sentTo(n)).toHaveLength(1);
    expect(await countRows("select count(*)::int as n from messages m join leads l on true join conversations c on c.id = m.conversation_id and c.lead_id = l.id where l.wa_id = $1 and m.sender = 'lead'", [n])).toBe(1);

    await post(wa.webhook(wa.messageChange(phoneNumberId, [wa.text(n, "pular")])));
    const r2 = await repliesTo(n, 2);
    expect(r2[1]).toMatchObject({ type: "interactive", interactive: { type: "list" } });
    const rows = r2[1]!.interactive.action.sections[0].rows as { id: string; title: string }[];
    expect(rows.map((r) => r.id)).toEqual(["lt_1k", "1k_5k", "5k_10k", "gt_10k"]);

    await post(wa.webhook(wa.messageChange(phoneNumberId, [wa.listReply(n, "gt_10k", "> R$ 10 mil")])));
    const r3 = await repliesTo(n, 3);
    expect(r3[2]).toMatchObject({ type: "interactive", interactive: { type: "button" } });
    expect(r3[2]!.interactive.action.buttons.map((b: { reply: { id: string } }) => b.reply.id)).toEqual(["decision_maker", "influencer", "researching"]);

    await post(wa.webhook(wa.messageChange(phoneNumberId, [wa.buttonReply(n, "decision_maker", "Sim, sou o decisor")])));
    await post(wa.webhook(wa.messageChange(phoneNumberId, [wa.text(n, "Preciso melhorar a conversão e a qualificação")])));
    await repliesTo(n, 5);
    await post(wa.webhook(wa.messageChange(phoneNumberId, [wa.buttonReply(n, "immediately", "Imediatamente")])));
    await repliesTo(n, 6);
    const lead = await leadState(n);
    expect(lead).toMatchObject({ stage: "qualified", bant_score: 50 + 30 + 30 + 20, status: "pending" });
    expect(lead.name).toBe("Beatriz Nunes");
  });

  it("stores every other message type with its media id and asks for text in bot mode", async () => {
    const n = newNumber();
    await post(wa.webhook(wa.messageChange(phoneNumberId, [wa.text(n, "oi")], [{ wa_id: n, name: "Caio" }])));
    await repliesTo(n, 1);
    const items = [wa.media(n, "audio", { voice: true }), wa.media(n, "image", { caption: "foto" }), wa.media(n, "document", { filename: "proposta.pdf" }), wa.media(n, "sticker"), wa.location(n), wa.reaction(n, "wamid.X"), wa.unsupported(n)];
    for (const m of items) await post(wa.webhook(wa.messageChange(phoneNumberId, [m])));
    const replies = await repliesTo(n, 1 + items.length * 2);
    // Each non-text message gets the "answer by text" notice and the question again.
    expect(replies.filter((r) => r.type === "text" && /texto/i.test(r.text.body)).length).toBe(items.length);
    const stored = (await owner().query("select m.content_type, m.payload from messages m join conversations c on c.id = m.conversation_id join leads l on l.id = c.lead_id where l.wa_id = $1 and m.sender = 'lead' order by m.seq", [n])).rows;
    expect(stored.map((s) => s.content_type)).toEqual(["text", "audio", "image", "document", "sticker", "location", "reaction", "unsupported"]);
    expect(stored[1].payload.media).toMatchObject({ mediaType: "audio", voice: true });
    expect(stored[1].payload.media.mediaId).toMatch(/^media-/);
    expect(stored[3].payload.media.filename).toBe("proposta.pdf");
  });

  it("handles batched entries and changes from several numbers in one delivery", async () => {
    const [a, b, c] = [newNumber(), newNumber(), newNumber()];
    const body = wa.batched(
      [wa.messageChange(phoneNumberId, [wa.text(a, "oi"), wa.text(b, "olá")], [{ wa_id: a, name: "A" }, { wa_id: b, name: "B" }])],
      [wa.messageChange(phoneNumberId, [wa.text(c, "bom dia")], [{ wa_id: c, name: "C" }]), wa.statusChange(phoneNumberId, [wa.status("wamid.unknown", "delivered", c)])],
    );
    expect((await post(body)).status).toBe(200);
    for (const n of [a, b, c]) expect((await repliesTo(n, 1)).length).toBe(1);
  });

  it("applies statuses forward only, deduplicated on (wamid, status); failed keeps Meta's error code", async () => {
    const n = newNumber();
    await post(wa.webhook(wa.messageChange(phoneNumberId, [wa.text(n, "oi")], [{ wa_id: n, name: "Davi" }])));
    await repliesTo(n, 1);
    const { rows } = await eventually(() => owner().query("select m.provider_message_id as id from messages m join conversations c on c.id = m.conversation_id join leads l on l.id = c.lead_id where l.wa_id = $1 and m.sender = 'bot'", [n]), (r) => Boolean(r.rows[0]?.id));
    const id = rows[0].id as string;
    expect(id).toMatch(/^wamid\./);
    const statusOf = async () => (await owner().query("select delivery_status, delivery_error from messages where provider_message_id = $1", [id])).rows[0];
    await post(wa.webhook(wa.statusChange(phoneNumberId, [wa.status(id, "read", n)])));
    await post(wa.webhook(wa.statusChange(phoneNumberId, [wa.status(id, "delivered", n), wa.status(id, "sent", n)])));
    await post(wa.webhook(wa.statusChange(phoneNumberId, [wa.status(id, "read", n)])));
    expect((await statusOf()).delivery_status).toBe("read");
    expect(await countRows("select count(*)::int as n from inbound_events where provider_event_id like $1", [`status:${id}:%`])).toBe(3);

    const n2 = newNumber();
    await post(wa.webhook(wa.messageChange(phoneNumberId, [wa.text(n2, "oi")], [{ wa_id: n2, name: "Eva" }])));
    await repliesTo(n2, 1);
    const id2 = (await eventually(() => owner().query("select m.provider_message_id as id from messages m join conversations c on c.id = m.conversation_id join leads l on l.id = c.lead_id where l.wa_id = $1 and m.sender = 'bot'", [n2]), (r) => Boolean(r.rows[0]?.id))).rows[0].id;
    await post(wa.webhook(wa.statusChange(phoneNumberId, [wa.status(id2, "failed", n2, { code: 131047, title: "Re-engagement message" })])));
    const failed = (await owner().query("select delivery_status, delivery_error from messages where provider_message_id = $1", [id2])).rows[0];
    expect(failed.delivery_status).toBe("failed");
    expect(failed.delivery_error.code).toBe(131047);
  });

  it("two messages of one lead sent concurrently are processed in order, once each", async () => {
    const n = newNumber();
    await post(wa.webhook(wa.messageChange(phoneNumberId, [wa.text(n, "oi")], [{ wa_id: n, name: "Fabio" }])));
    await repliesTo(n, 1);
    const now = Math.floor(Date.now() / 1000);
    const m1 = { ...wa.text(n, "fabio@example.com"), timestamp: String(now) };
    const m2 = { ...wa.text(n, "uns 3 mil por mês"), timestamp: String(now + 1) };
    await Promise.all([post(wa.webhook(wa.messageChange(phoneNumberId, [m1]))), post(wa.webhook(wa.messageChange(phoneNumberId, [m2])))]);
    await repliesTo(n, 3);
    // The state of the third turn, not a fixed pause: a reply may reach the stand-in before its state is read back.
    await expect.poll(async () => (await leadState(n)).bot_state.revision, { timeout: 10_000 }).toBe(3);
    const lead = await leadState(n);
    const answers = lead.bot_state.answers;
    // Arrival order is the persisted seq; the bot must have consumed the messages in exactly that order.
    const order = (await owner().query("select payload->'input'->>'text' as text from inbound_events where conversation_id = $1 order by seq", [lead.conversation_id])).rows.map((r) => r.text);
    expect(order.slice(1).sort()).toEqual(["fabio@example.com", "uns 3 mil por mês"].sort());
    if (order[1] === "fabio@example.com") {
      expect(answers.email.value).toBe("fabio@example.com");
      expect(answers.budget).toMatchObject({ optionId: "1k_5k", score: 30 });
    } else {
      // The budget text arrived first: it was an invalid email and was re-asked; then the email.
      expect(answers.email.value).toBe("fabio@example.com");
      expect(answers.budget).toBeUndefined();
    }
    expect(await countRows("select count(*)::int as n from inbound_events where conversation_id = $1 and status = 'processed'", [lead.conversation_id])).toBe(3);
    expect(await countRows("select count(*)::int as n from inbound_events where conversation_id = $1 and status = 'pending'", [lead.conversation_id])).toBe(0);
    const revision = lead.bot_state.revision;
    expect(revision).toBe(3);
  });

  it("a lead's next message waits for the transaction of the previous one (the sender's lock); other leads do not", async () => {
    const n = newNumber();
    await post(wa.webhook(wa.messageChange(phoneNumberId, [wa.text(n, "oi")], [{ wa_id: n, name: "Helena" }])));
    await repliesTo(n, 1);
    const { conversation_id } = await leadState(n);
    // An earlier message of this sender still in its transaction: the lock it holds until its commit.
    const held = await owner().connect();
    try {
      await held.query("begin");
      await held.query("select pg_advisory_xact_lock(hashtextextended($1, 0))", [senderKeys(tenant.id, { kind: "whatsapp", waId: n })[0]]);
      const waiting = post(wa.webhook(wa.messageChange(phoneNumberId, [wa.text(n, "helena@example.com")])));
      const other = newNumber();
      await post(wa.webhook(wa.messageChange(phoneNumberId, [wa.text(other, "oi")], [{ wa_id: other, name: "Otto" }])));
      expect(await repliesTo(other, 1)).toHaveLength(1);
      expect(await countRows("select count(*)::int as n from inbound_events where conversation_id = $1", [conversation_id])).toBe(1);
      expect(sentTo(n)).toHaveLength(1);
      await held.query("commit");
      expect((await waiting).status).toBe(200);
    } finally {
      held.release();
    }
    await repliesTo(n, 2);
    expect((await leadState(n)).email).toBe("helena@example.com");
  });
});

describe("bot timeouts through signed QStash callbacks", () => {
  const jobUrl = () => `http://${app.rootDomain}/api/jobs/bot-timeout`;
  async function fire(body: unknown, opts: { url?: string; key?: string; signature?: string | null } = {}) {
    const { signQStashRequest } = await import("@vendaflow/connectors/qstash/sign-request");
    const raw = JSON.stringify(body);
    const sig = opts.signature !== undefined ? opts.signature : await signQStashRequest({ url: opts.url ?? jobUrl(), rawBody: raw, signingKey: opts.key ?? TEST_KEYS.qstashCurrent });
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (sig) headers["upstash-signature"] = sig;
    return request(app.port, app.rootDomain, "POST", "/api/jobs/bot-timeout", { headers, body: raw });
  }

  it("schedules a deduplicated job per question; refuses bad signatures and other URLs; stale revisions do nothing; remind → remind → hand off", async () => {
    const n = newNumber();
    await post(wa.webhook(wa.messageChange(phoneNumberId, [wa.text(n, "oi")], [{ wa_id: n, name: "Gabi" }])));
    await repliesTo(n, 1);
    let lead = await leadState(n);
    const job = { tenantId: tenant.id, conversationId: lead.conversation_id, revision: lead.bot_state.revision };
    const scheduled = (await eventually(() => owner().query("select destination, not_before - now() as delay from scheduled_jobs where deduplication_id = $1", [`bot-timeout-${job.conversationId}-${job.revision}`]), (r) => r.rows.length > 0)).rows;
    expect(scheduled).toHaveLength(1);
    expect(scheduled[0].destination).toBe(jobUrl());

    expect((await fire(job, { signature: null })).status).toBe(401);
    expect((await fire(job, { key: "sig_wrong_key_000000000" })).status).toBe(401);
    expect((await fire(job, { url: `http://${app.rootDomain}/api/jobs/inbound-recovery` })).status).toBe(401);
    expect((await fire({ ...job, revision: job.revision - 1 })).json()).toEqual({ outcome: "stale" });
    expect(sentTo(n)).toHaveLength(1);

    expect((await fire(job)).json()).toEqual({ outcome: "reminded" });
    await repliesTo(n, 3);
    lead = await leadState(n);
    expect(lead.bot_state.reminderCount).toBe(1);
    // The same job delivered twice (QStash is at-least-once) is now stale.
    expect((await fire(job)).json()).toEqual({ outcome: "stale" });

    expect((await fire({ ...job, revision: lead.bot_state.revision })).json()).toEqual({ outcome: "reminded" });
    lead = await leadState(n);
    expect((await fire({ ...job, revision: lead.bot_state.revision })).json()).toEqual({ outcome: "reminded" });
    lead = await leadState(n);
    expect(lead.status).toBe("pending");
    const handoff = await owner().query("select data from conversation_events where conversation_id = $1 and kind = 'handoff'", [lead.conversation_id]);
    expect(handoff.rows[0].data).toEqual({ reason: "timeout" });
  });

  it("outside the 24-hour window the reminder goes out as the inbox's approved template", async () => {
    const n = newNumber();
    await post(wa.webhook(wa.messageChange(phoneNumberId, [wa.text(n, "oi")], [{ wa_id: n, name: "Helena" }])));
    await repliesTo(n, 1);
    const lead = await leadState(n);
    await owner().query("update conversations set last_inbound_at = now() - interval '25 hours' where id = $1", [lead.conversation_id]);
    expect((await fire({ tenantId: tenant.id, conversationId: lead.conversation_id, revision: lead.bot_state.revision })).json()).toEqual({ outcome: "reminded" });
    await repliesTo(n, 2);
    await new Promise((r) => setTimeout(r, 300));
    const after = sentTo(n).slice(1).map((r) => r.body as Record<string, any>);
    // One template for the whole reminder, never free-form text outside the window.
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({ type: "template", template: { name: "lembrete", language: { code: "pt_BR" } } });
    expect(JSON.stringify(after[0]!.template.components)).toContain("Helena");
  });
});

describe("an inbox with its own Meta app", () => {
  it("has its own webhook path, verify token and app secret, and accepts only its own number", async () => {
    const admin = new Client(app.port, `${tenant.slug}.${app.rootDomain}`);
    expect(await admin.login(tenant.users.admin.email, tenant.users.admin.password)).toBeNull();
    const ownNumber = String(randomInt(1e12, 9e12));
    graph.addPhoneNumber(ownNumber, defaultNumber(ownNumber), { token: TEST_KEYS.waAccessToken });
    const created = await admin.trpc<{ inbox: { id: string; webhookKey: string }; secrets: { verifyToken: string } }>("mutation", "inboxes.create", {
      channel: "whatsapp", name: "App próprio", phoneNumberId: ownNumber, ownApp: { accessToken: TEST_KEYS.waAccessToken, appSecret: "own-app-secret-123" },
      settings: { allowedOrigins: [], schedulingUrl: "", templates: {} },
    });
    expect(created.error).toBeNull();
    const { webhookKey } = created.data.inbox;
    const path = `/api/whatsapp/${webhookKey}`;
    const verify = await request(app.port, app.rootDomain, "GET", `${path}?hub.mode=subscribe&hub.verify_token=${created.data.secrets.verifyToken}&hub.challenge=42`);
    expect(verify.text).toBe("42");
    expect((await request(app.port, app.rootDomain, "GET", `${path}?hub.mode=subscribe&hub.verify_token=${TEST_KEYS.waVerifyToken}&hub.challenge=42`)).status).toBe(403);

    const n = newNumber();
    const mine = JSON.stringify(wa.webhook(wa.messageChange(ownNumber, [wa.text(n, "oi")], [{ wa_id: n, name: "Ivo" }])));
    // The platform secret is not this inbox's secret.
    expect((await request(app.port, app.rootDomain, "POST", path, { headers: { "content-type": "application/json", "x-hub-signature-256": signMetaBody(mine, TEST_KEYS.waAppSecret) }, body: mine })).status).toBe(401);
    expect((await request(app.port, app.rootDomain, "POST", path, { headers: { "content-type": "application/json", "x-hub-signature-256": signMetaBody(mine, "own-app-secret-123") }, body: mine })).status).toBe(200);
    expect((await repliesTo(n, 1)).length).toBe(1);

    // Another inbox's phone_number_id sent to this path (signed with this app's secret) is not routed.
    const n2 = newNumber();
    const foreign = JSON.stringify(wa.webhook(wa.messageChange(phoneNumberId, [wa.text(n2, "oi")], [{ wa_id: n2, name: "Juca" }])));
    expect((await request(app.port, app.rootDomain, "POST", path, { headers: { "content-type": "application/json", "x-hub-signature-256": signMetaBody(foreign, "own-app-secret-123") }, body: foreign })).status).toBe(200);
    expect(await countRows("select count(*)::int as n from leads where wa_id = $1", [n2])).toBe(0);
  });
});

describe("flow versions and long option lists", () => {
  it("a conversation keeps the flow version it started on; more than 10 options go out as numbered text", async () => {
    const { defaultBantFlow } = await import("@vendaflow/core/bot/default-flow");
    const early = newNumber();
    await post(wa.webhook(wa.messageChange(phoneNumberId, [wa.text(early, "oi")], [{ wa_id: early, name: "Kátia" }])));
    await repliesTo(early, 1);

    // Publish v2 of the default flow: the industry question has 12 options.
    const industries = ["Varejo", "Indústria", "Serviços", "Saúde", "Educação", "Tecnologia", "Agro", "Logística", "Finanças", "Imobiliário", "Turismo", "Outro"];
    const v2 = structuredClone(defaultBantFlow);
    v2.version = 2;
    v2.steps = v2.steps.map((s) => (s.id === "email" ? { ...s, next: "industry" } : s));
    v2.steps.splice(2, 0, { id: "industry", kind: "options", question: "Qual é o seu setor?", options: industries.map((label, i) => ({ id: `ind_${i}`, label, text: label, score: 0 })), next: "budget" });
    // Through the editor's path: publishing is what tells every process's cache of the default flow.
    const list = await admin.trpc<{ flowKey: string; isDefault: boolean }[]>("query", "flows.list");
    const flowKey = list.data.find((f) => f.isDefault)!.flowKey;
    expect((await admin.trpc("mutation", "flows.saveDraft", { flowKey, definition: v2 })).error).toBeNull();
    expect((await admin.trpc("mutation", "flows.publish", { flowKey })).error).toBeNull();

    const late = newNumber();
    await post(wa.webhook(wa.messageChange(phoneNumberId, [wa.text(late, "oi")], [{ wa_id: late, name: "Luan" }])));
    await repliesTo(late, 1);
    await post(wa.webhook(wa.messageChange(phoneNumberId, [wa.text(late, "pular")])));
    const lateReplies = await repliesTo(late, 2);
    expect(lateReplies[1]).toMatchObject({ type: "text" });
    expect(lateReplies[1]!.text.body).toContain("Qual é o seu setor?");
    expect(lateReplies[1]!.text.body).toContain("1. Varejo");
    expect(lateReplies[1]!.text.body).toContain("12. Outro");

    // The conversation started on v1 goes straight to the budget list.
    await post(wa.webhook(wa.messageChange(phoneNumberId, [wa.text(early, "pular")])));
    const earlyReplies = await repliesTo(early, 2);
    expect(earlyReplies[1]).toMatchObject({ type: "interactive", interactive: { type: "list" } });
  });
});

describe("a new lead while the quota stops the bot", () => {
  it("hears the handoff once, sent through the Graph API; the conversation waits for the team; nothing is billed", async () => {
    const o = await createTenant();
    // 10 messages a month + 20% grace, already used up: the ledger the gate seeds its counter from.
    const plan = (
      await owner().query(
        `insert into plans (code, name, price_monthly_cents, price_yearly_cents, max_users, max_messages_month, max_inboxes, max_whatsapp_numbers, message_grace_percent, is_active, sort_order)
         values ($1, 'Teste', 1000, 10000, 4, 10, 2, 1, 20, false, 99) returning id`,
        [`waq_${randomInt(1e6, 9e6)}`],
      )
    ).rows[0].id as string;
    try {
      await owner().query("insert into tenant_subscriptions (tenant_id, plan_id, status) values ($1, $2, 'active')", [o.id, plan]);
      await owner().query("insert into usage_events (tenant_id, meter, period, quantity, source_id, occurred_at) values ($1, 'bot_messages', $2, 12, 'before', now())", [o.id, billingPeriod(new Date())]);
      const oAdmin = new Client(app.port, `${o.slug}.${app.rootDomain}`);
      expect(await oAdmin.login(o.users.admin.email, o.users.admin.password)).toBeNull();
      const number = String(randomInt(1e12, 9e12));
      expect((await connectWhatsAppNumber(oAdmin, graph.baseUrl, { phoneNumberId: number })).error).toBeNull();

      const n = newNumber();
      expect((await post(wa.webhook(wa.messageChange(number, [wa.text(n, "Olá")], [{ wa_id: n, name: "Bia Lima" }])))).status).toBe(200);
      const replies = await repliesTo(n, 1);
      expect(replies).toEqual([expect.objectContaining({ type: "text", text: expect.objectContaining({ body: "Vou deixar seu atendimento com nossa equipe, que vai falar com você em breve." }) })]);
      // A second message finds the conversation with the team: kept for the agents, nothing said.
      expect((await post(wa.webhook(wa.messageChange(number, [wa.text(n, "Alguém aí?")])))).status).toBe(200);
      await eventually(() => countRows("select count(*)::int as n from inbound_events where tenant_id = $1 and status = 'pending'", [o.id]), (c) => c === 0);
      await new Promise((r) => setTimeout(r, 300));
      expect(sentTo(n)).toHaveLength(1);
      const conv = (await owner().query("select c.status, c.handoff_reason from conversations c join leads l on l.id = c.lead_id where c.tenant_id = $1 and l.wa_id = $2", [o.id, n])).rows;
      expect(conv).toEqual([{ status: "pending", handoff_reason: "quota_exceeded" }]);
      expect(await countRows("select sum(quantity)::int as n from usage_events where tenant_id = $1 and meter = 'bot_messages'", [o.id])).toBe(12);
    } finally {
      await owner().query("delete from tenant_subscriptions where plan_id = $1", [plan]);
      await owner().query("delete from plans where id = $1", [plan]);
    }
  });
});
