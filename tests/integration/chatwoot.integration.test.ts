import { createHash, randomInt } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signMetaBody } from "@vendaflow/connectors/whatsapp/verify-signature";
import { CHATWOOT_MIRROR_JOB_PATH } from "@vendaflow/core/chatwoot/mirror";
import { TEST_KEYS } from "../support/app-env";
import { startAppServer } from "../support/app-server";
import { eventually } from "../support/eventually";
import { closeOwner, createTenant, createWhatsAppInbox, owner, type FixtureTenant } from "../support/fixtures";
import { request } from "../support/http";
import type { NextServer } from "../support/next-server";
import { signedInClients } from "../support/sessions";
import { WidgetClient } from "../support/widget-client";
import * as wa from "../support/whatsapp-payloads";
import { startChatwootStandIn, type ChatwootStandIn, type CwConversation } from "../stand-ins/chatwoot";
import { startGraphStandIn, type GraphRequest, type GraphStandIn } from "../stand-ins/graph-api";

// Chatwoot mirror end to end (issue 10, item 9): an app pointed at the WhatsApp Graph stand-in,
// tenants that connect their Chatwoot (the stand-in, on 127.0.0.1 through the dev allow-list) over
// tRPC, leads on WhatsApp whose handoff mirrors the conversation into Chatwoot through the
// Scheduler, and agents' replies POSTed back by the stand-in as Chatwoot's webhook.

let app: NextServer & { rootDomain: string };
let graph: GraphStandIn;
let cw: ChatwootStandIn;
let a: FixtureTenant;
let b: FixtureTenant;
let phoneIdA: string;
let phoneIdB: string;
let acct: ReturnType<ChatwootStandIn["account"]>;
let acctB: ReturnType<ChatwootStandIn["account"]>;
let hookA: string;
let hookB: string;

const as = signedInClients(() => app);
type Conn = { id: string; baseUrl: string; accountId: number; inboxId: number; webhookUrl: string; lastError: string | null; lastMirroredAt: string | null };

const q = async <T = Record<string, any>>(sql: string, params: unknown[]) => (await owner().query(sql, params)).rows as T[];
const newPhone = () => `55119${randomInt(10_000_000, 99_999_999)}`;
const postWa = (body: unknown) => {
  const raw = JSON.stringify(body);
  return request(app.port, app.rootDomain, "POST", "/api/whatsapp", { headers: { "content-type": "application/json", "x-hub-signature-256": signMetaBody(raw, TEST_KEYS.waAppSecret) }, body: raw });
};
const says = async (phoneNumberId: string, phone: string, text: string, name = "Marina Souza") => expect((await postWa(wa.webhook(wa.messageChange(phoneNumberId, [wa.text(phone, text)], [{ wa_id: phone, name }])))).status).toBe(200);
const toPhone = (phone: string) => (r: GraphRequest) => r.method === "POST" && /\/messages$/.test(r.path) && (r.body as { to?: string }).to === phone;
const textsIn = (rs: GraphRequest[], phone: string) => rs.filter(toPhone(phone)).map((r) => (r.body as { text?: { body?: string } }).text?.body ?? "");
/** What reached the lead: sends Meta accepted (a refused one, e.g. 190, is no reply). */
const textsTo = (phone: string) => textsIn(graph.sent, phone);
/** Every send tried, refused or not: for "nothing more was sent". */
const triedTo = (phone: string) => textsIn(graph.requests, phone);
const conversationOf = async (tenantId: string, phone: string) => (await q<{ id: string; status: string }>("select c.id, c.status from conversations c join leads l on l.id = c.lead_id where l.tenant_id = $1 and l.wa_id = $2 order by c.created_at desc limit 1", [tenantId, phone]))[0];
/** A path to POST as Chatwoot would (the webhook URL the settings card shows). */
const pathOf = (url: string) => { const u = new URL(url); return `${u.pathname}${u.search}`; };
const postHook = (path: string, body: unknown) => request(app.port, app.rootDomain, "POST", path, { headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
const mirrorOf = (accountId: number, conversationId: string) => cw.conversationOf(accountId, (cv) => cv.additional_attributes.vendaflow_conversation_id === conversationId);
/** The app's `webhook.unrouted` warnings for Chatwoot so far (the app logs at warn). */
const unroutedLogged = () => app.logs.join("").split("\n").filter((l) => l.includes('"msg":"webhook.unrouted"') && l.includes('"provider":"chatwoot"')).length;
const agentMessages = async (conversationId: string) => q<{ id: string; text: string; payload: { chatwoot?: { messageId: number } } }>("select id, text, payload from messages where conversation_id = $1 and sender = 'agent' order by seq", [conversationId]);

/** A lead writes, the bot answers, the lead asks for a human: the conversation is handed off and mirrored. */
async function handedOff(phoneNumberId: string, tenant: FixtureTenant, accountId: number): Promise<{ phone: string; conversationId: string; mirror: CwConversation }> {
  const phone = newPhone();
  await says(phoneNumberId, phone, "Olá, quero saber dos planos");
  await graph.waitForSent(toPhone(phone), 1, 15_000);
  await says(phoneNumberId, phone, "humano");
  const conv = (await eventually(() => conversationOf(tenant.id, phone), (c) => Boolean(c && c.status !== "bot"), 15_000))!;
  await settled(conv.id);
  return { phone, conversationId: conv.id, mirror: mirrorOf(accountId, conv.id)! };
}

/** Every message of the conversation is in Chatwoot (or came from it) and no mirror run holds it. */
const settled = (conversationId: string, timeoutMs = 30_000) =>
  eventually(
    () =>
      q<{ done: boolean }>(
        `select cc.lease_until is null and cc.chatwoot_conversation_id is not null
            and (select count(*) from messages m where m.conversation_id = cc.conversation_id and m.content_type <> 'note') = (select count(*) from chatwoot_messages cm where cm.mirror_id = cc.id) as done
           from chatwoot_conversations cc where cc.conversation_id = $1`,
        [conversationId],
      ),
    (r) => r[0]?.done === true,
    timeoutMs,
  );

beforeAll(async () => {
  graph = await startGraphStandIn({ accessToken: TEST_KEYS.waAccessToken });
  cw = await startChatwootStandIn();
  app = await startAppServer({ WHATSAPP_GRAPH_BASE_URL: graph.baseUrl });
  a = await createTenant();
  b = await createTenant();
  phoneIdA = await createWhatsAppInbox(await as(a), graph.baseUrl);
  phoneIdB = await createWhatsAppInbox(await as(b), graph.baseUrl);
  acct = cw.account();
  acctB = cw.account();
});
afterAll(async () => {
  await app?.stop();
  await graph?.close();
  await cw?.close();
  await closeOwner();
});

describe("Chatwoot mirror", () => {
  it("connects with the account's token and an API inbox; refuses a bad token, another kind of inbox and a private address; keeps the token sealed", async () => {
    const admin = await as(a);
    const bad = await admin.trpc("mutation", "chatwoot.connect", { baseUrl: cw.baseUrl, accountId: acct.id, inboxId: acct.inboxId, apiToken: "wrongtoken123456" });
    expect(bad.error?.data.code).toBe("BAD_REQUEST");
    expect(bad.error?.message).toContain("401");
    const web = await admin.trpc("mutation", "chatwoot.connect", { baseUrl: cw.baseUrl, accountId: acct.id, inboxId: acct.webInboxId, apiToken: acct.token });
    expect(web.error?.data.code).toBe("BAD_REQUEST");
    expect(web.error?.message).toContain("não é do tipo API");
    const ssrf = await admin.trpc("mutation", "chatwoot.connect", { baseUrl: "http://10.0.0.1:3000", accountId: acct.id, inboxId: acct.inboxId, apiToken: acct.token });
    expect(ssrf.error?.data.code).toBe("BAD_REQUEST");
    expect((await admin.trpc("query", "chatwoot.get")).data).toBeNull();

    const ok = await admin.trpc<Conn>("mutation", "chatwoot.connect", { baseUrl: `${cw.baseUrl}/`, accountId: acct.id, inboxId: acct.inboxId, apiToken: acct.token });
    expect(ok.error, ok.error?.message).toBeNull();
    expect(ok.data).toMatchObject({ baseUrl: cw.baseUrl, accountId: acct.id, inboxId: acct.inboxId, lastError: null });
    expect(ok.data.webhookUrl).toMatch(new RegExp(`^http://${app.rootDomain}/api/chatwoot/webhook/[A-Za-z0-9_-]{32}\\?token=[A-Za-z0-9_-]{32}$`));
    expect(JSON.stringify(ok.data)).not.toContain(acct.token);
    const row = (await q("select * from chatwoot_connections where tenant_id = $1", [a.id]))[0]!;
    expect(row.credentials_encrypted).not.toContain(acct.token);
    expect(row.credentials_encrypted).not.toContain(new URL(ok.data.webhookUrl).searchParams.get("token"));
    hookA = ok.data.webhookUrl;
    cw.subscribe(hookA, app.port);

    // Reconnecting keeps the webhook URL; agents cannot read or change the connection.
    const again = await admin.trpc<Conn>("mutation", "chatwoot.connect", { baseUrl: cw.baseUrl, accountId: acct.id, inboxId: acct.inboxId, apiToken: acct.token });
    expect(again.data.webhookUrl).toBe(hookA);
    expect((await (await as(a, "agent")).trpc("query", "chatwoot.get")).error?.data.code).toBe("FORBIDDEN");
    const byAgent = await (await as(a, "agent")).trpc("mutation", "chatwoot.connect", { baseUrl: cw.baseUrl, accountId: acct.id, inboxId: acct.inboxId, apiToken: acct.token });
    expect([byAgent.error?.data.code, byAgent.error?.message]).toEqual(["FORBIDDEN", "Apenas administradores podem fazer isto."]);

    const connB = await (await as(b)).trpc<Conn>("mutation", "chatwoot.connect", { baseUrl: cw.baseUrl, accountId: acctB.id, inboxId: acctB.inboxId, apiToken: acctB.token });
    expect(connB.error, connB.error?.message).toBeNull();
    hookB = connB.data.webhookUrl;
    expect(hookB).not.toBe(hookA);
  });

  it("connecting again over credentials no key opens (a retired key) works, with a new webhook URL", async () => {
    const c = await createTenant();
    const admin = await as(c);
    const acctC = cw.account();
    const input = { baseUrl: cw.baseUrl, accountId: acctC.id, inboxId: acctC.inboxId, apiToken: acctC.token };
    const first = await admin.trpc<Conn>("mutation", "chatwoot.connect", input);
    expect(first.error).toBeNull();
    await q("update chatwoot_connections set credentials_encrypted = 'x' where tenant_id = $1", [c.id]);
    expect((await admin.trpc("query", "chatwoot.get")).data).toMatchObject({ unreadable: true, webhookUrl: null });
    const again = await admin.trpc<Conn & { unreadable: boolean }>("mutation", "chatwoot.connect", input);
    expect(again.error).toBeNull();
    expect(again.data.unreadable).toBe(false);
    // The old token is gone with its key, so the URL to paste into Chatwoot is a new one.
    expect(again.data.webhookUrl).not.toBe(first.data.webhookUrl);
    const token = new URL(again.data.webhookUrl).searchParams.get("token")!;
    const row = (await q("select webhook_token_sha256 from chatwoot_connections where tenant_id = $1", [c.id]))[0]!;
    expect(row.webhook_token_sha256).toBe(createHash("sha256").update(token, "utf8").digest("hex"));
    await admin.trpc("mutation", "chatwoot.disconnect");
  });

  let lead: { phone: string; conversationId: string; mirror: CwConversation };

  it("a handoff mirrors the conversation: the lead as a contact, the transcript (lead incoming, bot as private notes); our own messages coming back change nothing", async () => {
    lead = await handedOff(phoneIdA, a, acct.id);
    const contact = cw.contact(lead.mirror.contactId)!;
    expect(contact).toMatchObject({ name: "Marina Souza", phone_number: `+${lead.phone}`, identifier: expect.stringMatching(/^vendaflow:/) });
    const msgs = lead.mirror.messages;
    expect(msgs[0]).toMatchObject({ content: "Olá, quero saber dos planos", message_type: "incoming", private: false });
    expect(msgs.find((m) => m.content === "humano")).toMatchObject({ message_type: "incoming", private: false });
    const ours = msgs.filter((m) => m.message_type === "outgoing");
    expect(ours.length).toBeGreaterThan(0);
    expect(ours.every((m) => m.private && m.content.startsWith("🤖 Bot do Vendaflow: "))).toBe(true);
    expect(lead.mirror.additional_attributes).toMatchObject({ vendaflow_channel: "whatsapp" });
    // Every message we posted came back as Chatwoot's webhook: acknowledged as an echo (no warning), nothing sent, nothing stored.
    await eventually(() => cw.deliveries.filter((d) => d.body.conversation && (d.body.conversation as { id: number }).id === lead.mirror.id).length, (n) => n >= msgs.length, 10_000);
    expect(cw.deliveries.every((d) => d.status === 200)).toBe(true);
    expect(unroutedLogged()).toBe(0);
    expect(await agentMessages(lead.conversationId)).toEqual([]);
    const posted = await q("select count(*)::int as n from chatwoot_messages where tenant_id = $1 and direction = 'out'", [a.id]);
    expect(posted[0]!.n).toBe(msgs.length);
    await eventually(async () => (await q("select last_mirrored_at from chatwoot_connections where tenant_id = $1", [a.id]))[0]!.last_mirrored_at, Boolean);
  });

  it("a later lead message is mirrored as incoming, once", async () => {
    const before = lead.mirror.messages.length;
    await says(phoneIdA, lead.phone, "Podem me ligar amanhã?");
    await eventually(() => lead.mirror.messages.length, (n) => n === before + 1, 20_000);
    expect(lead.mirror.messages.at(-1)).toMatchObject({ content: "Podem me ligar amanhã?", message_type: "incoming", private: false });
  });

  let reply: Awaited<ReturnType<ChatwootStandIn["agentReplies"]>>;

  it("an agent's reply in Chatwoot reaches the lead on WhatsApp through the outbound path, and is not mirrored back", async () => {
    const before = lead.mirror.messages.length;
    reply = await cw.agentReplies(acct.id, lead.mirror.id, "Oi Marina, aqui é a Ana. Ligo amanhã às 10h!");
    expect(reply.delivery?.status).toBe(200);
    expect(await eventually(() => textsTo(lead.phone), (t) => t.includes("Oi Marina, aqui é a Ana. Ligo amanhã às 10h!"), 15_000)).toContain("Oi Marina, aqui é a Ana. Ligo amanhã às 10h!");
    const stored = await agentMessages(lead.conversationId);
    expect(stored).toHaveLength(1);
    expect(stored[0]!.payload.chatwoot?.messageId).toBe(reply.message.id);
    expect((await conversationOf(a.id, lead.phone))!.status).toBe("open");
    // The lead answers: mirrored, while the agent's reply (already there) is not posted again.
    await says(phoneIdA, lead.phone, "Combinado!");
    await eventually(() => lead.mirror.messages.at(-1)?.content, (c) => c === "Combinado!", 20_000);
    expect(lead.mirror.messages.length).toBe(before + 2);
  });

  it("a repeated webhook of the same Chatwoot message changes nothing; private notes and incoming messages are ignored", async () => {
    const sent = triedTo(lead.phone).length;
    const again = await cw.redeliver(reply.payload);
    expect(again?.status).toBe(200);
    const note = await cw.agentReplies(acct.id, lead.mirror.id, "nota interna: cliente VIP", { private: true });
    expect(note.delivery?.status).toBe(200);
    const incoming = await postHook(pathOf(hookA), { ...reply.payload, id: 999_999_001, message_type: "incoming", content: "forjada" });
    expect(incoming.status).toBe(200);
    expect(incoming.json<{ status: string }>().status).toBe("echo");
    await new Promise((r) => setTimeout(r, 1_500));
    expect(unroutedLogged()).toBe(0); // the mirror's echoes, the agent's internal note: none warned
    expect(await agentMessages(lead.conversationId)).toHaveLength(1);
    expect(triedTo(lead.phone).length).toBe(sent);
    expect((await q("select count(*)::int as n from webhook_receipts where tenant_id = $1 and provider = 'chatwoot' and provider_event_id = $2", [a.id, `message:${reply.message.id}`]))[0]!.n).toBe(1);
  });

  it("a bad route key or token is 401 and changes nothing; a parseable but odd payload is never a 500", async () => {
    const receipts = async () => (await q("select count(*)::int as n from webhook_receipts where provider = 'chatwoot'", []))[0]!.n;
    const n = await receipts();
    const body = { ...reply.payload, id: 999_999_002, content: "não deveria chegar" };
    const u = new URL(hookA);
    const key = u.pathname.split("/").pop()!;
    expect((await postHook(`/api/chatwoot/webhook/${"x".repeat(32)}${u.search}`, body)).status).toBe(401);
    expect((await postHook(`/api/chatwoot/webhook/${key}?token=${"y".repeat(32)}`, body)).status).toBe(401);
    expect((await postHook(`/api/chatwoot/webhook/${key}`, body)).status).toBe(401);
    expect(await receipts()).toBe(n);
    expect(await agentMessages(lead.conversationId)).toHaveLength(1);
    // Verified but odd: other events, no conversation, an unknown conversation, an empty body.
    for (const odd of [{ event: "conversation_created", id: 5 }, { event: "message_created", id: 999_999_003, message_type: "outgoing" }, { ...body, conversation: { id: 987_654 } }, { event: "message_created", id: 999_999_004, message_type: "outgoing", content: "", conversation: { id: lead.mirror.id } }]) {
      expect((await postHook(pathOf(hookA), odd)).status).toBe(200);
    }
    expect((await postHook(pathOf(hookA), "not json")).status).toBe(400);
    expect(await agentMessages(lead.conversationId)).toHaveLength(1);
    // Those are real unrouted events (not our echoes): each still warns. A private note in a conversation we did not mirror too.
    const warned = unroutedLogged();
    const note = await postHook(pathOf(hookA), { event: "message_created", id: 999_999_005, message_type: "outgoing", private: true, content: "nota", conversation: { id: 987_654 } });
    expect(note.json<{ status: string }>().status).toBe("unrouted");
    await eventually(() => unroutedLogged(), (n) => n === warned + 1, 5_000);
    expect(warned).toBeGreaterThanOrEqual(2);
  });

  it("tenant isolation: B's webhook URL cannot reach A's conversation, B cannot read A's connection", async () => {
    const forged = { ...reply.payload, id: 999_999_010, content: "de outro tenant", account: { id: acctB.id } };
    const r = await postHook(pathOf(hookB), forged);
    expect(r.status).toBe(200);
    expect(r.json<{ status: string }>().status).toBe("processed");
    await new Promise((res) => setTimeout(res, 1_000));
    expect(await agentMessages(lead.conversationId)).toHaveLength(1);
    expect(triedTo(lead.phone)).not.toContain("de outro tenant");
    const seenByB = (await (await as(b)).trpc<Conn>("query", "chatwoot.get")).data;
    expect(seenByB.accountId).toBe(acctB.id);
    expect(seenByB.webhookUrl).toBe(hookB);
    // B's own handoff lands in B's account only.
    const leadB = await handedOff(phoneIdB, b, acctB.id);
    expect(mirrorOf(acct.id, leadB.conversationId)).toBeUndefined();
  });

  it("Chatwoot down: the mirror is retried by the Scheduler and the error shows on the card until it succeeds", async () => {
    cw.setDown(true);
    const phone = newPhone();
    await says(phoneIdA, phone, "Oi, tudo bem?", "Paulo Lima");
    await graph.waitForSent(toPhone(phone), 1, 15_000);
    await says(phoneIdA, phone, "humano", "Paulo Lima");
    const conv = (await eventually(() => conversationOf(a.id, phone), (c) => Boolean(c && c.status !== "bot"), 15_000))!;
    const admin = await as(a);
    const failing = await eventually(async () => (await admin.trpc<Conn>("query", "chatwoot.get")).data.lastError, (e) => Boolean(e), 15_000);
    expect(failing).toContain("503");
    expect(mirrorOf(acct.id, conv.id)).toBeUndefined();
    cw.setDown(false);
    // The first retry is queued 10 s ahead (CHATWOOT_RETRY_SECONDS): the conversation's are made due
    // now, once queued (the mirror records the error, then queues its retry). Whatever the retry
    // still has to do, the wait below waits for as before.
    await eventually(
      async () =>
        (
          await q(
            "update scheduled_jobs set not_before = now() where destination = $1 and delivered_at is null and attempts = 0 and not_before > now() and (body::jsonb)->>'conversationId' = $2 and ((body::jsonb)->>'attempt')::int = 1 returning id",
            [`http://${app.rootDomain}${CHATWOOT_MIRROR_JOB_PATH}`, conv.id],
          )
        ).length,
      (n) => n > 0,
      5_000,
    );
    await settled(conv.id, 40_000);
    const mirror = mirrorOf(acct.id, conv.id)!;
    expect(mirror.messages.length).toBeGreaterThanOrEqual(4);
    expect(mirror.messages[0]).toMatchObject({ content: "Oi, tudo bem?", message_type: "incoming" });
    expect(new Set(mirror.messages.map((m) => m.content)).size).toBe(mirror.messages.length);
    await eventually(async () => (await admin.trpc<Conn>("query", "chatwoot.get")).data.lastError, (e) => e === null, 10_000);
  });

  it("on the web widget: the handoff is mirrored and the agent's reply from Chatwoot shows in the visitor's chat", async () => {
    const admin = await as(a);
    const site = "https://loja.example.com.br";
    const created = await admin.trpc<{ inbox: { publicKey: string } }>("mutation", "inboxes.create", { channel: "web", name: "Site", settings: { allowedOrigins: [site], schedulingUrl: "", templates: {} } });
    expect(created.error).toBeNull();
    const w = new WidgetClient(app.port, app.rootDomain, site);
    expect((await w.start(created.data.inbox.publicKey)).status).toBe(200);
    expect((await w.consent()).status).toBe(200);
    let seen = (await w.waitForReply(0, 15_000)).at(-1)!.seq;
    expect((await w.send({ text: "quero falar com um atendente" })).status).toBe(200);
    seen = (await w.waitForReply(seen, 15_000)).at(-1)!.seq;
    const conv = (await eventually(() => q<{ id: string; status: string }>("select c.id, c.status from conversations c join messages m on m.conversation_id = c.id where c.tenant_id = $1 and m.text = 'quero falar com um atendente' order by c.created_at desc limit 1", [a.id]), (r) => Boolean(r[0] && r[0].status !== "bot"), 15_000))[0]!;
    await settled(conv.id);
    const mirror = mirrorOf(acct.id, conv.id)!;
    expect(mirror.additional_attributes).toMatchObject({ vendaflow_channel: "web" });
    expect(mirror.messages.find((m) => m.content === "quero falar com um atendente")).toMatchObject({ message_type: "incoming", private: false });
    const r = await cw.agentReplies(acct.id, mirror.id, "Olá! Sou a Ana, da equipe de vendas.");
    expect(r.delivery?.status).toBe(200);
    const got = await w.waitForReply(seen, 10_000);
    expect(got.find((m) => m.text === "Olá! Sou a Ana, da equipe de vendas.")).toMatchObject({ sender: "agent" });
  });

  it("disconnecting stops the webhook URL answering", async () => {
    const admin = await as(a);
    expect((await admin.trpc("mutation", "chatwoot.disconnect")).error).toBeNull();
    expect((await postHook(pathOf(hookA), { ...reply.payload, id: 999_999_020 })).status).toBe(401);
    expect((await q("select count(*)::int as n from chatwoot_conversations where tenant_id = $1", [a.id]))[0]!.n).toBe(0);
  });
});
