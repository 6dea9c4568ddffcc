import { sql } from "kysely";
import type { TenantTx } from "@vendaflow/db/with-tenant";
import { bookedLeads } from "./booked";
import { conversationFilter, eventsSince, inRange, num, type AnalyticsScope } from "./scope";

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
 * timeline events). Steps are ordered by where they usually come in the path.
 */
export async function botFunnel(tx: TenantTx, s: AnalyticsScope): Promise<BotFunnel> {
  const base = sql`
    select c.id, c.lead_id, c.created_at, c.flow_id, c.bot_state from conversations c
    where c.tenant_id = ${s.tenantId}::uuid and c.flow_id is not null and ${inRange("c.created_at", s.filter)} and ${conversationFilter(s.filter)}`;

  const totals = await sql<{ started: string; qualified: string; booked: string; handed_off: string }>`
    with base as (${base}),
    ev as (${eventsSince(s, ["qualified", "handoff"])}),
    booked as (${bookedLeads(s)})
    select count(*) as started,
      count(*) filter (where ev.qualified) as qualified,
      count(*) filter (where b.last_at >= c.created_at) as booked,
      count(*) filter (where ev.handoff) as handed_off
    from base c left join ev on ev.conversation_id = c.id left join booked b on b.lead_id = c.lead_id`.execute(tx);

  const steps = await sql<{ step_id: string; label: string | null; reached: string; answered: string }>`
    with base as (${base}),
    asked as (
      -- One row per (conversation, step), the step's first position in its path (a path can repeat
      -- a step after an agent hands the conversation back to the bot).
      select c.id, c.flow_id, p.step_id, min(p.pos) as pos, bool_or(c.bot_state -> 'answers' ? p.step_id) as answered
      from base c cross join lateral jsonb_array_elements_text(coalesce(c.bot_state -> 'path', '[]')) with ordinality as p(step_id, pos)
      group by c.id, c.flow_id, p.step_id
    ),
    per_step as (
      select step_id, avg(pos) as pos, count(*) as reached, count(*) filter (where answered) as answered, array_agg(distinct flow_id) as flows
      from asked group by step_id
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
