import type { InTenant, TenantTx } from "@vendaflow/db/with-tenant";
import { gatePlan } from "../billing/quota-gate";
import type { CounterStore } from "../ports/counter-store";
import { assertRateLimit, type RateLimitState } from "./assert-rate-limit";
import { PLAN_RATE_LIMIT_COLUMNS, RATE_LIMIT_POLICIES, type PlanRateLimitPolicy } from "./policies";

export type PlanRateLimits = Record<PlanRateLimitPolicy, number>;

const DEFAULTS = Object.fromEntries(Object.keys(PLAN_RATE_LIMIT_COLUMNS).map((p) => [p, RATE_LIMIT_POLICIES[p as PlanRateLimitPolicy].limit])) as PlanRateLimits;

/**
 * The per-minute limits of the tenant's plan (`from`: a transaction bound to the tenant, or an
 * InTenant opened only on a miss); the policies' own without a subscription. Read with the quota
 * gate's plan from its process cache ("plan-limits", dropped in every process when billing
 * changes): Postgres only on a miss, not on every call.
 */
export async function planRateLimits(from: TenantTx | InTenant, store: CounterStore, tenantId: string, now: Date): Promise<PlanRateLimits> {
  return (await gatePlan(from, store, tenantId, now)).rateLimits ?? DEFAULTS;
}

/**
 * One hit of a plan-driven policy (API key, tRPC user, widget visitor and inbox) for a subject of
 * the tenant (`from` as in planRateLimits); throws TOO_MANY_REQUESTS past the plan's limit.
 */
export async function assertPlanRateLimit(from: TenantTx | InTenant, store: CounterStore, tenantId: string, policy: PlanRateLimitPolicy, subject: string, now: Date): Promise<RateLimitState | null> {
  const limits = await planRateLimits(from, store, tenantId, now);
  return assertRateLimit(store, policy, subject, now.getTime(), limits[policy]);
}
