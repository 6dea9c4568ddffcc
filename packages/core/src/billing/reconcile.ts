import { sql } from "kysely";
import { withTenant } from "@vendaflow/db/with-tenant";
import type { AppDeps } from "../deps";
import { usageCounterKey } from "./period";

export interface UsageDifference {
  tenantId: string;
  meter: string;
  period: string;
  /** Sum of the ledger rows. */
  ledger: number;
  /** usage_totals (what quotas read). */
  totals: number;
  /** The Redis counter. */
  redis: number;
  /** Batches Stripe acknowledged. */
  stripeAcknowledged: number;
  /** Ledger rows not yet acknowledged by Stripe (claimed or not). */
  pending: number;
}

/**
 * `vf-billing reconcile`: for one month, compares the ledger, the quota totals, the Redis counters and
 * what Stripe acknowledged, per tenant and meter. Returns only the rows where they disagree
 * (ledger = totals = redis, and ledger = acknowledged + pending).
 */
export async function reconcileUsage(deps: Pick<AppDeps, "db" | "counters">, period: string, tenantIds?: string[]): Promise<{ checked: number; differences: UsageDifference[] }> {
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
          .select(["e.meter", sql<string>`sum(e.quantity)`.as("ledger"), sql<string>`coalesce(sum(e.quantity) filter (where r.acknowledged_at is not null), 0)`.as("acked")])
          .where("e.period", "=", period)
          .groupBy("e.meter")
          .execute();
        const totals = await tx.selectFrom("usage_totals").select(["meter", "quantity"]).where("period", "=", period).execute();
        return { ledger, totals };
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
      if (ledger !== totals || ledger !== redis) differences.push({ tenantId, meter, period, ledger, totals, redis, stripeAcknowledged: acked, pending: ledger - acked });
    }
  }
  return { checked, differences };
}
