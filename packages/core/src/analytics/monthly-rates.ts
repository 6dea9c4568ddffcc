import { sql } from "kysely";
import type { TenantTx } from "@vendaflow/db/with-tenant";
import { liveDays, rangeRows } from "./rollup";
import { conversationFilter, dealFilter, inRange, local, num, rangeEnd, rangeStart, type AnalyticsScope } from "./scope";

export interface MonthlyRate {
  /** "2026-11": the São Paulo month. */
  month: string;
  /** Conversations the bot started that month… */
  started: number;
  /** …and how many of those it qualified (a cohort: qualified later still counts for its start month). */
  qualified: number;
  /** qualified / started, 0..1; null without conversations. */
  qualificationRate: number | null;
  /** Deals closed that month, won and lost. */
  won: number;
  lost: number;
  /** won / (won + lost), 0..1; null when none closed. */
  closeRate: number | null;
  /** BRL cents of the deals won that month. */
  wonValueCents: number;
}

const ratio = (a: number, b: number) => (b === 0 ? null : a / b);

/**
 * Qualification rate by month of conversation start (the bot's cohort) and close rate by month of
 * closing (won / won + lost), one row per São Paulo month touched by the range, empty months kept.
 * The conversations' side from the daily rollups and live days (rollup.ts); deals live.
 */
export async function monthlyRates(tx: TenantTx, s: AnalyticsScope): Promise<MonthlyRate[]> {
  const live = await liveDays(tx, s);
  const { rows } = await sql<{ month: string; started: string | null; qualified: string | null; won: string | null; lost: string | null; won_value: string | null }>`
    with months as (
      select to_char(m, 'YYYY-MM') as month
      from (select ${rangeStart(s.filter)} as start, ${rangeEnd(s.filter)} as stop) as r,
        generate_series(date_trunc('month', ${local("r.start")}), date_trunc('month', ${local("r.stop")} - interval '1 millisecond'), interval '1 month') as m
    ),
    conv as (${rangeRows("analytics_conversation_days", s, live)}),
    bot as (
      select to_char(cr.day, 'YYYY-MM') as month, sum(cr.bot_started) as started, sum(cr.qualified) as qualified
      from conv cr where ${conversationFilter(s.filter, "cr")}
      group by 1
    ),
    won as (
      select to_char(${local("d.won_at")}, 'YYYY-MM') as month, count(*) as won, sum(d.value_cents) as won_value
      from deals d where d.tenant_id = ${s.tenantId}::uuid and d.won_at is not null and ${inRange("d.won_at", s.filter)} and ${dealFilter(s)}
      group by 1
    ),
    lost as (
      select to_char(${local("d.lost_at")}, 'YYYY-MM') as month, count(*) as lost
      from deals d where d.tenant_id = ${s.tenantId}::uuid and d.lost_at is not null and ${inRange("d.lost_at", s.filter)} and ${dealFilter(s)}
      group by 1
    )
    select m.month, b.started, b.qualified, w.won, w.won_value, l.lost
    from months m left join bot b using (month) left join won w using (month) left join lost l using (month)
    order by m.month`.execute(tx);
  return rows.map((r) => {
    const started = num(r.started);
    const qualified = num(r.qualified);
    const won = num(r.won);
    const lost = num(r.lost);
    return { month: r.month, started, qualified, qualificationRate: ratio(qualified, started), won, lost, closeRate: ratio(won, won + lost), wonValueCents: num(r.won_value) };
  });
}
