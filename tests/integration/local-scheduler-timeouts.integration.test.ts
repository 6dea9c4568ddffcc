import { randomInt } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signMetaBody } from "@vendaflow/connectors/whatsapp/verify-signature";
import { TEST_KEYS } from "../support/app-env";
import { startAppServer } from "../support/app-server";
import { closeOwner, createTenant, createWhatsAppInbox, owner } from "../support/fixtures";
import { Client, request } from "../support/http";
import * as wa from "../support/whatsapp-payloads";
import { startGraphStandIn, type GraphRequest, type GraphStandIn } from "../stand-ins/graph-api";

let graph: GraphStandIn;
let app: Awaited<ReturnType<typeof startAppServer>>;

beforeAll(async () => {
  graph = await startGraphStandIn({ accessToken: TEST_KEYS.waAccessToken });
  // The embedded default: no QStash configured, so the app's own Postgres-backed scheduler delivers
  // the signed callbacks to /api/jobs/bot-timeout. Short timeouts keep the test quick.
  app = await startAppServer({ WHATSAPP_GRAPH_BASE_URL: graph.baseUrl, BOT_DEFAULT_TIMEOUT: "5", BOT_MAX_RETRIES: "1" });
});
afterAll(async () => {
  await app?.stop();
  await graph?.close();
  await closeOwner();
});

describe("timeouts on the embedded scheduler", () => {
  it("silence → reminder → fallback handoff, delivered by the local scheduler through the signed endpoint", async () => {
    const tenant = await createTenant();
    const admin = new Client(app.port, `${tenant.slug}.${app.rootDomain}`);
    expect(await admin.login(tenant.users.admin.email, tenant.users.admin.password)).toBeNull();
    const phoneNumberId = await createWhatsAppInbox(admin, graph.baseUrl);
    const n = `55219${randomInt(10_000_000, 99_999_999)}`;
    const raw = JSON.stringify(wa.webhook(wa.messageChange(phoneNumberId, [wa.text(n, "oi")], [{ wa_id: n, name: "Lia" }])));
    const res = await request(app.port, app.rootDomain, "POST", "/api/whatsapp", { headers: { "content-type": "application/json", "x-hub-signature-256": signMetaBody(raw, TEST_KEYS.waAppSecret) }, body: raw });
    expect(res.status).toBe(200);
    const to = (r: GraphRequest) => (r.body as { to?: string }).to === n;
    // Replies Meta accepted: a send refused (e.g. 190) is no reply, and would stop the bot's later ones.
    await graph.waitForSent(to, 1, 5000);
    const t0 = Date.now();
    // Reminder (two messages: nudge + question) after ~5 s, then the fallback after another ~5 s.
    await graph.waitForSent((r) => to(r) && JSON.stringify(r.body).includes("Ainda está por aí"), 1, 15_000).catch(async (err: Error) => {
      const bodies = graph.requests.filter(to).map((r) => `${r.status} ${JSON.stringify(r.body)}`);
      throw new Error(`no reminder (${err.message}); got ${bodies.join("\n")}`);
    });
    expect(Date.now() - t0).toBeGreaterThan(3000);
    const deadline = Date.now() + 15_000;
    let status = "";
    while (Date.now() < deadline) {
      status = (await owner().query("select c.status from conversations c join leads l on l.id = c.lead_id where l.wa_id = $1", [n])).rows[0]?.status;
      if (status === "pending") break;
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(status).toBe("pending");
    // The scheduler marks a job delivered after the endpoint answers, i.e. after the handoff committed.
    let delivered = 0;
    while (Date.now() < deadline + 5000) {
      delivered = (await owner().query("select count(*)::int as n from scheduled_jobs where destination = $1 and delivered_at is not null and body like $2", [`http://${app.rootDomain}/api/jobs/bot-timeout`, `%${tenant.id}%`])).rows[0].n;
      if (delivered >= 2) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(delivered).toBeGreaterThanOrEqual(2);
  }, 45_000);
});
