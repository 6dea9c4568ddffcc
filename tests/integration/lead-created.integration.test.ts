import { randomInt } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signMetaBody } from "@vendaflow/connectors/whatsapp/verify-signature";
import { createVendaflowClient } from "@vendaflow/sdk/client";
import { TEST_KEYS } from "../support/app-env";
import { startAppServer } from "../support/app-server";
import { eventually } from "../support/eventually";
import { closeOwner, createTenant, createWhatsAppInbox, owner, type FixtureTenant } from "../support/fixtures";
import { hostFetch } from "../support/host-fetch";
import { Client, request } from "../support/http";
import { WidgetClient } from "../support/widget-client";
import * as wa from "../support/whatsapp-payloads";
import { startGraphStandIn, type GraphStandIn } from "../stand-ins/graph-api";

// lead_created (automations) and lead.created (outbound webhooks) for leads born in a conversation:
// a WhatsApp sender's first message, a widget visitor's consent and an API inbox's first message
// each fire once, with the channel as the source; the lead's later messages fire nothing.

const SITE = "https://loja.example.com.br";
let graph: GraphStandIn;
let receiver: Server;
let app: Awaited<ReturnType<typeof startAppServer>>;
let t: FixtureTenant;
let admin: Client;
let phoneNumberId: string;
let automationId: string;
let subscriptionId: string;
let widgetKey: string;
let apiInbox: { publicKey: string; secret: string };

async function ok<T>(kind: "query" | "mutation", path: string, input?: unknown): Promise<T> {
  const res = await admin.trpc<T>(kind, path, input);
  expect(res.error, `${path}: ${res.error?.message}`).toBeNull();
  return res.data;
}

beforeAll(async () => {
  graph = await startGraphStandIn({ accessToken: TEST_KEYS.waAccessToken });
  receiver = createServer((req, res) => req.resume().on("end", () => res.end("ok")));
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
  app = await startAppServer({ WHATSAPP_GRAPH_BASE_URL: graph.baseUrl });
  t = await createTenant();
  admin = new Client(app.port, `${t.slug}.${app.rootDomain}`);
  expect(await admin.login(t.users.admin.email, t.users.admin.password)).toBeNull();
  phoneNumberId = await createWhatsAppInbox(admin, graph.baseUrl);
  const settings = { allowedOrigins: [SITE], schedulingUrl: "", templates: {} };
  widgetKey = (await ok<{ inbox: { publicKey: string } }>("mutation", "inboxes.create", { channel: "web", name: "Site", settings })).inbox.publicKey;
  const api = await ok<{ inbox: { publicKey: string }; secrets: { apiSecret: string } }>("mutation", "inboxes.create", { channel: "api", name: "Backend", settings: { ...settings, allowedOrigins: [] } });
  apiInbox = { publicKey: api.inbox.publicKey, secret: api.secrets.apiSecret };
  automationId = (await ok<{ id: string }>("mutation", "automations.save", { name: "Novo lead", trigger: "lead_created", maxPerEntityPerHour: 5, conditions: [], actions: [{ type: "add_tag", tag: "novo" }] })).id;
  subscriptionId = (await ok<{ subscription: { id: string } }>("mutation", "webhooks.create", { url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`, eventTypes: ["lead.created"] })).subscription.id;
});
afterAll(async () => {
  await app?.stop();
  await graph?.close();
  await new Promise((r) => receiver?.close(r));
  await closeOwner();
});

const runsFor = async (leadId: string) =>
  (await owner().query<{ status: string; source: string }>("select status, event ->> 'source' as source from automation_runs where automation_id = $1 and entity_id = $2", [automationId, leadId])).rows;
const deliveriesFor = async (leadId: string) =>
  (await owner().query<{ n: number }>("select count(*)::int as n from webhook_deliveries where subscription_id = $1 and payload -> 'data' -> 'lead' ->> 'id' = $2", [subscriptionId, leadId])).rows[0]!.n;

/** Once the lead's run settled, its tag is there and exactly one run and one delivery exist. */
async function firedOnce(leadId: string, source: string) {
  const runs = await eventually(() => runsFor(leadId), (r) => r.length > 0 && r.every((x) => x.status === "succeeded"));
  expect(runs).toEqual([{ status: "succeeded", source }]);
  expect((await owner().query("select tags from leads where id = $1", [leadId])).rows[0].tags).toContain("novo");
  expect(await deliveriesFor(leadId)).toBe(1);
}

describe("lead_created for leads born in a conversation", () => {
  it("a WhatsApp sender's first message fires it once; the next message does not", async () => {
    const phone = `55119${randomInt(10_000_000, 99_999_999)}`;
    const say = async (text: string) => {
      const raw = JSON.stringify(wa.webhook(wa.messageChange(phoneNumberId, [wa.text(phone, text)], [{ wa_id: phone, name: "Lia Nova" }])));
      const res = await request(app.port, app.rootDomain, "POST", "/api/whatsapp", { headers: { "content-type": "application/json", "x-hub-signature-256": signMetaBody(raw, TEST_KEYS.waAppSecret) }, body: raw });
      expect(res.status).toBe(200);
    };
    await say("Oi");
    await graph.waitForSent((r) => (r.body as { to?: string }).to === phone);
    const leadId = (await owner().query("select id from leads where tenant_id = $1 and wa_id = $2", [t.id, phone])).rows[0].id as string;
    await say("Lia");
    await graph.waitForSent((r) => (r.body as { to?: string }).to === phone, 2);
    await firedOnce(leadId, "whatsapp");
  });

  it("a widget visitor's consent creates the lead and fires it once; the visitor's messages do not", async () => {
    const w = new WidgetClient(app.port, app.rootDomain, SITE);
    expect((await w.start(widgetKey)).status).toBe(200);
    expect((await w.consent()).status).toBe(200);
    const greeted = await w.waitForReply(0);
    expect((await w.send({ text: "Bruno" })).status).toBe(200);
    await w.waitForReply(greeted.at(-1)!.seq);
    const leadId = (await owner().query("select id from leads where tenant_id = $1 and source = 'web'", [t.id])).rows[0].id as string;
    await firedOnce(leadId, "widget");
  });

  it("an API inbox's first message for an external id fires it once", async () => {
    const host = `${t.slug}.${app.rootDomain}`;
    const sdk = createVendaflowClient({ baseUrl: `http://${host}`, fetch: hostFetch(app.port, host), headers: () => ({ "x-vendaflow-inbox": apiInbox.publicKey, authorization: `Bearer ${apiInbox.secret}` }) });
    await sdk.apiInbox.send.mutate({ externalLeadId: "erp-7", clientMessageId: "m-000001", text: "Olá" });
    await sdk.apiInbox.send.mutate({ externalLeadId: "erp-7", clientMessageId: "m-000002", text: "Carla" });
    const leadId = (await owner().query("select id from leads where tenant_id = $1 and visitor_id = 'api:erp-7'", [t.id])).rows[0].id as string;
    await firedOnce(leadId, "api");
  });

  it("with the subscription switched off, a new lead queues no delivery; switched back on, the next new lead gets one (the cached \"nobody listens\" is dropped)", async () => {
    const hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
    const firstMessage = async (phone: string) => {
      const raw = JSON.stringify(wa.webhook(wa.messageChange(phoneNumberId, [wa.text(phone, "Oi")], [{ wa_id: phone, name: "Nova" }])));
      const res = await request(app.port, app.rootDomain, "POST", "/api/whatsapp", { headers: { "content-type": "application/json", "x-hub-signature-256": signMetaBody(raw, TEST_KEYS.waAppSecret) }, body: raw });
      expect(res.status).toBe(200);
      await graph.waitForSent((r) => (r.body as { to?: string }).to === phone);
      return (await owner().query("select id from leads where tenant_id = $1 and wa_id = $2", [t.id, phone])).rows[0].id as string;
    };
    await ok("mutation", "webhooks.update", { id: subscriptionId, url: hookUrl, eventTypes: ["lead.created"], isActive: false });
    const unheard = await firstMessage(`55119${randomInt(10_000_000, 99_999_999)}`);
    const alsoUnheard = await firstMessage(`55119${randomInt(10_000_000, 99_999_999)}`);
    expect(await deliveriesFor(unheard)).toBe(0);
    expect(await deliveriesFor(alsoUnheard)).toBe(0);
    await ok("mutation", "webhooks.update", { id: subscriptionId, url: hookUrl, eventTypes: ["lead.created"], isActive: true });
    const heard = await firstMessage(`55119${randomInt(10_000_000, 99_999_999)}`);
    expect(await deliveriesFor(heard)).toBe(1);
  });
});
