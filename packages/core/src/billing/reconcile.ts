import { sql } from "kysely";
import { withTenant } from "@vendaflow/db/with-tenant";
import type { AppDeps } from "../deps";
import type { Payments } from "../ports/payments";
import { usageCounterKey } from "./period";

export interface UsageDifference {
  tenantId: string;
  meter: string;
  period: string;
  /** Sum of the ledger rows. */
  ledger: number;
  /** usage_totals' roll-up (refreshed by the usage report job; informative, may lag the ledger). */
  totals: number;
  /** The Redis counter. */
  redis: number;
  /** Batches Stripe acknowledged. */
  stripeAcknowledged: number;
  /** Ledger rows not yet acknowledged by Stripe (claimed or not), trial usage settled as not billable aside. */
  pending: number;
  /**
   * What Stripe's meter holds for the tenant's customer over the month (its event summaries), or
   * null when not asked (no Payments given, no customer, or the meter not in Stripe).
   */
  stripe: number | null;
}

/** The São Paulo month 'YYYY-MM' as UTC instants [from, to) (Brazil keeps UTC-3 all year since 2019). */
export function periodBounds(period: string): { from: Date; to: Date } {
  const [y, m] = [Number(period.slice(0, 4)), Number(period.slice(5, 7))];
  return { from: new Date(Date.UTC(y, m - 1, 1, 3)), to: new Date(Date.UTC(y, m, 1, 3)) };
}

/**
 * `vf-billing reconcile`: for one month, compares the ledger, the Redis counters and
 * what Stripe acknowledged, per tenant and meter; with `payments`, also Stripe's own meter figure for
 * the tenant's customer. Returns only the rows where they disagree (ledger = redis, and
 * Stripe's meter = what it acknowledged; usage_totals is a roll-up that may lag by one report job
 * run, shown but not compared — quotas read the counter seeded from the ledger). Events reported with a clamped timestamp (older than
 * Stripe's 35-day window) may land in the next month on Stripe's side and show up here.
 */
export async function reconcileUsage(
  deps: Pick<AppDeps, "db" | "counters"> & { payments?: Payments },
  period: string,
  tenantIds?: string[],
): Promise<{ checked: number; differences: UsageDifference[] }> {
  const ids =
    tenantIds ??
    (await sql<{ id: string }>`select id from tenants order by id`.execute(deps.db)).rows.map((r) => r.id);
  const differences: UsageDifference[] = [];
  let checked = 0;
  for (const tenantId of ids) {
    const rows = await withTenant(
      deps.db,
      tenantId,
      async (tx) => {
        const ledger = await tx
          .selectFrom("usage_events as e")
          .leftJoin("usage_reports as r", "r.id", "e.report_id")
          .select([
            "e.meter",
            sql<string>`sum(e.quantity)`.as("ledger"),
            sql<string>`coalesce(sum(e.quantity) filter (where r.acknowledged_at is not null), 0)`.as("acked"),
            sql<string>`coalesce(sum(e.quantity) filter (where e.unbilled_at is not null), 0)`.as("unbilled"),
          ])
          .where("e.period", "=", period)
          .groupBy("e.meter")
          .execute();
        const totals = await tx.selectFrom("usage_totals").select(["meter", "quantity"]).where("period", "=", period).execute();
        const sub = await tx.selectFrom("tenant_subscriptions").select("stripe_customer_id").executeTakeFirst();
        const meterIds = await tx.selectFrom("billing_meters").select(["name", "stripe_meter_id"]).execute();
        return { ledger, totals, customerId: sub?.stripe_customer_id ?? null, meterIds: new Map(meterIds.map((m) => [m.name, m.stripe_meter_id])) };
      },
      { readOnly: true },
    );
    const meters = new Set([...rows.ledger.map((r) => r.meter), ...rows.totals.map((r) => r.meter)]);
    for (const meter of meters) {
      checked++;
      const l = rows.ledger.find((r) => r.meter === meter);
      const ledger = Number(l?.ledger ?? 0);
      const acked = Number(l?.acked ?? 0);
      const totals = Number(rows.totals.find((r) => r.meter === meter)?.quantity ?? 0);
      const redis = await deps.counters.read(usageCounterKey(tenantId, meter, period));
      const meterId = rows.meterIds.get(meter);
      const stripe = deps.payments && rows.customerId && meterId ? await deps.payments.meterTotal({ meterId, customerId: rows.customerId, ...periodBounds(period) }) : null;
      if (ledger !== redis || (stripe !== null && stripe !== acked)) {
        differences.push({ tenantId, meter, period, ledger, totals, redis, stripeAcknowledged: acked, pending: ledger - acked - Number(l?.unbilled ?? 0), stripe });
      }
    }
  }
  return { checked, differences };
}
