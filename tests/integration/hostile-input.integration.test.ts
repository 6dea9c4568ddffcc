import { randomInt, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signMetaBody } from "@vendaflow/connectors/whatsapp/verify-signature";
import { TEST_KEYS } from "../support/app-env";
import { closeOwner, createTenant, createWhatsAppInbox, env, type FixtureTenant, owner } from "../support/fixtures";
import { Client, request } from "../support/http";
import { WidgetClient } from "../support/widget-client";
import * as wa from "../support/whatsapp-payloads";

// Input that passes validation must never fail in Postgres: NUL and lone surrogates are cleaned
// before any query, and every length the schemas accept fits the column it lands in.
const SITE = "http://hostil.example";
let tenant: FixtureTenant;
let web: { publicKey: string };
let api: { publicKey: string; secret: string };
let phoneNumberId: string;

beforeAll(async () => {
  tenant = await createTenant();
  const admin = await tenant.loginAs("admin");
  const w = await admin.trpc<{ inbox: { publicKey: string } }>("mutation", "inboxes.create", { channel: "web", name: "Site", settings: { allowedOrigins: [SITE], schedulingUrl: "", templates: {} } });
  expect(w.error).toBeNull();
  web = w.data.inbox;
  const a = await admin.trpc<{ inbox: { publicKey: string }; secrets: { apiSecret: string } }>("mutation", "inboxes.create", { channel: "api", name: "Backend", settings: { allowedOrigins: [], schedulingUrl: "", templates: {} } });
  expect(a.error).toBeNull();
  api = { publicKey: a.data.inbox.publicKey, secret: a.data.secrets.apiSecret };
  phoneNumberId = await createWhatsAppInbox(admin, env().graphUrl);
});
afterAll(closeOwner);

const apiSend = (input: Record<string, unknown>) => {
  const c = new Client(env().port, tenant.host);
  return c.send("POST", "/api/trpc/apiInbox.send", { headers: { "content-type": "application/json", "x-vendaflow-inbox": api.publicKey, authorization: `Bearer ${api.secret}` }, body: JSON.stringify({ json: input }) });
};

describe("hostile text never reaches Postgres as a 500", () => {
  it("a widget message with NUL and a lone surrogate is stored without them", async () => {
    const w = new WidgetClient(env().port, env().rootDomain, SITE);
    expect((await w.start(web.publicKey)).status).toBe(200);
    expect((await w.consent()).status).toBe(200);
    const sent = await w.send({ text: "oi\u0000 tudo\uD800 bem" });
    expect(sent.status).toBe(200);
    const { rows } = await owner().query("select text from messages where tenant_id = $1 and sender = 'lead' and text like 'oi%'", [tenant.id]);
    expect(rows.map((r) => r.text)).toEqual(["oi tudo\uFFFD bem"]);
  });

  it("an agent note with NUL is stored without it", async () => {
    const w = new WidgetClient(env().port, env().rootDomain, SITE);
    await w.start(web.publicKey);
    await w.consent();
    await w.waitForReply(0);
    const visitorId = JSON.parse(Buffer.from(w.token.split(".")[0]!, "base64url").toString()).v as string;
    const conv = (await owner().query("select c.id from conversations c join leads l on l.id = c.lead_id where l.visitor_id = $1", [visitorId])).rows[0];
    const admin = await tenant.loginAs("admin");
    const res = await admin.trpc("mutation", "agent.note", { conversationId: conv.id, text: "nota\u0000 interna" });
    expect(res.status).toBe(200);
    const { rows } = await owner().query("select text from messages where conversation_id = $1 and sender = 'system' or (conversation_id = $1 and text like 'nota%')", [conv.id]);
    expect(rows.map((r) => r.text)).toContain("nota interna");
  });

  it("apiInbox.send: an externalLeadId that would not fit leads.visitor_id and a long email are 400s with the field", async () => {
    const long = await apiSend({ externalLeadId: "x".repeat(61), clientMessageId: randomUUID(), text: "oi" });
    expect(long.status).toBe(400);
    expect(JSON.stringify(long.json())).toContain("externalLeadId");
    const email = await apiSend({ externalLeadId: "crm-1", clientMessageId: randomUUID(), text: "oi", email: `${"a".repeat(250)}@example.com` });
    expect(email.status).toBe(400);
    expect(JSON.stringify(email.json())).toContain("email");
    const fits = await apiSend({ externalLeadId: "y".repeat(60), clientMessageId: "z".repeat(64), text: "oi\u0000", name: "n".repeat(255) });
    expect(fits.status).toBe(200);
    const lead = await owner().query("select name from leads where tenant_id = $1 and visitor_id = $2", [tenant.id, `api:${"y".repeat(60)}`]);
    expect(lead.rows).toHaveLength(1);
  });

  it("a WhatsApp delivery with NUL, a 300-character name, a 40-digit sender and a 250-character wamid answers 200 and keeps what fits", async () => {
    const phone = `55119${randomInt(10_000_000, 99_999_999)}`;
    const body = wa.webhook(
      wa.messageChange(phoneNumberId, [wa.text(phone, "olá\u0000 mundo")], [{ wa_id: phone, name: "N".repeat(300) }]),
      wa.messageChange(phoneNumberId, [wa.text("1".repeat(40), "número enorme")]),
      wa.messageChange(phoneNumberId, [wa.text(phone, "wamid enorme", `wamid.${"A".repeat(250)}`)]),
    );
    const raw = JSON.stringify(body);
    const res = await request(env().port, env().rootDomain, "POST", "/api/whatsapp", { headers: { "content-type": "application/json", "x-hub-signature-256": signMetaBody(raw, TEST_KEYS.waAppSecret) }, body: raw });
    expect(res.status).toBe(200);
    const msgs = await owner().query("select m.text, l.name from messages m join leads l on l.id = (select lead_id from conversations where id = m.conversation_id) where m.tenant_id = $1 and l.wa_id = $2 and m.sender = 'lead'", [tenant.id, phone]);
    // (The bot's reply is already stored too: the message was answered in its recording transaction.)
    expect(msgs.rows.map((r) => r.text)).toEqual(["olá mundo"]);
    expect(msgs.rows[0].name.length).toBeLessThanOrEqual(255);
    const skipped = await owner().query("select status, error from inbound_events where tenant_id = $1 and status in ('ignored', 'failed')", [tenant.id]);
    expect(skipped.rows.length).toBeGreaterThanOrEqual(2);
  });
});
