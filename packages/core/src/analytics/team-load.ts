import { sql } from "kysely";
import type { TenantTx } from "@vendaflow/db/with-tenant";
import type { Availability } from "@vendaflow/validators/routing";
import { SLA_SOON_MINUTES } from "@vendaflow/validators/plain/routing";
import { ACTIVE_CONVERSATION_STATUSES } from "@vendaflow/validators/plain/inbox";
import { num } from "./scope";

const statuses = sql.join(ACTIVE_CONVERSATION_STATUSES.map((st) => sql.lit(st)));

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

/** Conversations waiting for an agent: pending with nobody assigned (the queue). */
export interface QueueLoad {
  waiting: number;
  /** Since when the longest-waiting one waits (it joined the queue, else it was routed, else it started); null when none waits. */
  oldestSince: Date | null;
  /** Whole minutes the longest-waiting one has waited at `now`; null when none waits. */
  oldestWaitMinutes: number | null;
  /** Of those, still without a first reply and past the SLA deadline. */
  slaOverdue: number;
  /** Of those, still without a first reply and due within SLA_SOON_MINUTES. */
  slaDueSoon: number;
}

/** A deactivated person still holding pending or open conversations (data from before deactivation released them). */
export interface InactiveHolder {
  userId: string;
  name: string;
  open: number;
}

export interface TeamLoad {
  agents: AgentLoad[];
  queue: QueueLoad;
  /** Nobody answers these: a warning for the manager, who reassigns them. Empty as a rule. */
  inactive: InactiveHolder[];
}

export interface TeamLoadScope {
  tenantId: string;
  /** Only this team: its members (each with their whole load: capacity counts every team), its queue and its conversations held by deactivated people. */
  teamId?: string | null;
  now: Date;
}

type Row = {
  kind: "agent" | "queue" | "inactive";
  user_id: string | null;
  name: string | null;
  availability: string | null;
  capacity: number | null;
  open: string | null;
  awaiting: string | null;
  overdue: string | null;
  due_soon: string | null;
  since: Date | null;
};

/**
 * The tenant's (or one team's) load right now, in one set-based query: every active admin and agent
 * with what they hold (the tenant's pending and open conversations grouped by assignee, each one's
 * last message found by the (tenant, conversation, seq) index), busiest first; the queue (pending,
 * nobody assigned: how many, the longest wait, SLA overdue and due soon); and the deactivated people
 * still holding conversations (older data: deactivation sends them back to routing). RLS scopes it
 * too; the explicit tenant_id lets the planner use the tenant-led indexes.
 */
export async function teamLoad(tx: TenantTx, s: TeamLoadScope): Promise<TeamLoad> {
  const members = s.teamId ? sql`and u.id in (select user_id from team_members where tenant_id = ${s.tenantId}::uuid and team_id = ${s.teamId}::uuid)` : sql``;
  const inTeam = s.teamId ? sql`and c.team_id = ${s.teamId}::uuid` : sql``;
  const unanswered = sql`c.first_response_at is null`;
  const overdue = sql`${unanswered} and (c.sla_breached_at is not null or c.sla_due_at <= ${s.now})`;
  const dueSoon = sql`${unanswered} and c.sla_breached_at is null and c.sla_due_at > ${s.now} and c.sla_due_at <= ${s.now}::timestamptz + make_interval(mins => ${SLA_SOON_MINUTES})`;
  const { rows } = await sql<Row>`
    with agents as (
      select u.id, coalesce(nullif(u.name, ''), u.email) as name, p.availability, p.capacity
      from users u left join agent_profiles p on p.user_id = u.id
      where u.tenant_id = ${s.tenantId}::uuid and u.role in ('admin', 'agent') and u.is_active ${members}
    ),
    held as (
      select c.assigned_to as user_id,
        count(*) as open,
        count(*) filter (where last.sender = 'lead') as awaiting,
        count(*) filter (where ${overdue}) as overdue,
        count(*) filter (where ${dueSoon}) as due_soon
      from conversations c
      left join lateral (
        select m.sender from messages m
        where m.tenant_id = c.tenant_id and m.conversation_id = c.id and m.content_type <> 'note' and m.sender <> 'system'
        order by m.seq desc limit 1
      ) last on true
      where c.tenant_id = ${s.tenantId}::uuid and c.status in (${statuses}) and c.assigned_to in (select id from agents)
      group by c.assigned_to
    ),
    queue as (
      select count(*) as open,
        min(coalesce(c.queued_at, c.routed_at, c.created_at)) as since,
        count(*) filter (where ${overdue}) as overdue,
        count(*) filter (where ${dueSoon}) as due_soon
      from conversations c
      where c.tenant_id = ${s.tenantId}::uuid and c.status = 'pending' and c.assigned_to is null ${inTeam}
    ),
    inactive as (
      select u.id as user_id, coalesce(nullif(u.name, ''), u.email) as name, count(*) as open
      from conversations c join users u on u.id = c.assigned_to
      where c.tenant_id = ${s.tenantId}::uuid and c.assigned_to is not null and c.status in (${statuses}) and not u.is_active ${inTeam}
      group by u.id
    )
    select * from (
      select 'agent' as kind, a.id as user_id, a.name, a.availability, a.capacity, h.open, h.awaiting, h.overdue, h.due_soon, null::timestamptz as since, 0 as part
      from agents a left join held h on h.user_id = a.id
      union all
      select 'queue', null, null, null, null, q.open, null, q.overdue, q.due_soon, q.since, 1 from queue q
      union all
      select 'inactive', i.user_id, i.name, null, null, i.open, null, null, null, null, 2 from inactive i
    ) r
    order by r.part, coalesce(r.overdue, 0) desc, coalesce(r.open, 0) desc, r.name, r.user_id`.execute(tx);

  const agents: AgentLoad[] = [];
  const inactive: InactiveHolder[] = [];
  let queue: QueueLoad = { waiting: 0, oldestSince: null, oldestWaitMinutes: null, slaOverdue: 0, slaDueSoon: 0 };
  for (const r of rows) {
    if (r.kind === "agent") {
      agents.push({
        userId: r.user_id!,
        name: r.name!,
        availability: (r.availability ?? "offline") as Availability,
        capacity: r.capacity,
        open: num(r.open),
        awaitingReply: num(r.awaiting),
        slaOverdue: num(r.overdue),
        slaDueSoon: num(r.due_soon),
      });
    } else if (r.kind === "queue") {
      const since = r.since ? new Date(r.since) : null;
      queue = {
        waiting: num(r.open),
        oldestSince: since,
        oldestWaitMinutes: since ? Math.max(0, Math.floor((s.now.getTime() - since.getTime()) / 60_000)) : null,
        slaOverdue: num(r.overdue),
        slaDueSoon: num(r.due_soon),
      };
    } else {
      inactive.push({ userId: r.user_id!, name: r.name!, open: num(r.open) });
    }
  }
  return { agents, queue, inactive };
}
