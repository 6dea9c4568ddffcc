import type { Kysely, Selectable } from "kysely";
import type { DB, TenantSubscriptions } from "@vendaflow/db/types";
import type { TenantTx } from "@vendaflow/db/with-tenant";
import { TRIAL_DAYS, type BillingInterval, type SubscriptionStatus } from "@vendaflow/validators/billing";
import type { PaymentSubscription } from "../ports/payments";
import { accessFor, type Access } from "./access";
import { planByCode, planByPriceIds, toPlan, type Plan } from "./plans";
import { settleUnbilledUsage } from "./usage";

export interface TenantBilling {
  subscription: Selectable<TenantSubscriptions>;
  plan: Plan;
  access: Access;
}

/** The tenant's subscription with its plan and access level; null = unbilled tenant (no quotas). */
export async function loadBilling(tx: Kysely<DB>, now: Date): Promise<TenantBilling | null> {
  const row = await tx.selectFrom("tenant_subscriptions as s").innerJoin("plans as p", "p.id", "s.plan_id").selectAll("s").select("p.code as plan_code").executeTakeFirst();
  if (!row) return null;
  const planRow = await tx.selectFrom("plans").selectAll().where("id", "=", row.plan_id).executeTakeFirstOrThrow();
  const { plan_code: _code, ...subscription } = row;
  return {
    subscription,
    plan: toPlan(planRow),
    access: accessFor(
      { status: row.status as SubscriptionStatus, trialEndsAt: row.trial_ends_at, pastDueSince: row.past_due_since, hasStripeSubscription: Boolean(row.stripe_subscription_id) },
      now,
    ),
  };
}

/** Signup: a 14-day trial of the Starter plan, no card. */
export async function startTrial(tx: TenantTx, tenantId: string, now: Date) {
  const plan = await planByCode(tx, "starter");
  if (!plan) throw new Error("plan catalog has no starter plan");
  await tx
    .insertInto("tenant_subscriptions")
    .values({ tenant_id: tenantId, plan_id: plan.id, status: "trialing", trial_ends_at: new Date(now.getTime() + TRIAL_DAYS * 86_400_000) })
    .onConflict((oc) => oc.column("tenant_id").doNothing())
    .execute();
}

export type ApplyOutcome = { changed: false } | { changed: true; from: SubscriptionStatus; to: SubscriptionStatus };

const ENDED: SubscriptionStatus[] = ["canceled", "incomplete_expired"];

/**
 * Stripe's current state of a subscription, written over ours. Webhooks only say "look": the state
 * is re-fetched, so events in any order converge. An ended subscription that is not the tenant's
 * current one (an old one finishing late) changes nothing.
 */
export async function applyStripeSubscription(tx: TenantTx, tenantId: string, sub: PaymentSubscription, now: Date): Promise<ApplyOutcome> {
  const row = await tx.selectFrom("tenant_subscriptions").selectAll().executeTakeFirst();
  if (row?.stripe_subscription_id && row.stripe_subscription_id !== sub.id && ENDED.includes(sub.status)) return { changed: false };
  const mapped = await planByPriceIds(tx, sub.priceIds);
  const planId = mapped?.plan.id ?? row?.plan_id ?? (await planByCode(tx, "starter"))?.id;
  if (!planId) throw new Error("plan catalog has no starter plan");
  const from = (row?.status ?? "trialing") as SubscriptionStatus;
  const pastDueSince = sub.status === "past_due" ? (row?.status === "past_due" && row.past_due_since ? row.past_due_since : now) : null;
  const values = {
    plan_id: planId,
    billing_interval: (mapped?.interval ?? row?.billing_interval ?? "month") as BillingInterval,
    status: sub.status,
    stripe_customer_id: sub.customerId,
    stripe_subscription_id: sub.id,
    trial_ends_at: sub.trialEnd ?? (sub.status === "trialing" ? row?.trial_ends_at ?? null : null),
    current_period_start: sub.currentPeriodStart,
    current_period_end: sub.currentPeriodEnd,
    cancel_at_period_end: sub.cancelAtPeriodEnd,
    canceled_at: sub.canceledAt,
    past_due_since: pastDueSince,
    updated_at: now,
  };
  // A first customer: the usage recorded before it (the card-less trial) is not billed.
  if (!row?.stripe_customer_id) await settleUnbilledUsage(tx, now);
  if (row) await tx.updateTable("tenant_subscriptions").set(values).where("id", "=", row.id).execute();
  else await tx.insertInto("tenant_subscriptions").values({ tenant_id: tenantId, ...values }).execute();
  return from === sub.status ? { changed: false } : { changed: true, from, to: sub.status };
}

/** The tenant's Stripe customer, created once (Stripe idempotency key per tenant) and stored. */
export async function setStripeCustomer(tx: TenantTx, tenantId: string, customerId: string, now: Date) {
  const r = await tx.updateTable("tenant_subscriptions").set({ stripe_customer_id: customerId }).where("tenant_id", "=", tenantId).where("stripe_customer_id", "is", null).executeTakeFirst();
  // A first customer: the usage recorded before it (the card-less trial) is not billed.
  if (Number(r.numUpdatedRows) > 0) await settleUnbilledUsage(tx, now);
}
