import type { TenantTx } from "@vendaflow/db/with-tenant";
import type { CounterStore } from "../ports/counter-store";
import { assertRateLimit, type RateLimitState } from "./assert-rate-limit";
import { PLAN_RATE_LIMIT_COLUMNS, RATE_LIMIT_POLICIES, type PlanRateLimitPolicy } from "./policies";

export type PlanRateLimits = Record<PlanRateLimitPolicy, number>;

const DEFAULTS = Object.fromEntries(Object.keys(PLAN_RATE_LIMIT_COLUMNS).map((p) => [p, RATE_LIMIT_POLICIES[p as PlanRateLimitPolicy].limit])) as PlanRateLimits;

/** The per-minute limits of the tenant's plan (`tx` is bound to the tenant); the policies' own without a subscription. */
export async function planRateLimits(tx: TenantTx): Promise<PlanRateLimits> {
  const row = await tx
    .selectFrom("tenant_subscriptions as s")
    .innerJoin("plans as p", "p.id", "s.plan_id")
    .select(["p.rate_api_key_per_minute", "p.rate_user_per_minute", "p.rate_widget_visitor_per_minute", "p.rate_widget_inbox_per_minute"])
    .executeTakeFirst();
  if (!row) return DEFAULTS;
  return Object.fromEntries(Object.entries(PLAN_RATE_LIMIT_COLUMNS).map(([policy, column]) => [policy, row[column]])) as PlanRateLimits;
}

/**
 * One hit of a plan-driven policy (API key, tRPC user, widget visitor and inbox) for a subject of
 * the tenant `tx` is bound to; throws TOO_MANY_REQUESTS past the plan's limit.
 */
export async function assertPlanRateLimit(tx: TenantTx, store: CounterStore, policy: PlanRateLimitPolicy, subject: string, now: number): Promise<RateLimitState | null> {
  const limits = await planRateLimits(tx);
  return assertRateLimit(store, policy, subject, now, limits[policy]);
}
