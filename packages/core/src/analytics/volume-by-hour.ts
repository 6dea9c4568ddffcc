import { sql } from "kysely";
import type { TenantTx } from "@vendaflow/db/with-tenant";
import { hourSums, liveDays, rangeRows } from "./rollup";
import { conversationFilter, num, type AnalyticsScope } from "./scope";

export interface HourVolume {
  /** 0..23, São Paulo time. */
  hour: number;
  /** Messages leads sent. */
  inbound: number;
  /** Messages the bot and agents sent (system notes left out). */
  outbound: number;
}

/** Messages in the range by hour of day (São Paulo), all 24 hours listed; from the daily rollups and live days (rollup.ts). */
export async function volumeByHour(tx: TenantTx, s: AnalyticsScope): Promise<HourVolume[]> {
  const live = await liveDays(tx, s);
  const { rows } = await sql<Record<string, string | null>>`
    with r as (${rangeRows("analytics_message_hours", s, live)})
    select ${hourSums("r")} from r where ${conversationFilter(s.filter, "r")}`.execute(tx);
  const sums = rows[0] ?? {};
  return Array.from({ length: 24 }, (_, hour) => ({ hour, inbound: num(sums[`in${hour}`]), outbound: num(sums[`out${hour}`]) }));
}
