import type { Database } from "@vendaflow/db/create-db";
import { withTenant, type InTenant, type TenantTx } from "@vendaflow/db/with-tenant";
import type { SubscriptionStatus } from "@vendaflow/validators/billing";
import type { CounterStore } from "../ports/counter-store";
import { defineCache } from "../cache/process-cache";
import { accessFor } from "./access";
import { billingPeriod, USAGE_COUNTER_TTL_MS, usageCounterKey } from "./period";
import type { MessageQuota } from "./quotas";
import { ledgerTotals } from "./usage";
import { PLAN_RATE_LIMIT_COLUMNS, type PlanRateLimitPolicy } from "../rate-limit/policies";

/**
 * The message quota gate without Postgres on its hot path (issue 11: < 0.5 ms per message).
 *
 * - Plan limits (quota and per-minute rate limits) and subscription fields of each tenant are the "plan-limits" process cache
 *   (cache/process-cache.ts: per CounterStore instance, so each test's store gets its own) for
 *   GATE_TTL_MS, dropped at once when the billing version key in the KV store moves: the Stripe
 *   webhook, checkout and the operator's plan editor bump it after their commit
 *   (invalidateBillingGate). A process looks at the version at most every VERSION_CHECK_MS, so
 *   another process's change is seen within a second.
 * - This month's bot messages come from the usage counter in the KV store (Upstash Redis; memory in
 *   embedded mode), incremented after each ledger commit. A missing counter (new month, evicted or
 *   expired key, fresh Redis) is seeded from the Postgres ledger's sum with seedAtLeast, so it never
 *   goes below what concurrent increments already counted.
 * - The Postgres ledger (usage_events) stays the source of truth: invoices, meter
 *   reports, warnings and `pnpm billing:reconcile` read it; the KV counter may lead it by a message
 *   whose transaction rolled back after counting (the quota is then one message stricter).
 */
export const GATE_TTL_MS = 15_000;
export { VERSION_CHECK_MS } from "../cache/process-cache";
export const BILLING_VERSION_KEY = "billing:gate:version";

/** The "plan-limits" hot-read cache, signalled by the billing version key (cache/process-cache.ts). */
const planLimits = defineCache<GatePlan>("plan-limits", { ttlMs: GATE_TTL_MS, versionKey: BILLING_VERSION_KEY });

export interface GatePlan {
  billed: boolean;
  status: SubscriptionStatus | null;
  trialEndsAt: Date | null;
  pastDueSince: Date | null;
  hasStripeSubscription: boolean;
  limit: number | null;
  gracePercent: number;
  /** The plan's per-minute rate limits (rate-limit/plan-limits.ts); null without a subscription. */
  rateLimits: Record<PlanRateLimitPolicy, number> | null;
}

/** Postgres reads of one KV store's gate (tests and the bench look at them). */
interface GateCounts {
  loads: number;
  seeds: number;
}

const counts = new WeakMap<CounterStore, GateCounts>();

/** The gate's counts for one process's KV store (exported for tests and the bench). */
export function gateCache(counters: CounterStore): GateCounts {
  let c = counts.get(counters);
  if (!c) counts.set(counters, (c = { loads: 0, seeds: 0 }));
  return c;
}

const UNBILLED: GatePlan = { billed: false, status: null, trialEndsAt: null, pastDueSince: null, hasStripeSubscription: false, limit: null, gracePercent: 0, rateLimits: null };

async function loadGatePlan(tx: TenantTx): Promise<GatePlan> {
  const row = await tx
    .selectFrom("tenant_subscriptions as s")
    .innerJoin("plans as p", "p.id", "s.plan_id")
    .select(["s.status", "s.trial_ends_at", "s.past_due_since", "s.stripe_subscription_id", "p.max_messages_month", "p.message_grace_percent"])
    .select(["p.rate_api_key_per_minute", "p.rate_user_per_minute", "p.rate_widget_visitor_per_minute", "p.rate_widget_inbox_per_minute"])
    .executeTakeFirst();
  if (!row) return UNBILLED;
  return {
    billed: true,
    status: row.status as SubscriptionStatus,
    trialEndsAt: row.trial_ends_at,
    pastDueSince: row.past_due_since,
    hasStripeSubscription: Boolean(row.stripe_subscription_id),
    limit: row.max_messages_month,
    gracePercent: row.message_grace_percent,
    rateLimits: Object.fromEntries(Object.entries(PLAN_RATE_LIMIT_COLUMNS).map(([policy, column]) => [policy, row[column]])) as Record<PlanRateLimitPolicy, number>,
  };
}

/**
 * The tenant's plan limits and subscription fields: from the process cache, Postgres only on a miss.
 * `from` is a transaction bound to the tenant, or an InTenant that opens one only on a miss (a
 * caller with nothing else to read, such as the widget's rate limits, then makes no round trip).
 */
export async function gatePlan(from: TenantTx | InTenant, counters: CounterStore, tenantId: string, now: Date): Promise<GatePlan> {
  return planLimits.get(counters, tenantId, now, () => {
    gateCache(counters).loads += 1;
    return typeof from === "function" ? from(loadGatePlan) : loadGatePlan(from);
  });
}

/**
 * Billing data changed (a subscription's status or plan, a plan's limits): every process drops its
 * cached plans. Call after the change committed; a KV failure is swallowed (the TTL still bounds it).
 */
export async function invalidateBillingGate(counters: CounterStore): Promise<void> {
  await planLimits.invalidate(counters);
}

/** This month's bot messages from the KV counter; a missing counter is seeded from the ledger's sum. */
export async function botMessagesUsed(tx: TenantTx, counters: CounterStore, tenantId: string, now: Date): Promise<number> {
  const period = billingPeriod(now);
  const key = usageCounterKey(tenantId, "bot_messages", period);
  const v = await counters.peek(key);
  if (v !== null) return v;
  const used = (await ledgerTotals(tx, period, "bot_messages")).bot_messages ?? 0;
  gateCache(counters).seeds += 1;
  return counters.seedAtLeast(key, used, USAGE_COUNTER_TTL_MS);
}

/**
 * After a served message's increment created the month's counter (it returned 1: a new month, or the
 * key was evicted or Redis flushed while conversations kept running), raise it to the ledger's sum
 * (which already holds this message) so the gate and the warnings never read a restarted counter.
 */
export async function reseedBotMessages(db: Database, counters: CounterStore, tenantId: string, period: string): Promise<number> {
  const used = await withTenant(db, tenantId, async (tx) => (await ledgerTotals(tx, period, "bot_messages")).bot_messages ?? 0, { readOnly: true });
  gateCache(counters).seeds += 1;
  return counters.seedAtLeast(usageCounterKey(tenantId, "bot_messages", period), used, USAGE_COUNTER_TTL_MS);
}

/** What botMayServe needs, without Postgres when the plan is cached and the counter exists. */
export async function gateQuota(tx: TenantTx, counters: CounterStore, tenantId: string, now: Date): Promise<MessageQuota> {
  const plan = await gatePlan(tx, counters, tenantId, now);
  if (!plan.billed) return { billed: false, readOnly: false, limit: null, gracePercent: 0, used: 0 };
  const access = accessFor({ status: plan.status!, trialEndsAt: plan.trialEndsAt, pastDueSince: plan.pastDueSince, hasStripeSubscription: plan.hasStripeSubscription }, now);
  const readOnly = access.level === "read_only";
  // Read-only or unlimited: the counter does not decide anything.
  const used = readOnly || plan.limit === null ? 0 : await botMessagesUsed(tx, counters, tenantId, now);
  return { billed: true, readOnly, limit: plan.limit, gracePercent: plan.gracePercent, used };
}
