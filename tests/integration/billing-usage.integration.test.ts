import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stripePayments } from "@vendaflow/connectors/stripe/stripe-payments";
import { memoryStore } from "@vendaflow/connectors/upstash/memory-store";
import { createVendaflowClient } from "@vendaflow/sdk/client";
import { syncCatalog } from "@vendaflow/core/billing/catalog-sync";
import { billingPeriod } from "@vendaflow/core/billing/period";
import { reconcileUsage } from "@vendaflow/core/billing/reconcile";
import { startCheckout } from "@vendaflow/core/billing/checkout";
import { startTrial } from "@vendaflow/core/billing/subscription";
import { countUsage, ledgerTotals, recordUsage } from "@vendaflow/core/billing/usage";
import { reportUsage } from "@vendaflow/core/billing/usage-report";
import type { ScheduledJob } from "@vendaflow/core/ports/scheduler";
import { sql } from "kysely";
import { createDb, type Database } from "@vendaflow/db/create-db";
import { withTenant } from "@vendaflow/db/with-tenant";
import { closeOwner, connectWhatsAppNumber, createTenant, env, owner, uniq, type FixtureTenant } from "../support/fixtures";
import { hostFetch } from "../support/host-fetch";
import { WidgetClient } from "../support/widget-client";
import { startStripeStandIn, type StripeStandIn } from "../stand-ins/stripe";

// Quotas from our own ledger in real time (users, inboxes, bot messages with warnings and a grace),
// usage reported to Stripe billing meters by a retry-safe job, and reconciliation.

const SECRET_KEY = "sk_test_billing_usage";
let stripe: StripeStandIn;
let app: { db: Database; close: () => Promise<void> };
let payments: ReturnType<typeof stripePayments>;
let t: FixtureTenant;
let planId: string;
let apiInbox: { publicKey: string; secret: string };

/** A small plan so the edges are reachable: 10 messages (+20% grace), 4 users, 2 inboxes, 1 WhatsApp number. */
async function smallPlan() {
  const code = `qtest_${Math.random().toString(36).slice(2, 8)}`;
  const { rows } = await owner().query(
    `insert into plans (code, name, price_monthly_cents, price_yearly_cents, max_users, max_messages_month, max_inboxes, max_whatsapp_numbers, message_grace_percent, is_active, sort_order)
     values ($1, 'Teste', 1000, 10000, 4, 10, 2, 1, 20, false, 99) returning id`,
    [code],
  );
  return rows[0].id as string;
}

async function subscribe(tenantId: string, status = "active") {
  await owner().query(
    `insert into tenant_subscriptions (tenant_id, plan_id, status, stripe_customer_id) values ($1, $2, $3, $4)
     on conflict (tenant_id) do update set plan_id = excluded.plan_id, status = excluded.status`,
    [tenantId, planId, status, await payments.createCustomer({ tenantId, name: "t", email: null })],
  );
}

beforeAll(async () => {
  stripe = await startStripeStandIn({ secretKey: SECRET_KEY });
  app = createDb({ url: env().appUrl, max: 4 });
  payments = stripePayments({ secretKey: SECRET_KEY, apiBase: stripe.url });
  await syncCatalog({ db: app.db, payments });
  planId = await smallPlan();
  t = await createTenant();
  await subscribe(t.id);
});
afterAll(async () => {
  await owner().query("delete from tenant_subscriptions where plan_id = $1", [planId]);
  await owner().query("delete from plans where id = $1", [planId]);
  await app?.close();
  await stripe?.close();
  await closeOwner();
});

describe("quotas on users and inboxes", () => {
  it("a fifth user or third inbox is refused with PAYMENT_REQUIRED and the upgrade URL; nothing is created", async () => {
    const admin = await t.loginAs("admin");
    // The fixture has 3 users: one more fits (4), the next does not.
    expect((await admin.trpc("mutation", "users.invite", { email: `${uniq("u")}@x.test`, role: "agent" })).error).toBeNull();
    const refused = await admin.trpc("mutation", "users.invite", { email: `${uniq("u")}@x.test`, role: "agent" });
    expect(refused.error).toMatchObject({ data: { code: "PAYMENT_REQUIRED", details: { resource: "users", limit: 4, upgradeUrl: "/billing" } } });
    expect(refused.error!.message).toMatch(/até 4 usuários/);
    const settings = { allowedOrigins: [], schedulingUrl: "", templates: {} };
    const created = await admin.trpc<{ inbox: { publicKey: string }; secrets: { apiSecret: string } }>("mutation", "inboxes.create", { channel: "api", name: "Um", settings });
    expect(created.error).toBeNull();
    apiInbox = { publicKey: created.data.inbox.publicKey, secret: created.data.secrets.apiSecret };
    expect((await admin.trpc("mutation", "inboxes.create", { channel: "web", name: "Dois", settings })).error).toBeNull();
    const third = await admin.trpc("mutation", "inboxes.create", { channel: "web", name: "Três", settings });
    expect(third.error).toMatchObject({ data: { code: "PAYMENT_REQUIRED", details: { resource: "inboxes" } } });
    expect((await owner().query("select count(*)::int as n from inboxes where tenant_id = $1", [t.id])).rows[0].n).toBe(2);
    // A WhatsApp number is not one of the plan's inboxes: with both site/API inboxes taken, the
    // plan's one number still fits, and the second number is refused as a number.
    const wa = (n: number) => connectWhatsAppNumber(admin, env().graphUrl, { name: `WA ${n}`, settings });
    expect((await wa(1)).error).toBeNull();
    const second = await wa(2);
    expect(second.error).toMatchObject({ data: { code: "PAYMENT_REQUIRED", details: { resource: "whatsapp_numbers", limit: 1 } } });
    expect(second.error!.message).toMatch(/até 1 número de WhatsApp/);
    expect((await owner().query("select channel, count(*)::int as n from inboxes where tenant_id = $1 group by 1 order by 1", [t.id])).rows).toEqual([
      { channel: "api", n: 1 },
      { channel: "web", n: 1 },
      { channel: "whatsapp", n: 1 },
    ]);
  });

  it("a read-only (canceled) account cannot add anything, and says why", async () => {
    const other = await createTenant();
    await subscribe(other.id, "canceled");
    const admin = await other.loginAs("admin");
    const r = await admin.trpc("mutation", "inboxes.create", { channel: "web", name: "Site novo", settings: { allowedOrigins: [], schedulingUrl: "", templates: {} } });
    expect(r.error).toMatchObject({ data: { code: "PAYMENT_REQUIRED", details: { resource: "subscription" } } });
    expect(r.error!.message).toMatch(/somente leitura/);
  });
});

describe("checkout when Stripe cannot be reached", () => {
  it("answers a clear pt-BR error and creates nothing (the shared app runs without Stripe keys)", async () => {
    const fresh = await createTenant();
    await owner().query("insert into tenant_subscriptions (tenant_id, plan_id, status, trial_ends_at) select $1, id, 'trialing', now() + interval '14 days' from plans where code = 'starter'", [fresh.id]);
    const admin = await fresh.loginAs("admin");
    const r = await admin.trpc("mutation", "billing.checkout", { planCode: "growth", interval: "month" });
    expect(r.error, r.error?.message).toMatchObject({ data: { code: "SERVICE_UNAVAILABLE" } });
    expect(r.error!.message).toMatch(/Nada foi alterado/);
    const row = (await owner().query("select status, stripe_customer_id from tenant_subscriptions where tenant_id = $1", [fresh.id])).rows[0];
    expect(row).toEqual({ status: "trialing", stripe_customer_id: null });
    expect((await owner().query("select count(*)::int as n from audit_logs where tenant_id = $1 and action like 'billing.%'", [fresh.id])).rows[0].n).toBe(0);
    // A viewer may not even try.
    const viewer = await fresh.loginAs("viewer");
    expect((await viewer.trpc("mutation", "billing.checkout", { planCode: "growth", interval: "month" })).error).toMatchObject({ data: { code: "FORBIDDEN" } });
  });
});

describe("bot messages against the monthly limit", () => {
  let sdk: ReturnType<typeof createVendaflowClient>;
  beforeAll(() => {
    sdk = createVendaflowClient({ baseUrl: `http://${t.host}`, fetch: hostFetch(env().port, t.host), headers: () => ({ "x-vendaflow-inbox": apiInbox.publicKey, authorization: `Bearer ${apiInbox.secret}` }) });
  });

  // The ledger is the truth (served messages are recorded insert-only); usage_totals is its roll-up.
  const used = async () => Number((await owner().query("select sum(quantity) as n from usage_events where tenant_id = $1 and meter = 'bot_messages' and period = $2", [t.id, billingPeriod(new Date())])).rows[0]?.n ?? 0);
  const rolledUp = async () => Number((await owner().query("select quantity from usage_totals where tenant_id = $1 and meter = 'bot_messages' and period = $2", [t.id, billingPeriod(new Date())])).rows[0]?.quantity ?? 0);
  const mails = async () => (await owner().query("select subject from email_outbox where to_address = $1 and subject ilike '%mensagens%' order by created_at", [t.users.admin.email])).rows.map((r) => r.subject as string);

  it("counts each processed lead message once, warns at 80% and 100% once each, serves up to the grace, then hands new leads to humans", async () => {
    for (let i = 1; i <= 12; i++) {
      const r = await sdk.apiInbox.send.mutate({ externalLeadId: `lead-${i}`, clientMessageId: `msg-${i}-0001`, text: "Olá" });
      expect(r.replies.length, `lead ${i} gets the bot`).toBeGreaterThan(0);
    }
    // A retried message is not counted again.
    await sdk.apiInbox.send.mutate({ externalLeadId: "lead-12", clientMessageId: "msg-12-0001", text: "Olá" });
    expect(await used()).toBe(12);
    const subjects = await mails();
    expect(subjects).toHaveLength(2);
    expect(subjects[0]).toMatch(/80%/);
    expect(subjects[1]).toMatch(/atingiu o limite/);
    // The banner's figure, for every role (the layout shows it from 80%).
    const viewer = await t.loginAs("viewer");
    expect((await viewer.trpc<{ messagesPercent: number | null }>("query", "billing.status")).data.messagesPercent).toBe(120);
    // Past limit + 20%: a new lead is kept and handed to the team, told so as any handoff says it, and not billed.
    const over = await sdk.apiInbox.send.mutate({ externalLeadId: "lead-13", clientMessageId: "msg-13-0001", text: "Olá, quero comprar" });
    expect(over.replies.map((r) => r.text)).toEqual([HANDOFF]);
    const conv = (await owner().query("select c.status, c.handoff_reason from conversations c join leads l on l.id = c.lead_id where c.tenant_id = $1 and l.visitor_id = 'api:lead-13'", [t.id])).rows[0];
    expect(conv).toEqual({ status: "pending", handoff_reason: "quota_exceeded" });
    expect(await used()).toBe(12);
    // A lead already talking to the bot keeps being served (and billed).
    const cont = await sdk.apiInbox.send.mutate({ externalLeadId: "lead-1", clientMessageId: "msg-1-0002", text: "Ana" });
    expect(cont.replies.length).toBeGreaterThan(0);
    expect(await used()).toBe(13);
    expect(await mails()).toHaveLength(2);
    // The hot path kept no running total (only the warnings' claim row); the report job rolls it up.
    expect(await rolledUp()).toBe(0);
    await reportUsage({ db: app.db, payments, now: () => new Date() }, { tenantId: t.id });
    expect(await rolledUp()).toBe(13);
    expect((await owner().query("select warned_percent from usage_totals where tenant_id = $1 and meter = 'bot_messages'", [t.id])).rows).toEqual([{ warned_percent: 100 }]);
  });
});

// What the bot says when it hands a lead to the team unasked (bot/messages.ts timeoutHandoff, billingHandoff).
const HANDOFF = "Vou deixar seu atendimento com nossa equipe, que vai falar com você em breve.";

describe("a new widget lead while the quota stops the bot", () => {
  const SITE = "http://site.example";
  const CLOSED = "No momento estamos fora do horário de atendimento. Nossa equipe volta amanhã às 08:00 (horário de Brasília) e continua a conversa com você por aqui.";

  /** A tenant on the small plan past its 10 messages + 20% grace, with a site inbox; closed: open 08:00-18:00 every day but today (a holiday). */
  async function overQuota(closed: boolean) {
    const o = await createTenant();
    await subscribe(o.id);
    // The ledger the gate seeds its counter from.
    await withTenant(app.db, o.id, (tx) => recordUsage(tx, o.id, { meter: "bot_messages", quantity: 12, sourceId: "before", occurredAt: new Date() }));
    const admin = await o.loginAs("admin");
    const created = await admin.trpc<{ inbox: { publicKey: string } }>("mutation", "inboxes.create", { channel: "web", name: "Site", settings: { allowedOrigins: [SITE], schedulingUrl: "", templates: {} } });
    expect(created.error).toBeNull();
    if (closed) {
      const today = new Date().toLocaleDateString("en-CA", { timeZone: "America/Sao_Paulo" });
      const everyDay = [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, open: "08:00", close: "18:00" }));
      await owner().query("insert into business_hours (tenant_id, timezone, weekly, holidays) values ($1, 'America/Sao_Paulo', $2, $3)", [o.id, JSON.stringify(everyDay), [today]]);
    }
    return { o, publicKey: created.data.inbox.publicKey };
  }

  const botTexts = async (w: WidgetClient) => (await w.messages(0)).messages.filter((m) => m.sender === "bot").map((m) => m.text);
  const ledger = async (tenantId: string) => Number((await owner().query("select sum(quantity) as n from usage_events where tenant_id = $1 and meter = 'bot_messages'", [tenantId])).rows[0].n);

  /** The visitor accepts the notice (the bot would greet: billing hands the conversation over), then writes twice. */
  async function visit(publicKey: string, o: FixtureTenant, expected: string[]) {
    const w = new WidgetClient(env().port, env().rootDomain, SITE);
    expect((await w.start(publicKey)).status).toBe(200);
    expect((await w.consent()).status).toBe(200);
    await expect.poll(() => botTexts(w)).toEqual(expected);
    for (const text of ["Olá", "Alguém aí?"]) {
      expect((await w.send({ text })).status).toBe(200);
      // Processed (kept for the agents), and nothing more said.
      await expect.poll(async () => (await owner().query("select count(*)::int as n from inbound_events where tenant_id = $1 and status = 'pending'", [o.id])).rows[0].n).toBe(0);
    }
    expect(await botTexts(w)).toEqual(expected);
    expect((await w.messages(0)).messages.filter((m) => m.sender === "lead").map((m) => m.text)).toEqual(["Olá", "Alguém aí?"]);
    const conv = (await owner().query("select status, handoff_reason from conversations where tenant_id = $1", [o.id])).rows;
    expect(conv).toEqual([{ status: "pending", handoff_reason: "quota_exceeded" }]);
    expect(await ledger(o.id)).toBe(12);
  }

  it("hears the handoff once, the team gets the conversation, nothing is billed", async () => {
    const { o, publicKey } = await overQuota(false);
    await visit(publicKey, o, [HANDOFF]);
  });

  it("on a closed team with nobody assigned, also hears when the team is back", async () => {
    const { o, publicKey } = await overQuota(true);
    await visit(publicKey, o, [HANDOFF, CLOSED]);
  });
});

describe("usage ledger, meter reports and reconciliation", () => {
  let u: FixtureTenant;
  const customer = async () => (await owner().query("select stripe_customer_id from tenant_subscriptions where tenant_id = $1", [u.id])).rows[0].stripe_customer_id as string;
  beforeAll(async () => {
    u = await createTenant();
    await subscribe(u.id);
  });

  it("accepts any registered meter by name, once per source; an unregistered meter is refused", async () => {
    await owner().query("insert into billing_meters (name, display_name) values ('test_widgets', 'Widgets de teste') on conflict do nothing");
    const now = new Date();
    const first = await withTenant(app.db, u.id, (tx) => recordUsage(tx, u.id, { meter: "test_widgets", quantity: 5, sourceId: "w-1", occurredAt: now }));
    const again = await withTenant(app.db, u.id, (tx) => recordUsage(tx, u.id, { meter: "test_widgets", quantity: 5, sourceId: "w-1", occurredAt: now }));
    expect(first).toMatchObject({ recorded: true, total: 5 });
    expect(again).toMatchObject({ recorded: false, total: 5 });
    await expect(withTenant(app.db, u.id, (tx) => recordUsage(tx, u.id, { meter: "nao_existe", quantity: 1, sourceId: "x", occurredAt: now }))).rejects.toThrow();
  });

  it("reports to the meter once even when the job dies midway and is retried; old usage is clamped into the 35-day window", async () => {
    const now = new Date();
    for (let i = 0; i < 7; i++) await withTenant(app.db, u.id, (tx) => recordUsage(tx, u.id, { meter: "bot_messages", quantity: 1, sourceId: `m-${i}`, occurredAt: now }));
    const old = new Date(now.getTime() - 40 * 86_400_000);
    await withTenant(app.db, u.id, (tx) => recordUsage(tx, u.id, { meter: "bot_messages", quantity: 3, sourceId: "old-1", occurredAt: old }));
    const deps = { db: app.db, payments, now: () => new Date() };
    // Stripe unreachable: batches are claimed, nothing is acknowledged.
    stripe.down = true;
    const failed = await reportUsage(deps, { tenantId: u.id });
    stripe.down = false;
    expect(failed).toMatchObject({ claimed: 2, sent: 0, failed: 2 });
    // Stripe got one batch but the acknowledgement was lost (the job died after sending).
    const pending = (await owner().query("select identifier, quantity, event_at, stripe_customer_id from usage_reports where tenant_id = $1 and acknowledged_at is null and period = $2", [u.id, billingPeriod(now)])).rows[0];
    await payments.reportMeterEvent({ eventName: "vf_bot_messages", customerId: pending.stripe_customer_id, value: Number(pending.quantity), identifier: pending.identifier, timestamp: pending.event_at });
    const retried = await reportUsage(deps, { tenantId: u.id });
    expect(retried).toMatchObject({ claimed: 0, sent: 2, failed: 0 });
    expect(stripe.meterTotal("vf_bot_messages", await customer())).toBe(10);
    // Nothing left: a third run sends nothing.
    expect(await reportUsage(deps, { tenantId: u.id })).toMatchObject({ claimed: 0, sent: 0 });
    expect(stripe.meterTotal("vf_bot_messages", await customer())).toBe(10);
    const oldest = Math.min(...stripe.meterEvents.filter((e: any) => e.payload.stripe_customer_id === (pending.stripe_customer_id as string)).map((e: any) => e.timestamp as number));
    expect(oldest).toBeGreaterThan(Math.floor(now.getTime() / 1000) - 35 * 86_400);
    // Unregistered in Stripe (no meter id): test_widgets stays in the ledger, unclaimed.
    expect((await owner().query("select count(*)::int as n from usage_events where tenant_id = $1 and meter = 'test_widgets' and report_id is null", [u.id])).rows[0].n).toBe(1);
  });

  it("reconciliation lists only where Redis, the totals and the ledger disagree", async () => {
    const period = billingPeriod(new Date());
    const counters = memoryStore();
    await countUsage(counters, u.id, { meter: "bot_messages", quantity: 7 }, period);
    await countUsage(counters, u.id, { meter: "test_widgets", quantity: 5 }, period);
    expect((await reconcileUsage({ db: app.db, counters }, period, [u.id])).differences).toEqual([]);
    await countUsage(counters, u.id, { meter: "bot_messages", quantity: 1 }, period);
    const r = await reconcileUsage({ db: app.db, counters }, period, [u.id]);
    expect(r.differences).toEqual([{ tenantId: u.id, meter: "bot_messages", period, ledger: 7, totals: 7, redis: 8, stripeAcknowledged: 7, pending: 0, stripe: null }]);
  });

  it("reconciliation with Stripe: its meter summary for the month against what it acknowledged", async () => {
    const period = billingPeriod(new Date());
    const counters = memoryStore();
    await countUsage(counters, u.id, { meter: "bot_messages", quantity: 7 }, period);
    await countUsage(counters, u.id, { meter: "test_widgets", quantity: 5 }, period);
    // Stripe holds what our job sent this month (7; the clamped old batch sits in an earlier month).
    expect((await reconcileUsage({ db: app.db, counters, payments }, period, [u.id])).differences).toEqual([]);
    // Someone reports to the meter outside our job: Stripe now bills more than the ledger says.
    await payments.reportMeterEvent({ eventName: "vf_bot_messages", customerId: await customer(), value: 2, identifier: `stray-${u.id}`, timestamp: new Date() });
    const r = await reconcileUsage({ db: app.db, counters, payments }, period, [u.id]);
    expect(r.differences).toEqual([{ tenantId: u.id, meter: "bot_messages", period, ledger: 7, totals: 7, redis: 7, stripeAcknowledged: 7, pending: 0, stripe: 9 }]);
    // Stripe unreachable: the command fails loudly rather than reporting agreement.
    stripe.down = true;
    try {
      await expect(reconcileUsage({ db: app.db, counters, payments }, period, [u.id])).rejects.toThrow();
    } finally {
      stripe.down = false;
    }
  });
});

describe("usage chart", () => {
  it("this month's messages day by day in São Paulo time, as a running total up to today, only the tenant's own", async () => {
    const { dailyUsage } = await import("@vendaflow/core/billing/usage-daily");
    const c = await createTenant();
    const other = await createTenant();
    const rec = (tenantId: string, at: string, id: string, quantity = 1) =>
      withTenant(app.db, tenantId, (tx) => recordUsage(tx, tenantId, { meter: "bot_messages", quantity, sourceId: id, occurredAt: new Date(at) }));
    await rec(c.id, "2026-11-01T03:30:00Z", "d1"); // 00:30 on 1 Nov in São Paulo
    await rec(c.id, "2026-11-01T02:00:00Z", "oct"); // still 31 Oct there: October's period
    await rec(c.id, "2026-11-10T12:00:00Z", "d10", 2);
    await rec(c.id, "2026-11-20T12:00:00Z", "d20");
    await rec(other.id, "2026-11-05T12:00:00Z", "x", 50);
    const now = new Date("2026-11-20T15:00:00Z");
    const d = await withTenant(app.db, c.id, (tx) => dailyUsage(tx, now));
    expect(d.period).toBe("2026-11");
    expect(d.days).toBe(30);
    expect(d.cumulative).toHaveLength(20);
    expect([d.cumulative[0], d.cumulative[8], d.cumulative[9], d.cumulative[19]]).toEqual([1, 1, 3, 4]);
    // The billing page gets it with the overview (admins only).
    const admin = await c.loginAs("admin");
    const o = await admin.trpc<{ usage: { messagesDaily: { days: number; cumulative: number[] } } }>("query", "billing.overview");
    expect(o.error).toBeNull();
    expect(o.data.usage.messagesDaily.days).toBeGreaterThanOrEqual(28);
    expect((await (await c.loginAs("viewer")).trpc("query", "billing.overview")).error?.data?.code).toBe("FORBIDDEN");
  });
});

describe("usage report across tenants: fair order, time budget, trial usage never billed", () => {
  // Rows dated in 1990 are older than any other test's, so these tenants lead the cross-tenant list.
  const at = (day: number) => new Date(Date.UTC(1990, 0, day, 12));
  const rec = (tenantId: string, sourceId: string, quantity: number, occurredAt = new Date()) =>
    withTenant(app.db, tenantId, (tx) => recordUsage(tx, tenantId, { meter: "bot_messages", quantity, sourceId, occurredAt }));
  const customerOf = async (tenantId: string) => (await owner().query("select stripe_customer_id from tenant_subscriptions where tenant_id = $1", [tenantId])).rows[0]?.stripe_customer_id as string | null;
  const listed = async () => (await sql<{ tenant_id: string }>`select tenant_id from app_tenants_with_unreported_usage(100000)`.execute(app.db)).rows.map((r) => r.tenant_id);
  const sentTo = async (tenantId: string) => stripe.meterTotal("vf_bot_messages", (await customerOf(tenantId))!);
  const pendingRows = async (tenantId: string) => (await owner().query("select count(*)::int as n from usage_events where tenant_id = $1 and report_id is null and unbilled_at is null", [tenantId])).rows[0].n as number;

  it("takes the tenant whose usage waited longest first; a run cut by its time budget leaves the rest to the next run, which goes on from there", async () => {
    // Created first, but its usage is newer.
    const newer = await createTenant();
    const older = await createTenant();
    await subscribe(newer.id);
    await subscribe(older.id);
    await rec(newer.id, "n-1", 2, at(3));
    await rec(older.id, "o-1", 5, at(2));
    await rec(older.id, "o-2", 1, at(4));
    const list = await listed();
    expect(list.indexOf(older.id)).toBeGreaterThanOrEqual(0);
    expect(list.indexOf(older.id)).toBeLessThan(list.indexOf(newer.id));
    expect(list.slice(0, 2)).toEqual([older.id, newer.id]);

    // A budget of 0 ms: every run handles one tenant (a run always handles at least one) and queues the next.
    const jobs: ScheduledJob[] = [];
    const scheduler = { kind: "local" as const, schedule: async (job: ScheduledJob) => void jobs.push(job) };
    const deps = { db: app.db, payments, scheduler, now: () => new Date() };
    const first = await reportUsage(deps, { budgetMs: 0 });
    expect(first).toMatchObject({ tenants: 1, claimed: 1, sent: 1, failed: 0, more: true });
    expect(await sentTo(older.id)).toBe(6);
    expect(await sentTo(newer.id)).toBe(0);
    expect(await pendingRows(newer.id)).toBe(1);
    expect(jobs).toEqual([expect.objectContaining({ path: "/api/jobs/usage-report", body: {}, delaySeconds: 0 })]);
    // The handled tenant left the list; the next run starts where this one stopped.
    expect(await listed()).not.toContain(older.id);
    expect((await listed())[0]).toBe(newer.id);
    const second = await reportUsage(deps, { budgetMs: 0 });
    expect(second).toMatchObject({ tenants: 1, sent: 1, more: true });
    expect(await sentTo(newer.id)).toBe(2);
    expect(await sentTo(older.id)).toBe(6);
    // New usage of the first tenant waits behind older usage of others, never jumps the queue.
    await rec(older.id, "o-3", 1, at(20));
    await rec(newer.id, "n-2", 1, at(10));
    const again = await listed();
    expect(again.indexOf(newer.id)).toBeLessThan(again.indexOf(older.id));
    // With the default budget a run drains the rest and queues nothing more.
    jobs.length = 0;
    const rest = await reportUsage(deps);
    expect(rest.more).toBe(false);
    expect(jobs).toEqual([]);
    expect([await sentTo(older.id), await sentTo(newer.id)]).toEqual([7, 3]);
    expect(await listed()).not.toContain(older.id);
    expect(await listed()).not.toContain(newer.id);
  });

  it("a batch Stripe keeps refusing moves behind the others instead of holding the head of the list", async () => {
    const stuck = await createTenant();
    const other = await createTenant();
    await subscribe(stuck.id);
    await subscribe(other.id);
    await rec(stuck.id, "s-1", 1, at(1));
    await rec(other.id, "x-1", 1, at(5));
    expect((await listed()).slice(0, 2)).toEqual([stuck.id, other.id]);
    const deps = { db: app.db, payments, now: () => new Date() };
    stripe.down = true;
    try {
      expect(await reportUsage(deps, { tenantId: stuck.id })).toMatchObject({ claimed: 1, failed: 1 });
    } finally {
      stripe.down = false;
    }
    // Its unacknowledged batch counts from its last attempt (now), behind other's 1990 usage.
    const list = await listed();
    expect(list.indexOf(other.id)).toBeLessThan(list.indexOf(stuck.id));
    await reportUsage(deps, { tenantId: other.id });
    await reportUsage(deps, { tenantId: stuck.id });
    expect([await sentTo(stuck.id), await sentTo(other.id)]).toEqual([1, 1]);
  });

  it("a card-less trial's usage is settled as not billable: left off the list, never sent to Stripe even after a customer comes, still counted for quotas", async () => {
    const trial = await createTenant();
    const billed = await createTenant();
    await withTenant(app.db, trial.id, (tx) => startTrial(tx, trial.id, new Date()));
    await subscribe(billed.id);
    const now = new Date();
    const period = billingPeriod(now);
    await rec(trial.id, "t-1", 3, now);
    await rec(trial.id, "t-2", 1, at(1));
    await rec(billed.id, "b-1", 4, now);
    expect(await listed()).toContain(trial.id);

    const deps = { db: app.db, payments, now: () => new Date() };
    // The whole list: the trial's rows are settled, the billed tenant's are claimed and sent.
    const run = await reportUsage(deps);
    expect(run.unbilled).toBeGreaterThanOrEqual(2);
    expect(await listed()).not.toContain(trial.id);
    expect(await listed()).not.toContain(billed.id);
    expect(await sentTo(billed.id)).toBe(4);
    expect((await owner().query("select count(*)::int as n from usage_events where tenant_id = $1 and unbilled_at is not null", [trial.id])).rows[0].n).toBe(2);
    // Settled, not claimed: no batch exists for the trial, and the next runs have nothing of it to sum.
    expect((await owner().query("select count(*)::int as n from usage_reports where tenant_id = $1", [trial.id])).rows[0].n).toBe(0);
    expect(await reportUsage(deps, { tenantId: trial.id })).toMatchObject({ claimed: 0, unbilled: 0, sent: 0 });

    // More trial usage, then the tenant starts Checkout (its first Stripe customer) before any run:
    // that usage is settled in the checkout's transaction, not claimed under the new customer.
    await rec(trial.id, "t-3", 2, now);
    await rec(billed.id, "b-2", 1, now);
    const links = { tenantUrl: (slug: string, path: string) => `https://${slug}.vendaflow.test${path}` } as never;
    await withTenant(app.db, trial.id, (tx) =>
      startCheckout(tx, { payments, links, now: () => new Date() }, { id: trial.id, slug: trial.slug, name: trial.slug }, { email: trial.users.admin.email }, { planCode: "growth", interval: "month" }, {}),
    );
    const customer = await customerOf(trial.id);
    expect(customer).toMatch(/^cus_/);
    expect(await pendingRows(trial.id)).toBe(0);
    // Only the other tenant's row is still waiting: the settling stayed inside the trial tenant.
    expect(await pendingRows(billed.id)).toBe(1);

    // Usage after the customer is billed; the trial's never is.
    await rec(trial.id, "t-4", 5, now);
    const after = await reportUsage(deps, { tenantId: trial.id });
    expect(after).toMatchObject({ claimed: 1, sent: 1, unbilled: 0 });
    expect(stripe.meterTotal("vf_bot_messages", customer!)).toBe(5);
    expect(stripe.meterEvents.filter((e: any) => e.payload.stripe_customer_id === customer).map((e: any) => Number(e.payload.value))).toEqual([5]);
    await reportUsage(deps, { tenantId: billed.id });
    expect(await sentTo(billed.id)).toBe(5);

    // The quota ledger counts all of the trial tenant's usage, and only its own.
    const month = await withTenant(app.db, trial.id, (tx) => ledgerTotals(tx, period, "bot_messages"));
    expect(month).toEqual({ bot_messages: 3 + 2 + 5 });
    expect((await owner().query("select quantity::int as n from usage_totals where tenant_id = $1 and meter = 'bot_messages' and period = $2", [trial.id, period])).rows[0].n).toBe(10);
    expect((await owner().query("select quantity::int as n from usage_totals where tenant_id = $1 and meter = 'bot_messages' and period = '1990-01'", [trial.id])).rows[0].n).toBe(1);
    expect((await owner().query("select quantity::int as n from usage_totals where tenant_id = $1 and meter = 'bot_messages' and period = $2", [billed.id, period])).rows[0].n).toBe(5);
  });
});
