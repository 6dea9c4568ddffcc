import { sql } from "kysely";
import type { TenantTx } from "@vendaflow/db/with-tenant";
import { liveDays, rangeRows } from "./rollup";
import { conversationFilter, dealFilter, inRange, num, numOrNull, type AnalyticsScope } from "./scope";

export interface AgentPerformance {
  userId: string;
  name: string;
  /** Conversations started in the range and assigned to the agent. */
  conversations: number;
  /** Median seconds from the handoff (routing) to the agent's first reply; null without replies. */
  firstResponseSeconds: number | null;
  /** Median seconds from the handoff to the last "resolved"; null without resolved conversations. */
  resolutionSeconds: number | null;
  /** Conversations with a first-response deadline answered in time / missed (still open ones not counted). */
  slaHit: number;
  slaMissed: number;
  /** slaHit / (slaHit + slaMissed), 0..1; null without a decided deadline. */
  slaHitRate: number | null;
  /** Deals the agent owns that were won in the range, and their value in BRL cents. */
  dealsWon: number;
  revenueCents: number;
}

/**
 * Per agent (admins and agents of the tenant; with a team chosen, its members; in an agent's own
 * view, only them): the conversations assigned to them among those started in the range, how fast
 * they answered and resolved them, the first-response SLA kept, and the deals they won. The clock
 * starts at routing (`routed_at`, set when the bot hands off), or at the conversation's start when
 * it never went through routing. Conversations from the daily rollups and live days (rollup.ts,
 * which keeps each conversation's seconds so the medians are exact); deals won live.
 */
export async function agentPerformance(tx: TenantTx, s: AnalyticsScope): Promise<AgentPerformance[]> {
  const live = await liveDays(tx, s);
  const own = s.userId ? sql`and u.id = ${s.userId}::uuid` : sql``;
  const team = s.filter.teamId ? sql`and u.id in (select user_id from team_members where tenant_id = ${s.tenantId}::uuid and team_id = ${s.filter.teamId}::uuid)` : sql``;
  const { rows } = await sql<{
    user_id: string;
    name: string;
    conversations: string | null;
    first_response: string | null;
    resolution: string | null;
    sla_hit: string | null;
    sla_missed: string | null;
    deals_won: string | null;
    revenue: string | null;
  }>`
    with agents as (
      select u.id, coalesce(nullif(u.name, ''), u.email) as name from users u
      where u.tenant_id = ${s.tenantId}::uuid and u.role in ('admin', 'agent') ${own} ${team}
    ),
    agent_rows as (${rangeRows("analytics_agent_days", s, live)}),
    mine as (select * from agent_rows r where r.user_id in (select id from agents) and ${conversationFilter(s.filter, "r")}),
    per_agent as (
      select user_id, sum(conversations) as conversations, sum(sla_hit) as sla_hit, sum(sla_missed) as sla_missed from mine group by user_id
    ),
    -- Both medians in one pass over the conversations' seconds (unnest pads the shorter array with nulls, which percentile_cont skips).
    medians as (
      select user_id, percentile_cont(0.5) within group (order by f) as first_response, percentile_cont(0.5) within group (order by r) as resolution
      from (select m.user_id, unnest(m.first_response_seconds) as f, unnest(m.resolution_seconds) as r from mine m) as v
      group by user_id
    ),
    won as (
      select d.owner_id as user_id, count(*) as deals_won, sum(d.value_cents) as revenue
      from deals d
      where d.tenant_id = ${s.tenantId}::uuid and d.won_at is not null and d.owner_id in (select id from agents) and ${inRange("d.won_at", s.filter)} and ${dealFilter(s)}
      group by d.owner_id
    )
    select a.id as user_id, a.name, p.conversations, md.first_response, md.resolution, p.sla_hit, p.sla_missed, w.deals_won, w.revenue
    from agents a left join per_agent p on p.user_id = a.id left join medians md on md.user_id = a.id left join won w on w.user_id = a.id
    order by coalesce(w.revenue, 0) desc, coalesce(p.conversations, 0) desc, a.name, a.id`.execute(tx);
  return rows.map((r) => {
    const slaHit = num(r.sla_hit);
    const slaMissed = num(r.sla_missed);
    return {
      userId: r.user_id,
      name: r.name,
      conversations: num(r.conversations),
      firstResponseSeconds: numOrNull(r.first_response),
      resolutionSeconds: numOrNull(r.resolution),
      slaHit,
      slaMissed,
      slaHitRate: slaHit + slaMissed === 0 ? null : slaHit / (slaHit + slaMissed),
      dealsWon: num(r.deals_won),
      revenueCents: num(r.revenue),
    };
  });
}
