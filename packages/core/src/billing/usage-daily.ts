import { sql } from "kysely";
import type { TenantTx } from "@vendaflow/db/with-tenant";
import { billingPeriod } from "./period";

export interface DailyUsage {
  period: string;
  /** Days in the billing month (the chart's x axis). */
  days: number;
  /** Running total at the end of each day so far, index 0 = day 1. */
  cumulative: number[];
}

const TZ = "America/Sao_Paulo";

/** Days in a 'YYYY-MM' month. */
export const daysInPeriod = (period: string) => new Date(Date.UTC(Number(period.slice(0, 4)), Number(period.slice(5, 7)), 0)).getUTCDate();

/**
 * One meter's usage this billing month, day by day in São Paulo time, as a running total up to
 * today (what the billing page draws against the plan's limit). RLS keeps it to the tenant.
 */
export async function dailyUsage(tx: TenantTx, now: Date, meter = "bot_messages"): Promise<DailyUsage> {
  const period = billingPeriod(now);
  const rows = await tx
    .selectFrom("usage_events")
    .select([sql<number>`extract(day from occurred_at at time zone ${TZ})::int`.as("day"), sql<string>`sum(quantity)`.as("n")])
    .where("meter", "=", meter)
    .where("period", "=", period)
    .groupBy("day")
    .execute();
  const days = daysInPeriod(period);
  const today = Number(new Intl.DateTimeFormat("en-CA", { timeZone: TZ, day: "2-digit" }).format(now));
  const perDay = new Array<number>(days).fill(0);
  for (const r of rows) if (r.day >= 1 && r.day <= days) perDay[r.day - 1]! += Number(r.n);
  const cumulative: number[] = [];
  let total = 0;
  for (let d = 0; d < Math.min(today, days); d++) cumulative.push((total += perDay[d]!));
  return { period, days, cumulative };
}
