import { randomInt } from "node:crypto";
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signQStashRequest } from "@vendaflow/connectors/qstash/sign-request";
import { signMetaBody } from "@vendaflow/connectors/whatsapp/verify-signature";
import { TEST_KEYS } from "../support/app-env";
import { startAppServer } from "../support/app-server";
import { closeOwner, createTenant, createWhatsAppInbox, env, owner, type FixtureTenant } from "../support/fixtures";
import { request } from "../support/http";
import { signedInClients } from "../support/sessions";
import * as wa from "../support/whatsapp-payloads";
import { eventually } from "../support/eventually";
import { startGraphStandIn, type GraphRequest, type GraphStandIn } from "../stand-ins/graph-api";

// Issue 13, fault 4: the app's Postgres connections are killed (pg_terminate_backend) again and
// again in the middle of a burst of webhooks. While they die, webhooks are answered 503 (Meta
// redelivers, as this test does); afterwards every message is stored and processed exactly once
// (counted by wamid), no conversation is half-written, and every lead got exactly one reply.

let graph: GraphStandIn;
let app: Awaited<ReturnType<typeof startAppServer>>;
let tenant: FixtureTenant;
let phoneNumberId: string;

beforeAll(async () => {
  graph = await startGraphStandIn({ accessToken: TEST_KEYS.waAccessToken });
  app = await startAppServer({ WHATSAPP_GRAPH_BASE_URL: graph.baseUrl });
  tenant = await createTenant();
  // Connected through this file's app, so the business token is one this file's Meta issued: the
  // replies must be accepted, not only attempted (a 190 would mark the inbox disconnected).
  phoneNumberId = await createWhatsAppInbox(await signedInClients(() => app)(tenant), graph.baseUrl);
});
afterAll(async () => {
  await app?.stop();
  await graph?.close();
  await closeOwner();
});

const keepAlive = new http.Agent({ keepAlive: true, maxSockets: 64 });

/** One webhook delivery as Meta sends it; resolves with the HTTP status (0: the socket failed). */
function deliver(raw: string): Promise<number> {
  return new Promise((resolve) => {
    const req = http.request(
      { agent: keepAlive, host: "127.0.0.1", port: app.port, method: "POST", path: "/api/whatsapp", headers: { host: app.rootDomain, "content-type": "application/json", "content-length": Buffer.byteLength(raw), "x-hub-signature-256": signMetaBody(raw, TEST_KEYS.waAppSecret) } },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      },
    );
    req.on("error", () => resolve(0));
    req.end(raw);
  });
}

/** Meta's side: redeliver until 200 (any non-200 is retried), at most `tries` times. */
async function deliverUntilAccepted(raw: string, statuses: number[], tries = 40) {
  for (let i = 0; i < tries; i++) {
    const status = await deliver(raw);
    statuses.push(status);
    if (status === 200) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("webhook never accepted");
}

async function killAppConnections() {
  const { rows } = await owner().query<{ n: number }>(
    "select count(pg_terminate_backend(pid))::int as n from pg_stat_activity where datname = current_database() and usename = $1 and pid <> pg_backend_pid()",
    [env().appRole],
  );
  return rows[0]!.n;
}

describe("Postgres connections killed mid-load", () => {
  it("5xx while they die, then every message processed once and answered once", async () => {
    const count = 120;
    const numbers = Array.from({ length: count }, () => `55119${randomInt(10_000_000, 99_999_999)}`);
    const bodies = numbers.map((n, i) => JSON.stringify(wa.webhook(wa.messageChange(phoneNumberId, [wa.text(n, `oi ${i}`)], [{ wa_id: n, name: `Lead ${i}` }]))));
    const statuses: number[] = [];
    let killed = 0;
    let killing = true;
    // 40 webhooks a second for 3 s; connections killed every 40 ms from 0.5 s to 2 s.
    const killer = (async () => {
      await new Promise((r) => setTimeout(r, 500));
      const until = Date.now() + 1500;
      while (killing && Date.now() < until) {
        killed += await killAppConnections();
        await new Promise((r) => setTimeout(r, 40));
      }
    })();
    await Promise.all(
      bodies.map(async (raw, i) => {
        await new Promise((r) => setTimeout(r, i * 25));
        await deliverUntilAccepted(raw, statuses);
      }),
    );
    killing = false;
    await killer;
    expect(killed).toBeGreaterThan(0);
    // Nothing but 200 and "try again" answers (503; 0 = a socket the dying app closed, retried too).
    expect(statuses.filter((s) => s !== 200 && s !== 503 && s !== 0)).toEqual([]);

    // Whatever was left pending by a failed processing step is picked up by the recovery sweep.
    const raw = JSON.stringify({ olderThanSeconds: 0 });
    const signature = await signQStashRequest({ url: `http://${app.rootDomain}/api/jobs/inbound-recovery`, rawBody: raw, signingKey: TEST_KEYS.qstashNext });
    const pendingLeft = await eventually(
      async () => {
        const sweep = await request(app.port, app.rootDomain, "POST", "/api/jobs/inbound-recovery", { headers: { "content-type": "application/json", "upstash-signature": signature }, body: raw });
        expect(sweep.status).toBe(200);
        return (await owner().query<{ n: number }>("select count(*)::int as n from inbound_events where tenant_id = $1 and status = 'pending'", [tenant.id])).rows[0]!.n;
      },
      (n) => n === 0,
      20_000,
    );
    expect(pendingLeft).toBe(0);

    // Exactly once, by wamid: one event, one lead message.
    const events = await owner().query<{ n: number; distinct_ids: number; processed: number }>(
      "select count(*)::int as n, count(distinct provider_event_id)::int as distinct_ids, count(*) filter (where status = 'processed')::int as processed from inbound_events where tenant_id = $1 and kind = 'message'",
      [tenant.id],
    );
    expect(events.rows[0]).toEqual({ n: count, distinct_ids: count, processed: count });
    const leadMessages = await owner().query<{ n: number }>("select count(*)::int as n from messages where tenant_id = $1 and sender = 'lead'", [tenant.id]);
    expect(leadMessages.rows[0]!.n).toBe(count);
    // No half-written conversation: each has its lead message and the bot's question, one per lead.
    const convs = await owner().query<{ leads: number; convs: number; without_lead_msg: number; without_bot_msg: number }>(
      `select count(distinct c.lead_id)::int as leads, count(*)::int as convs,
              count(*) filter (where not exists (select 1 from messages m where m.conversation_id = c.id and m.sender = 'lead'))::int as without_lead_msg,
              count(*) filter (where not exists (select 1 from messages m where m.conversation_id = c.id and m.sender = 'bot'))::int as without_bot_msg
         from conversations c where c.tenant_id = $1`,
      [tenant.id],
    );
    expect(convs.rows[0]).toEqual({ leads: count, convs: count, without_lead_msg: 0, without_bot_msg: 0 });
    // Exactly one reply per lead at the Graph stand-in: accepted (a 190 is no reply), and the only one tried.
    const replyCounts = (requests: GraphRequest[]) => {
      const replies = new Map<string, number>();
      for (const r of requests) {
        const to = (r.body as { to?: string }).to;
        if (to) replies.set(to, (replies.get(to) ?? 0) + 1);
      }
      return numbers.filter((n) => replies.get(n) !== 1).map((n) => `${n}: ${replies.get(n) ?? 0}`);
    };
    expect(await eventually(() => replyCounts(graph.sent), (wrong) => wrong.length === 0, 20_000)).toEqual([]);
    expect(replyCounts(graph.requests)).toEqual([]);
    // Every reply Meta accepted is not recorded as failed, even when its status write met a killed connection.
    const failed = await owner().query<{ n: number }>("select count(*)::int as n from messages where tenant_id = $1 and sender = 'bot' and delivery_status = 'failed'", [tenant.id]);
    expect(failed.rows[0]!.n).toBe(0);
    console.log(`[pipeline-faults] ${count} messages, ${killed} app connections killed, answers: ${statuses.filter((s) => s === 200).length} × 200, ${statuses.filter((s) => s === 503).length} × 503, ${statuses.filter((s) => s === 0).length} × socket error`);
  }, 120_000);
});
