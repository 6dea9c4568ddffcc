import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_KEYS } from "../support/app-env";
import { startAppServer } from "../support/app-server";
import { eventually } from "../support/eventually";
import { closeOwner, createTenant, createWhatsAppInbox, owner, uniq, type FixtureTenant } from "../support/fixtures";
import { flood } from "../support/flood";
import type { NextServer } from "../support/next-server";
import { signedInClients } from "../support/sessions";
import { startGraphStandIn, type GraphRequest, type GraphStandIn } from "../stand-ins/graph-api";

// Issue 13, fault 6: 200 widget visitors at once for 60 s, each answering like a person (answer,
// wait for the bot on the SSE stream, think, answer again; a visitor who finished is replaced by a
// new one), while new WhatsApp leads write in for the whole minute. 0 errors and nothing lost:
// every answer stored once and answered, every webhook accepted, processed once and replied to once.
// The database is minutes old and its tables grow by thousands of rows during the minute, so
// statistics are refreshed every 10 s, as autovacuum does on a database that has been running
// (tests/load/setup-db.ts): with the empty tables' statistics the planner keeps plans that walk a
// whole tenant's messages for one lead, and replies take seconds.

const SITE = "http://flood.example";
const VISITORS = 200;
const SECONDS = 60;
const ANSWERS = 3;
let graph: GraphStandIn;
let app: NextServer & { rootDomain: string };
let t: FixtureTenant;
let planCode: string;
const publicKeys: string[] = [];
let phoneNumberId: string;
const as = signedInClients(() => app);

beforeAll(async () => {
  graph = await startGraphStandIn({ accessToken: TEST_KEYS.waAccessToken });
  app = await startAppServer({ WHATSAPP_GRAPH_BASE_URL: graph.baseUrl });
  // A plan whose widget limits a 200-visitor burst stays under (the default ones would rightly refuse it).
  planCode = uniq("flood").replace(/-/g, "_");
  await owner().query(
    `insert into plans (code, name, price_monthly_cents, price_yearly_cents, is_active, rate_api_key_per_minute, rate_user_per_minute, rate_widget_visitor_per_minute, rate_widget_inbox_per_minute)
     values ($1, 'Carga', 0, 0, false, 600, 600, 60, 100000)`,
    [planCode],
  );
  t = await createTenant();
  await owner().query("insert into tenant_subscriptions (tenant_id, plan_id, status) select $1, id, 'active' from plans where code = $2", [t.id, planCode]);
  const admin = await as(t);
  for (const name of ["Site", "Loja", "Blog"]) {
    const inbox = await admin.trpc<{ inbox: { publicKey: string } }>("mutation", "inboxes.create", { channel: "web", name, settings: { allowedOrigins: [SITE], schedulingUrl: "", templates: {} } });
    expect(inbox.error).toBeNull();
    publicKeys.push(inbox.data.inbox.publicKey);
  }
  phoneNumberId = await createWhatsAppInbox(admin, graph.baseUrl);
});
afterAll(async () => {
  await app?.stop();
  await graph?.close();
  await owner().query("delete from tenant_subscriptions where tenant_id = $1", [t?.id]);
  await owner().query("delete from plans where code = $1", [planCode]);
  await closeOwner();
});

describe("a flood of widget visitors with WhatsApp traffic", () => {
  it(`${VISITORS} visitors at once for ${SECONDS} s while WhatsApp leads write in: 0 errors, nothing lost`, async () => {
    const analyze = setInterval(() => void owner().query("analyze").catch(() => {}), 10_000);
    const r = await flood(
      { port: app.port, host: app.rootDomain, site: SITE, publicKeys, phoneNumberId, waAppSecret: TEST_KEYS.waAppSecret },
      { visitors: VISITORS, seconds: SECONDS, answers: ANSWERS, thinkMs: [2000, 5000], waPerSecond: 2, replyTimeoutMs: 90_000 },
    ).finally(() => clearInterval(analyze));
    const p95 = [...r.widget.replyMs].sort((a, b) => a - b)[Math.floor(r.widget.replyMs.length * 0.95)];
    console.log(`flood: ${r.widget.visitors} visitors, ${r.widget.sends} widget answers + ${r.whatsapp.wamids.length} WhatsApp messages in ${(r.elapsedMs / 1000).toFixed(1)} s, reply p95 ${p95} ms, ${r.widget.errors.length} errors`);

    // Widget: every call answered 200 and every answer got the bot's next message on the stream;
    // the slots stayed busy the whole minute (each visitor takes ~10 s, so well over one per slot).
    expect(r.widget.errors).toEqual([]);
    const visitors = r.widget.visitors;
    expect(visitors).toBeGreaterThan(VISITORS * 2);
    expect(r.elapsedMs).toBeGreaterThanOrEqual(SECONDS * 1000);
    expect(r.widget).toMatchObject({ sends: visitors * ANSWERS, answered: visitors * ANSWERS });
    // Stored once each, in the visitor's own conversation, and the bot moved past the e-mail answer.
    const web = await owner().query<{ convs: number; lead_msgs: number; distinct_msgs: number; with_email: number }>(
      `select count(distinct c.id)::int as convs, count(m.id)::int as lead_msgs, count(distinct (m.conversation_id, m.text))::int as distinct_msgs,
              count(distinct c.id) filter (where c.bot_state->'answers' ? 'email')::int as with_email
         from conversations c join inboxes i on i.id = c.inbox_id join messages m on m.conversation_id = c.id and m.sender = 'lead'
        where c.tenant_id = $1 and i.channel = 'web'`,
      [t.id],
    );
    expect(web.rows[0]).toEqual({ convs: visitors, lead_msgs: visitors * ANSWERS, distinct_msgs: visitors * ANSWERS, with_email: visitors });

    // WhatsApp: every webhook accepted, each message processed once, each lead answered once.
    const sent = r.whatsapp.wamids.length;
    expect(sent).toBeGreaterThanOrEqual(SECONDS * 2 * 0.9);
    expect(r.whatsapp.statuses.filter((s) => s !== 200)).toEqual([]);
    const events = await owner().query<{ n: number; processed: number }>(
      "select count(*)::int as n, count(*) filter (where status = 'processed')::int as processed from inbound_events where tenant_id = $1 and kind = 'message' and provider_event_id = any($2)",
      [t.id, r.whatsapp.wamids],
    );
    expect(events.rows[0]).toEqual({ n: sent, processed: sent });
    const perNumber = (requests: GraphRequest[]) => {
      const to = new Map<string, number>();
      for (const req of requests) {
        const n = (req.body as { to?: string }).to;
        if (n) to.set(n, (to.get(n) ?? 0) + 1);
      }
      return r.whatsapp.numbers.map((n) => to.get(n) ?? 0);
    };
    // Answered means Meta accepted the reply (a 190 is no answer); and it was the only one tried.
    await eventually(async () => perNumber(graph.sent), (counts) => counts.every((c) => c >= 1), 90_000);
    expect(perNumber(graph.requests).filter((c) => c !== 1)).toEqual([]);
  }, 600_000);
});
