import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signQStashRequest } from "@vendaflow/connectors/qstash/sign-request";
import { recordInbound } from "@vendaflow/core/conversations/inbound";
import { createDb, type Database } from "@vendaflow/db/create-db";
import { TEST_KEYS } from "../support/app-env";
import { closeOwner, createTenant, env, owner, uniq, type FixtureTenant } from "../support/fixtures";
import { request } from "../support/http";
import { WidgetClient } from "../support/widget-client";

let db: { db: Database; close: () => Promise<void> };
let a: FixtureTenant;
let inboxA: { id: string; publicKey: string };

beforeAll(async () => {
  db = createDb({ url: env().appUrl, max: 2 });
  a = await createTenant();
  const admin = await a.loginAs("admin");
  const res = await admin.trpc<{ inbox: { id: string; publicKey: string } }>("mutation", "inboxes.create", { channel: "web", name: "Site A", settings: { allowedOrigins: ["http://a.example"], schedulingUrl: "", templates: {} } });
  inboxA = res.data.inbox;
});
afterAll(async () => {
  await db.close();
  await closeOwner();
});

async function job(path: string, body: unknown) {
  const raw = JSON.stringify(body);
  const signature = await signQStashRequest({ url: `http://${env().rootDomain}${path}`, rawBody: raw, signingKey: TEST_KEYS.qstashNext });
  return request(env().port, env().rootDomain, "POST", path, { headers: { "content-type": "application/json", "upstash-signature": signature }, body: raw });
}

describe("QStash-triggered jobs", () => {
  it("the recovery sweep processes inbound messages persisted but never processed (crash after the HTTP answer)", async () => {
    const w = new WidgetClient(env().port, env().rootDomain, "http://a.example");
    await w.start(inboxA.publicKey);
    await w.consent();
    const greeting = await w.waitForReply(0);
    const visitorId = JSON.parse(Buffer.from(w.token.split(".")[0]!, "base64url").toString()).v as string;
    // What a crash leaves behind: the message and its pending event, no processing.
    const rec = await recordInbound({ db: db.db }, {
      tenantId: a.id, inboxId: inboxA.id, who: { kind: "visitor", visitorId }, provider: "widget", providerEventId: `${visitorId}:crash-1`,
      contentType: "text", text: "Valter Reis", payload: {}, input: { kind: "text", text: "Valter Reis" }, at: new Date(Date.now() - 60_000),
    });
    await owner().query("update inbound_events set received_at = now() - interval '2 minutes' where conversation_id = $1 and status = 'pending'", [rec.conversationId]);
    // A second crash-left conversation whose state cannot be read must not stop the sweep.
    const broken = new WidgetClient(env().port, env().rootDomain, "http://a.example");
    await broken.start(inboxA.publicKey);
    await broken.consent();
    await broken.waitForReply(0);
    const brokenVisitor = JSON.parse(Buffer.from(broken.token.split(".")[0]!, "base64url").toString()).v as string;
    const bad = await recordInbound({ db: db.db }, {
      tenantId: a.id, inboxId: inboxA.id, who: { kind: "visitor", visitorId: brokenVisitor }, provider: "widget", providerEventId: `${brokenVisitor}:crash-2`,
      contentType: "text", text: "Rita", payload: {}, input: { kind: "text", text: "Rita" }, at: new Date(Date.now() - 60_000),
    });
    await owner().query("update conversations set bot_state = '{\"unreadable\": true}' where id = $1", [bad.conversationId]);
    await owner().query("update inbound_events set received_at = now() - interval '2 minutes' where conversation_id = any($1) and status = 'pending'", [[rec.conversationId, bad.conversationId]]);
    const res = await job("/api/jobs/inbound-recovery", { olderThanSeconds: 30 });
    expect(res.status).toBe(200);
    const swept = res.json<{ recovered: number; failed: number }>();
    expect(swept.recovered).toBeGreaterThanOrEqual(1);
    expect(swept.failed).toBeGreaterThanOrEqual(1);
    const left = await owner().query("select count(*)::int as n from inbound_events where conversation_id = $1 and status = 'pending'", [bad.conversationId]);
    expect(left.rows[0].n).toBe(1);
    // Leave nothing that later sweeps (in this file or others) would trip on.
    await owner().query("update inbound_events set status = 'processed', processed_at = now() where conversation_id = $1", [bad.conversationId]);
    const after = await w.messages(greeting.at(-1)!.seq);
    expect(after.messages.map((m) => m.text).join(" ")).toContain("Valter");
    const pending = await owner().query("select count(*)::int as n from inbound_events where conversation_id = $1 and status = 'pending'", [rec.conversationId]);
    expect(pending.rows[0].n).toBe(0);
  });

  it("a job naming tenant B with tenant A's conversation touches nothing (RLS binds the job to its tenant)", async () => {
    const b = await createTenant();
    const conv = (await owner().query("select c.id, c.bot_revision, c.bot_state from conversations c where c.tenant_id = $1 and c.status = 'bot' limit 1", [a.id])).rows[0];
    expect(conv).toBeDefined();
    const res = await job("/api/jobs/bot-timeout", { tenantId: b.id, conversationId: conv.id, revision: conv.bot_revision });
    expect(res.json()).toEqual({ outcome: "stale" });
    const same = (await owner().query("select bot_revision from conversations where id = $1", [conv.id])).rows[0];
    expect(same.bot_revision).toBe(conv.bot_revision);
  });

  it("the maintenance sweep drops idle online agents to away; an open inbox stream keeps them present", async () => {
    const t = await createTenant();
    const agent = await t.loginAs("agent");
    expect((await agent.trpc("mutation", "routing.setAvailability", { availability: "online" })).error).toBeNull();
    // The stream refreshes presence as soon as it opens.
    const { request: raw } = await import("node:http");
    await owner().query("update agent_profiles set last_seen_at = now() - interval '20 minutes' where user_id = $1", [t.users.agent.id]);
    await new Promise<void>((resolve) => {
      const req = raw({ host: "127.0.0.1", port: env().port, path: "/api/agent/stream", headers: { host: t.host, cookie: agent.cookieHeader() } }, (res) => {
        res.once("data", () => setTimeout(() => (req.destroy(), resolve()), 300));
      });
      req.end();
    });
    const fresh = (await owner().query("select last_seen_at > now() - interval '1 minute' as fresh from agent_profiles where user_id = $1", [t.users.agent.id])).rows[0];
    expect(fresh.fresh).toBe(true);
    expect((await job("/api/jobs/inbound-recovery", {})).status).toBe(200);
    expect((await owner().query("select availability from agent_profiles where user_id = $1", [t.users.agent.id])).rows[0].availability).toBe("online");
    await owner().query("update agent_profiles set last_seen_at = now() - interval '20 minutes' where user_id = $1", [t.users.agent.id]);
    const swept = await job("/api/jobs/inbound-recovery", {});
    expect(swept.json<{ away: number }>().away).toBeGreaterThanOrEqual(1);
    const row = (await owner().query("select availability from agent_profiles where user_id = $1", [t.users.agent.id])).rows[0];
    expect(row.availability).toBe("away");
  });

  it("the sweep drops dev outbox mails older than a week, and only those", async () => {
    const to = `${uniq("outbox")}@example.com`;
    const { rows } = await owner().query<{ id: string; age: number }>(
      "insert into email_outbox (tenant_id, to_address, subject, html, text_body, created_at) select $1, $2, 'Notificações', '<p>Lead Ana</p>', 'Lead Ana', now() - make_interval(days => d) from unnest(array[8, 6, 0]) d returning id, extract(day from now() - created_at)::int as age",
      [a.id, to],
    );
    const swept = await job("/api/jobs/inbound-recovery", {});
    expect(swept.status).toBe(200);
    expect(swept.json<{ outboxPruned: number }>().outboxPruned).toBeGreaterThanOrEqual(1);
    const left = (await owner().query<{ id: string }>("select id from email_outbox where to_address = $1", [to])).rows.map((r) => r.id);
    expect(left.sort()).toEqual(rows.filter((r) => r.age < 7).map((r) => r.id).sort());
  });

  it("the sweep reminds and retains only the tenants with work due, found by one read across tenants", async () => {
    const [due, later, fresh] = [await createTenant(), await createTenant(), await createTenant()];
    const request = async (t: FixtureTenant, dueDate: string) =>
      (await owner().query<{ id: string }>(
        `insert into privacy_requests (tenant_id, protocol, kind, status, requester_name, requester_email, verified_at, due_date) values ($1, $2, 'access', 'open', 'Ana', 'ana@exemplo.com.br', now(), ${dueDate}) returning id`,
        [t.id, uniq("LGPD")],
      )).rows[0]!.id;
    const dueNow = await request(due, "current_date");
    const dueLater = await request(later, "current_date + 30");
    const idleLead = async (t: FixtureTenant) => (await owner().query<{ id: string }>("insert into leads (tenant_id, name, source, created_at) values ($1, 'Lead antigo', 'web', now() - interval '30 months') returning id", [t.id])).rows[0]!.id;
    const [idleDue, idleFresh] = [await idleLead(due), await idleLead(fresh)];
    const policy = "insert into privacy_retention (tenant_id, enabled, last_run_at) values ($1, true, $2) on conflict (tenant_id) do update set enabled = true, last_run_at = $2";
    await owner().query(policy, [due.id, null]);
    await owner().query(policy, [fresh.id, new Date(Date.now() - 3_600_000)]);

    // The app role reads the tenant ids, and only those with work due.
    const remind = await sql<{ tenant_id: string }>`select tenant_id from app_tenants_with_privacy_reminders(current_date + 1, 10000)`.execute(db.db);
    expect(remind.rows.map((r) => r.tenant_id)).toContain(due.id);
    expect(remind.rows.map((r) => r.tenant_id)).not.toContain(later.id);

    const swept = await job("/api/jobs/inbound-recovery", {});
    expect(swept.status).toBe(200);
    expect(swept.json<{ privacyReminders: number; retained: number }>()).toMatchObject({ privacyReminders: expect.any(Number), retained: expect.any(Number) });
    const reminded = await owner().query<{ id: string; reminded: boolean }>("select id, reminded_at is not null as reminded from privacy_requests where id = any($1)", [[dueNow, dueLater]]);
    expect(Object.fromEntries(reminded.rows.map((r) => [r.id, r.reminded]))).toEqual({ [dueNow]: true, [dueLater]: false });
    const anonymised = await owner().query<{ id: string; anon: boolean }>("select id, anonymised_at is not null as anon from leads where id = any($1)", [[idleDue, idleFresh]]);
    expect(Object.fromEntries(anonymised.rows.map((r) => [r.id, r.anon]))).toEqual({ [idleDue]: true, [idleFresh]: false });

    // A second sweep finds nothing more to do for them: one notification per admin, one retention run.
    const ran = (await owner().query("select last_run_at from privacy_retention where tenant_id = $1", [due.id])).rows[0].last_run_at;
    expect((await job("/api/jobs/inbound-recovery", {})).status).toBe(200);
    expect((await owner().query("select last_run_at from privacy_retention where tenant_id = $1", [due.id])).rows[0].last_run_at).toEqual(ran);
    expect((await owner().query("select count(*)::int as n from notifications where tenant_id = $1 and kind = 'privacy_deadline'", [due.id])).rows[0].n).toBe(1);
  });

  it("the SLA check endpoint takes the same verified callback shape", async () => {
    const body = { tenantId: a.id, conversationId: "00000000-0000-4000-8000-000000000000" };
    const unsigned = await request(env().port, env().rootDomain, "POST", "/api/jobs/sla-check", { headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    expect(unsigned.status).toBe(401);
    const res = await job("/api/jobs/sla-check", body);
    expect(res.status).toBe(200);
    expect(res.json()).toEqual({ outcome: "stale" });
  });

  it("rejects malformed job bodies with zod issues, after the signature check", async () => {
    const res = await job("/api/jobs/bot-timeout", { tenantId: "nope", conversationId: 1 });
    expect(res.status).toBe(400);
    expect(res.json<{ issues: { path: string[] }[] }>().issues.map((i) => i.path[0])).toEqual(expect.arrayContaining(["tenantId", "conversationId", "revision"]));
  });
});
