import { sql } from "kysely";
import type { TenantTx } from "@vendaflow/db/with-tenant";
import type { AppDeps } from "../deps";
import { checkoutIntervals, listPlans } from "./plans";
import { loadBilling } from "./subscription";
import { usageThisPeriod } from "./usage";
import { dailyUsage } from "./usage-daily";

/** Everything the billing page shows: plan, access, trial days, usage against limits, the catalog. */
export async function billingOverview(tx: TenantTx, deps: Pick<AppDeps, "now">) {
  const now = deps.now();
  const billing = await loadBilling(tx, now);
  const usage = await usageThisPeriod(tx, now);
  const counts = await tx
    .selectNoFrom([
      sql<number>`(select count(*)::int from users where is_active)`.as("users"),
      sql<number>`(select count(*)::int from inboxes where is_active and channel <> 'whatsapp')`.as("inboxes"),
      sql<number>`(select count(*)::int from inboxes where is_active and channel = 'whatsapp')`.as("whatsappNumbers"),
    ])
    .executeTakeFirstOrThrow();
  const plans = await listPlans(tx, { activeOnly: true });
  const daily = await dailyUsage(tx, now);
  const s = billing?.subscription;
  const trialDaysLeft = s?.status === "trialing" && s.trial_ends_at ? Math.max(0, Math.ceil((s.trial_ends_at.getTime() - now.getTime()) / 86_400_000)) : null;
  return {
    billed: Boolean(billing),
    plan: billing?.plan ?? null,
    status: s?.status ?? null,
    interval: s?.billing_interval ?? null,
    access: billing?.access ?? { level: "full" as const, reason: "ok" as const, until: null },
    trialDaysLeft,
    hasStripeSubscription: Boolean(s?.stripe_subscription_id),
    hasCustomer: Boolean(s?.stripe_customer_id),
    cancelAtPeriodEnd: s?.cancel_at_period_end ?? false,
    currentPeriodEnd: s?.current_period_end ?? null,
    period: usage.period,
    usage: { messages: usage.totals.bot_messages ?? 0, ...counts, meters: usage.totals, messagesDaily: daily },
    plans: plans.map((p) => ({ code: p.code, name: p.name, description: p.description, priceMonthlyCents: p.priceMonthlyCents, priceYearlyCents: p.priceYearlyCents, limits: p.limits, features: p.features, messageGracePercent: p.messageGracePercent, checkout: checkoutIntervals(p) })),
  };
}
