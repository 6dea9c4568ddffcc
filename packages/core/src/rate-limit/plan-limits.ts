import type { TenantTx } from "@vendaflow/db/with-tenant";
import { gatePlan } from "../billing/quota-gate";
import type { CounterStore } from "../ports/counter-store";
import { assertRateLimit, type RateLimitState } from "./assert-rate-limit";
import { PLAN_RATE_LIMIT_COLUMNS, RATE_LIMIT_POLICIES, type PlanRateLimitPolicy } from "./policies";

export type PlanRateLimits = Record<PlanRateLimitPolicy, number>;

const DEFAULTS = Object.fromEntries(Object.keys(PLAN_RATE_LIMIT_COLUMNS).map((p) => [p, RATE_LIMIT_POLICIES[p as PlanRateLimitPolicy].limit])) as PlanRateLimits;

/**
 * The per-minute limits of the tenant's plan (`tx` is bound to the tenant); the policies' own
 * without a subscription. Read with the quota gate's plan from its process cache ("plan-limits",
 * dropped in every process when billing changes): Postgres only on a miss, not on every call.
 */
export async function planRateLimits(tx: TenantTx, store: CounterStore, tenantId: string, now: Date): Promise<PlanRateLimits> {
  return (await gatePlan(tx, store, tenantId, now)).rateLimits ?? DEFAULTS;
}

/**
 * One hit of a plan-driven policy (API key, tRPC user, widget visitor and inbox) for a subject of
 * the tenant `tx` is bound to; throws TOO_MANY_REQUESTS past the plan's limit.
 */
export async function assertPlanRateLimit(tx: TenantTx, store: CounterStore, tenantId: string, policy: PlanRateLimitPolicy, subject: string, now: Date): Promise<RateLimitState | null> {
  const limits = await planRateLimits(tx, store, tenantId, now);
  return assertRateLimit(store, policy, subject, now.getTime(), limits[policy]);
}
