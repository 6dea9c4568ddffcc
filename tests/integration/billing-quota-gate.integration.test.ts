import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { memoryStore } from "@vendaflow/connectors/upstash/memory-store";
import { upstashStore } from "@vendaflow/connectors/upstash/upstash-store";
import { botQuotaGate, recordServedBotMessage, warnOnBotMessages } from "@vendaflow/core/billing/meter-bot-message";
import { updatePlan } from "@vendaflow/core/billing/operator";
import { billingPeriod, usageCounterKey } from "@vendaflow/core/billing/period";
import { GATE_TTL_MS, gateCache, gatePlan, gateQuota, invalidateBillingGate, reseedBotMessages, VERSION_CHECK_MS } from "@vendaflow/core/billing/quota-gate";
import { countUsage, recordUsage } from "@vendaflow/core/billing/usage";
import type { CounterStore } from "@vendaflow/core/ports/counter-store";
import { createDb, type Database } from "@vendaflow/db/create-db";
import { withTenant, type TenantTx } from "@vendaflow/db/with-tenant";
import { closeOwner, createTenant, env, owner, type FixtureTenant } from "../support/fixtures";
import { startUpstashRestBridge } from "../stand-ins/upstash-rest";

// The message quota gate without Postgres on its hot path (core/billing/quota-gate.ts): plans and
// subscription status cached per process and invalidated through a version key in the KV store, the
// month's bot messages from the KV counter seeded from the Postgres ledger when missing.

let app: { db: Database; close: () => Promise<void> };
let bridge: Awaited<ReturnType<typeof startUpstashRestBridge>>;
let planId: string;
let planCode: string;
let operatorId: string;
const now = new Date();
const period = billingPeriod(now);
const later = (ms: number) => new Date(now.getTime() + ms);
const mail = { email: { kind: "outbox" as const, send: async () => {} }, links: { tenantUrl: () => "", rootUrl: () => "" } };

async function subscribed(status = "active"): Promise<FixtureTenant> {
  const t = await createTenant();
  await owner().query("insert into tenant_subscriptions (tenant_id, plan_id, status) values ($1, $2, $3)", [t.id, planId, status]);
  return t;
}
const tx = <T>(t: FixtureTenant, fn: (x: TenantTx) => Promise<T>) => withTenant(app.db, t.id, fn);

beforeAll(async () => {
  app = createDb({ url: env().appUrl, max: 4 });
  bridge = await startUpstashRestBridge({ redisUrl: process.env.REDIS_URL ?? "redis://127.0.0.1:6379", token: "gate-token" });
  planCode = `gate_${Math.random().toString(36).slice(2, 8)}`;
  // 10 messages a month + 20% grace: a new conversation is refused from the 12th message on.
  planId = (
    await owner().query(
      `insert into plans (code, name, price_monthly_cents, price_yearly_cents, max_users, max_messages_month, max_inboxes, max_whatsapp_numbers, message_grace_percent, is_active, sort_order)
       values ($1, 'Gate', 1000, 10000, 4, 10, 2, 1, 20, false, 99) returning id`,
      [planCode],
    )
  ).rows[0].id;
  operatorId = (await owner().query("select id from platform_operators order by created_at limit 1")).rows[0].id;
});
afterAll(async () => {
  await owner().query("delete from tenant_subscriptions where plan_id = $1", [planId]);
  await owner().query("delete from platform_audit_logs where entity_id = $1", [planCode]);
  await owner().query("delete from plans where id = $1", [planId]);
  await app?.close();
  await bridge?.close();
  await closeOwner();
});

describe("the usage counter in the KV store", () => {
  it("a missing counter is seeded from the Postgres ledger once, then read from the KV store alone", async () => {
    const t = await subscribed();
    const counters = memoryStore();
    for (let i = 0; i < 7; i++) await tx(t, (x) => recordUsage(x, t.id, { meter: "bot_messages", quantity: 1, sourceId: `seed-${i}`, occurredAt: now }));
    expect(await counters.peek(usageCounterKey(t.id, "bot_messages", period))).toBeNull();
    expect((await tx(t, (x) => gateQuota(x, counters, t.id, now))).used).toBe(7);
    expect(gateCache(counters).seeds).toBe(1);
    expect(await counters.peek(usageCounterKey(t.id, "bot_messages", period))).toBe(7);
    // Served messages add to the counter after commit (countUsage); no further seeding.
    await counters.incrementBy(usageCounterKey(t.id, "bot_messages", period), 2, 60_000);
    expect((await tx(t, (x) => gateQuota(x, counters, t.id, now))).used).toBe(9);
    expect(gateCache(counters).seeds).toBe(1);
    // A new month starts from the ledger of that month (nothing yet).
    const next = new Date(now.getTime() + 32 * 86_400_000);
    expect((await tx(t, (x) => gateQuota(x, counters, t.id, next))).used).toBe(0);
    expect(gateCache(counters).seeds).toBe(2);
  });

  it("seeding never lowers a counter that increments already moved past the seed (memory and Upstash Redis)", async () => {
    const stores: CounterStore[] = [memoryStore(), upstashStore(bridge.url, "gate-token")];
    for (const s of stores) {
      const key = `usage:test:${Math.random().toString(36).slice(2)}`;
      expect(await s.seedAtLeast(key, 5, 60_000)).toBe(5);
      expect(await s.incrementBy(key, 3, 60_000)).toBe(8);
      expect(await s.seedAtLeast(key, 6, 60_000)).toBe(8);
      expect(await s.seedAtLeast(key, 10, 60_000)).toBe(10);
      expect(await s.peek(key)).toBe(10);
      expect(await s.peek(`${key}:absent`)).toBeNull();
    }
  });

  it("over the limit plus grace a new conversation goes to humans, a running one is served; the ledger stays the truth", async () => {
    const t = await subscribed();
    const counters = memoryStore();
    await counters.seedAtLeast(usageCounterKey(t.id, "bot_messages", period), 11, 60_000);
    expect(await tx(t, (x) => botQuotaGate(x, { counters }, t.id, { newConversation: true, now }))).toEqual({ serve: true });
    await counters.incrementBy(usageCounterKey(t.id, "bot_messages", period), 1, 60_000);
    expect(await tx(t, (x) => botQuotaGate(x, { counters }, t.id, { newConversation: true, now }))).toEqual({ serve: false, reason: "quota_exceeded" });
    expect(await tx(t, (x) => botQuotaGate(x, { counters }, t.id, { newConversation: false, now }))).toEqual({ serve: true });
    // Recording goes to Postgres (once per inbound event), whatever the KV counter says.
    const eventId = randomUUID();
    const first = await tx(t, (x) => recordServedBotMessage(x, { db: app.db, counters, ...mail }, t.id, { eventId, now }));
    await tx(t, (x) => recordServedBotMessage(x, { db: app.db, counters, ...mail }, t.id, { eventId, now }));
    expect(first).toEqual({ period, limit: 10 });
    // Insert-only: one ledger row, no running total kept on this path.
    expect((await owner().query("select count(*)::int as n from usage_events where tenant_id = $1 and source_id = $2", [t.id, eventId])).rows[0].n).toBe(1);
    expect((await owner().query("select count(*)::int as n from usage_totals where tenant_id = $1", [t.id])).rows[0].n).toBe(0);
  });

  it("an unpaid account is read-only: new conversations go to humans without reading the counter", async () => {
    const t = await subscribed("unpaid");
    const counters = memoryStore();
    expect(await tx(t, (x) => botQuotaGate(x, { counters }, t.id, { newConversation: true, now }))).toEqual({ serve: false, reason: "billing_inactive" });
    expect(gateCache(counters).seeds).toBe(0);
  });
});

describe("the per-process cache of plan and status", () => {
  it("reads Postgres once per tenant within the TTL, and again after it", async () => {
    const t = await subscribed();
    const counters = memoryStore();
    await tx(t, (x) => gatePlan(x, counters, t.id, now));
    await tx(t, (x) => gatePlan(x, counters, t.id, later(GATE_TTL_MS - 1)));
    expect(gateCache(counters).loads).toBe(1);
    await owner().query("update tenant_subscriptions set status = 'canceled' where tenant_id = $1", [t.id]);
    // Changed behind the cache's back (no invalidation): seen once the TTL ran out.
    expect((await tx(t, (x) => gatePlan(x, counters, t.id, later(GATE_TTL_MS - 1)))).status).toBe("active");
    expect((await tx(t, (x) => gatePlan(x, counters, t.id, later(GATE_TTL_MS)))).status).toBe("canceled");
    expect(gateCache(counters).loads).toBe(2);
  });

  it("the operator's plan edit invalidates it at once in this process and within a second in another sharing Redis", async () => {
    const t = await subscribed();
    const here = upstashStore(bridge.url, "gate-token");
    const there = upstashStore(bridge.url, "gate-token");
    expect((await tx(t, (x) => gatePlan(x, here, t.id, now))).limit).toBe(10);
    expect((await tx(t, (x) => gatePlan(x, there, t.id, now))).limit).toBe(10);
    const plan = (await owner().query("select * from plans where id = $1", [planId])).rows[0];
    await updatePlan(
      { db: app.db, counters: here },
      {
        code: planCode,
        name: plan.name,
        description: plan.description,
        priceMonthlyCents: plan.price_monthly_cents,
        priceYearlyCents: plan.price_yearly_cents,
        overageMessageCents: plan.overage_message_cents,
        maxUsers: plan.max_users,
        maxMessagesMonth: 50,
        maxInboxes: plan.max_inboxes,
        maxWhatsappNumbers: plan.max_whatsapp_numbers,
        messageGracePercent: plan.message_grace_percent,
        features: [],
        isActive: false,
      },
      { actorOperatorId: operatorId },
    );
    expect((await tx(t, (x) => gatePlan(x, here, t.id, later(1)))).limit).toBe(50);
    // The other process looks at the version key at most once a second.
    expect((await tx(t, (x) => gatePlan(x, there, t.id, later(1)))).limit).toBe(10);
    expect((await tx(t, (x) => gatePlan(x, there, t.id, later(VERSION_CHECK_MS + 1)))).limit).toBe(50);
    await owner().query("update plans set max_messages_month = 10 where id = $1", [planId]);
    await invalidateBillingGate(here);
  });

  it("a subscription change through the billing flow (after commit) drops the cached status", async () => {
    const t = await subscribed();
    const counters = memoryStore();
    expect((await tx(t, (x) => gatePlan(x, counters, t.id, now))).status).toBe("active");
    await owner().query("update tenant_subscriptions set status = 'past_due', past_due_since = now() - interval '8 days' where tenant_id = $1", [t.id]);
    await invalidateBillingGate(counters);
    expect((await tx(t, (x) => gateQuota(x, counters, t.id, later(1)))).readOnly).toBe(true);
    expect(gateCache(counters).loads).toBe(2);
  });
});

describe("usage warnings from the KV counter's value", () => {
  it("80% and 100% are claimed once in Postgres across processes; below a threshold nothing touches Postgres", async () => {
    const t = await subscribed();
    const sent: string[] = [];
    const deps = (counters: CounterStore) => ({ db: app.db, counters, email: { kind: "outbox" as const, send: async (m: { subject: string }) => void sent.push(m.subject) }, links: mail.links });
    const one = deps(memoryStore());
    const two = deps(memoryStore());
    // Limit 10: 7 crosses nothing (no claim row is written).
    await warnOnBotMessages(one, t.id, { period, used: 7, limit: 10 });
    expect((await owner().query("select count(*)::int as n from usage_totals where tenant_id = $1", [t.id])).rows[0].n).toBe(0);
    await warnOnBotMessages(one, t.id, { period, used: 8, limit: 10 });
    await warnOnBotMessages(one, t.id, { period, used: 9, limit: 10 });
    // Another process sees 80% already claimed: no second mail.
    await warnOnBotMessages(two, t.id, { period, used: 9, limit: 10 });
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatch(/80%/);
    await warnOnBotMessages(two, t.id, { period, used: 10, limit: 10 });
    await warnOnBotMessages(one, t.id, { period, used: 11, limit: 10 });
    expect(sent).toHaveLength(2);
    expect(sent[1]).toMatch(/atingiu o limite/);
    expect((await owner().query("select warned_percent, quantity::int from usage_totals where tenant_id = $1", [t.id])).rows).toEqual([{ warned_percent: 100, quantity: 0 }]);
    // Unlimited plans never warn.
    await warnOnBotMessages(deps(memoryStore()), t.id, { period: "2020-01", used: 1_000_000, limit: null });
    expect(sent).toHaveLength(2);
  });
});

describe("a counter restarted while conversations keep running", () => {
  it("the increment that recreates it (returns 1) is raised to the ledger's sum, never lowered", async () => {
    const t = await subscribed();
    for (let i = 0; i < 4; i++) await tx(t, (x) => recordServedBotMessage(x, { db: app.db, counters: memoryStore(), ...mail }, t.id, { eventId: randomUUID(), now }));
    const counters = memoryStore();
    // Redis lost the key: the served message's increment starts over at 1.
    expect(await countUsage(counters, t.id, { meter: "bot_messages", quantity: 1 }, period)).toBe(1);
    expect(await reseedBotMessages(app.db, counters, t.id, period)).toBe(4);
    expect(await counters.peek(usageCounterKey(t.id, "bot_messages", period))).toBe(4);
    await counters.incrementBy(usageCounterKey(t.id, "bot_messages", period), 3, 60_000);
    expect(await reseedBotMessages(app.db, counters, t.id, period)).toBe(7);
  });
});
