import { sql } from "kysely";
import type { TenantTx } from "@vendaflow/db/with-tenant";
import { liveDays, rangeRows } from "./rollup";
import { conversationFilter, num, type AnalyticsScope } from "./scope";

export interface BotFunnelStep {
  stepId: string;
  /** The step's question in the newest flow version that has it. */
  label: string;
  /** Conversations the bot asked this step. */
  reached: number;
  /** Of those, the ones whose lead answered it (or skipped it where allowed). */
  answered: number;
  /** reached - answered: where leads stopped. */
  dropOff: number;
}

export interface BotFunnel {
  started: number;
  steps: BotFunnelStep[];
  qualified: number;
  booked: number;
  handedOff: number;
}

/**
 * The bot's funnel for conversations started in the range: how many the bot started, how many
 * reached and answered each step (from the conversation's bot state: `path` lists the steps asked,
 * `answers` the ones answered), then qualified, booked and handed off (from the conversation's
 * timeline events). Steps are ordered by where they usually come in the path. From the daily
 * rollups for rolled-up days and live for the rest (rollup.ts): the same rows either way.
 */
export async function botFunnel(tx: TenantTx, s: AnalyticsScope): Promise<BotFunnel> {
  const live = await liveDays(tx, s);
  const totals = await sql<{ started: string | null; qualified: string | null; booked: string | null; handed_off: string | null }>`
    with r as (${rangeRows("analytics_conversation_days", s, live)})
    select sum(r.bot_started) as started, sum(r.qualified) as qualified, sum(r.booked) as booked, sum(r.handed_off) as handed_off
    from r where ${conversationFilter(s.filter, "r")}`.execute(tx);

  const steps = await sql<{ step_id: string; label: string | null; reached: string; answered: string }>`
    with r as (${rangeRows("analytics_bot_step_days", s, live)}),
    per_flow as (
      select step_id, flow_id, sum(pos_sum) as pos_sum, sum(reached) as reached, sum(answered) as answered
      from r where ${conversationFilter(s.filter, "r")} group by step_id, flow_id
    ),
    per_step as (
      select step_id, sum(pos_sum) / sum(reached) as pos, sum(reached) as reached, sum(answered) as answered, array_agg(flow_id) as flows
      from per_flow group by step_id
    )
    select ps.step_id, ps.reached, ps.answered,
      (select st ->> 'question' from qualification_flows f cross join lateral jsonb_array_elements(f.definition -> 'steps') st
        where f.tenant_id = ${s.tenantId}::uuid and f.id = any(ps.flows) and st ->> 'id' = ps.step_id
        order by f.version desc limit 1) as label
    from per_step ps order by ps.pos, ps.step_id`.execute(tx);

  const t = totals.rows[0]!;
  return {
    started: num(t.started),
    steps: steps.rows.map((r) => ({ stepId: r.step_id, label: r.label ?? r.step_id, reached: num(r.reached), answered: num(r.answered), dropOff: num(r.reached) - num(r.answered) })),
    qualified: num(t.qualified),
    booked: num(t.booked),
    handedOff: num(t.handed_off),
  };
}
