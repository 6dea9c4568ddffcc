import { sql } from "kysely";
import type { TenantTx } from "@vendaflow/db/with-tenant";
import type { Availability } from "@vendaflow/validators/routing";
import { SLA_SOON_MINUTES } from "@vendaflow/validators/plain/routing";
import { CAPACITY_STATUSES } from "../routing/assign";
import { num } from "./scope";

/** One agent's load right now (the "Carga da equipe" view). */
export interface AgentLoad {
  userId: string;
  name: string;
  /** From the agent's routing profile; an agent without one is offline (routing never picks them). */
  availability: Availability;
  /** Routing's cap on open conversations; null while the agent has no routing profile. */
  capacity: number | null;
  /** Conversations assigned to the agent in pending + open: what routing compares with the capacity. */
  open: number;
  /** Of those, the ones whose last message (notes and system entries aside) came from the lead. */
  awaitingReply: number;
  /** Of those, still without a first reply and past the SLA deadline (flagged or not yet swept). */
  slaOverdue: number;
  /** Of those, still without a first reply and due within SLA_SOON_MINUTES. */
  slaDueSoon: number;
}

export interface TeamLoadScope {
  tenantId: string;
  /** Only this team's members (each with their whole load: capacity counts every team). */
  teamId?: string | null;
  now: Date;
}

/**
 * Every active admin and agent of the tenant (or of one team) with what they hold now, in one
 * set-based query: the tenant's open conversations grouped by assignee, each one's last message
 * found by the (tenant, conversation, seq) index. Busiest first. RLS scopes it too; the explicit
 * tenant_id lets the planner use the tenant-led indexes.
 */
export async function teamLoad(tx: TenantTx, s: TeamLoadScope): Promise<AgentLoad[]> {
  const team = s.teamId ? sql`and u.id in (select user_id from team_members where tenant_id = ${s.tenantId}::uuid and team_id = ${s.teamId}::uuid)` : sql``;
  const { rows } = await sql<{
    user_id: string;
    name: string;
    availability: string | null;
    capacity: number | null;
    open: string | null;
    awaiting: string | null;
    overdue: string | null;
    due_soon: string | null;
  }>`
    with agents as (
      select u.id, coalesce(nullif(u.name, ''), u.email) as name, p.availability, p.capacity
      from users u left join agent_profiles p on p.user_id = u.id
      where u.tenant_id = ${s.tenantId}::uuid and u.role in ('admin', 'agent') and u.is_active ${team}
    ),
    held as (
      select c.assigned_to as user_id,
        count(*) as open,
        count(*) filter (where last.sender = 'lead') as awaiting,
        count(*) filter (where c.first_response_at is null and (c.sla_breached_at is not null or c.sla_due_at <= ${s.now})) as overdue,
        count(*) filter (where c.first_response_at is null and c.sla_breached_at is null and c.sla_due_at > ${s.now} and c.sla_due_at <= ${s.now}::timestamptz + make_interval(mins => ${SLA_SOON_MINUTES})) as due_soon
      from conversations c
      left join lateral (
        select m.sender from messages m
        where m.tenant_id = c.tenant_id and m.conversation_id = c.id and m.content_type <> 'note' and m.sender <> 'system'
        order by m.seq desc limit 1
      ) last on true
      where c.tenant_id = ${s.tenantId}::uuid and c.status in (${sql.join(CAPACITY_STATUSES.map((st) => sql.lit(st)))}) and c.assigned_to in (select id from agents)
      group by c.assigned_to
    )
    select a.id as user_id, a.name, a.availability, a.capacity, h.open, h.awaiting, h.overdue, h.due_soon
    from agents a left join held h on h.user_id = a.id
    order by coalesce(h.overdue, 0) desc, coalesce(h.open, 0) desc, a.name, a.id`.execute(tx);
  return rows.map((r) => ({
    userId: r.user_id,
    name: r.name,
    availability: (r.availability ?? "offline") as Availability,
    capacity: r.capacity,
    open: num(r.open),
    awaitingReply: num(r.awaiting),
    slaOverdue: num(r.overdue),
    slaDueSoon: num(r.due_soon),
  }));
}
