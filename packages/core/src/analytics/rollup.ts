import { sql, type RawBuilder, type SqlBool } from "kysely";
import { withTenant, type TenantTx } from "@vendaflow/db/with-tenant";
import { ANALYTICS_TIME_ZONE } from "@vendaflow/validators/analytics";
import type { AppDeps } from "../deps";
import { bookedSince } from "./booked";
import type { AnalyticsScope } from "./scope";

/**
 * Daily rollups of the dashboard (docs/analytics.md "Rollups and live SQL"; tables in
 * db/migrations/0121). Five kinds of rows, one per São Paulo day and inbox / team (and flow step,
 * agent, hour or lead source): `conversationDayRows`, `botStepDayRows`, `agentDayRows`,
 * `messageHourRows`, `leadDayRows`. Each
 * builder is the one definition of its rows: the refresh stores them for closed days, and a reader
 * computes them live for the days the rollup does not hold (today, days not rolled up yet, days
 * marked dirty since), so a range's figures are the same whichever path a day took.
 *
 * `days`: São Paulo days with the instants they start and end at (`liveDays`, `boundsOf`).
 */

const TZ = sql.lit(ANALYTICS_TIME_ZONE);
/** A row's São Paulo day. */
const dayOf = (col: string) => sql`(${sql.ref(col)} at time zone ${TZ})::date`;

/**
 * `col` falls on one of these days: one half-open range per run of consecutive days, with the
 * bounds as values. Computed in the query (`at time zone` is not leakproof) they would not reach
 * the index under RLS; as values the planner also sees how many rows they hold.
 */
function onDays(col: string, days: readonly Day[]): RawBuilder<SqlBool> {
  const runs: { start: string; end: string }[] = [];
  for (const d of days) {
    const last = runs.at(-1);
    if (last && last.end === d.start) last.end = d.end;
    else runs.push({ start: d.start, end: d.end });
  }
  if (runs.length === 0) return sql<SqlBool>`false`;
  return sql<SqlBool>`(${sql.join(runs.map((r) => sql`(${sql.ref(col)} >= ${r.start}::timestamptz and ${sql.ref(col)} < ${r.end}::timestamptz)`), sql` or `)})`;
}

/** Conversations started on the given days, with the day they count for. */
function conversationsOf(tenantId: string, days: readonly Day[]) {
  return sql`
    select ${dayOf("c.created_at")} as day, c.id, c.lead_id, c.created_at, c.inbox_id, c.team_id, c.flow_id, c.bot_state, c.status, c.assigned_to,
      c.first_response_at, c.sla_due_at, c.sla_breached_at, coalesce(c.routed_at, c.created_at) as clock
    from conversations c
    where c.tenant_id = ${tenantId}::uuid and ${onDays("c.created_at", days)}`;
}

/**
 * Per (day, inbox, team): conversations started; of the bot's (a flow), started, qualified, booked
 * (core/analytics/booked.ts: a booking of the lead at or after the conversation started) and handed
 * off (timeline events of the conversation; they come after it started). One probe of each
 * conversation's events and lead's bookings (tenant-led indexes), so a day costs its own rows.
 */
export function conversationDayRows(tenantId: string, days: readonly Day[]) {
  return sql`
    select * from (
      select c.day, c.inbox_id, c.team_id,
        count(*)::int as conversations,
        (count(*) filter (where c.flow_id is not null))::int as bot_started,
        (count(*) filter (where c.flow_id is not null and ev.qualified))::int as qualified,
        (count(*) filter (where c.flow_id is not null and ${bookedSince(tenantId, sql`c.lead_id`, sql`c.created_at`)}))::int as booked,
        (count(*) filter (where c.flow_id is not null and ev.handoff))::int as handed_off
      from (${conversationsOf(tenantId, days)}) as c
      left join lateral (
        select bool_or(e.kind = 'qualified') as qualified, bool_or(e.kind = 'handoff') as handoff from conversation_events e
        where c.flow_id is not null and e.tenant_id = ${tenantId}::uuid and e.conversation_id = c.id and e.kind in ('qualified', 'handoff')
      ) as ev on true
      group by c.day, c.inbox_id, c.team_id
    ) as conversation_rows`;
}

/**
 * Per (day, inbox, team, flow, step): the bot conversations that reached the step (it is in
 * `bot_state.path`; counted once when a hand-back repeats it), answered it (in `bot_state.answers`),
 * and the sum of its first position in their paths (the funnel orders steps by the average).
 */
export function botStepDayRows(tenantId: string, days: readonly Day[]) {
  return sql`
    select * from (
      select c.day, c.inbox_id, c.team_id, c.flow_id, a.step_id,
        count(*)::int as reached, (count(*) filter (where a.answered))::int as answered, sum(a.pos)::bigint as pos_sum
      from (${conversationsOf(tenantId, days)}) as c
      cross join lateral (
        select p.step_id, min(p.pos) as pos, bool_or(c.bot_state -> 'answers' ? p.step_id) as answered
        from jsonb_array_elements_text(coalesce(c.bot_state -> 'path', '[]')) with ordinality as p(step_id, pos)
        group by p.step_id
      ) as a
      where c.flow_id is not null
      group by c.day, c.inbox_id, c.team_id, c.flow_id, a.step_id
    ) as step_rows`;
}

/**
 * Per (day, inbox, team, assignee): conversations started that day and assigned to them; the
 * first-response deadlines kept / missed (still-open ones in neither); and each conversation's
 * seconds from routing (`routed_at`, else its start) to the first reply and to its last
 * `resolved` event (resolved conversations only), as arrays so medians over any range are exact.
 */
export function agentDayRows(tenantId: string, days: readonly Day[]) {
  return sql`
    select * from (
      select c.day, c.inbox_id, c.team_id, c.assigned_to as user_id,
        count(*)::int as conversations,
        (count(*) filter (where c.sla_due_at is not null and c.first_response_at <= c.sla_due_at))::int as sla_hit,
        (count(*) filter (where c.sla_due_at is not null and not coalesce(c.first_response_at <= c.sla_due_at, false)
          and (c.sla_breached_at is not null or c.first_response_at > c.sla_due_at)))::int as sla_missed,
        coalesce(array_agg(extract(epoch from c.first_response_at - c.clock)::double precision) filter (where c.first_response_at is not null), '{}') as first_response_seconds,
        coalesce(array_agg(extract(epoch from r.at - c.clock)::double precision) filter (where r.at is not null), '{}') as resolution_seconds
      from (${conversationsOf(tenantId, days)} and c.assigned_to is not null) as c
      left join lateral (
        select max(e.created_at) as at from conversation_events e
        where c.status = 'resolved' and e.tenant_id = ${tenantId}::uuid and e.conversation_id = c.id and e.kind = 'resolved'
      ) as r on true
      group by c.day, c.inbox_id, c.team_id, c.assigned_to
    ) as agent_rows`;
}

const HOURS = Array.from({ length: 24 }, (_, h) => h);

/**
 * Per (day, inbox, team of the conversation): messages from leads (`inbound`), and from the bot and
 * agents (`outbound`; system notes neither), by hour of day in São Paulo: element h + 1 is hour h.
 */
export function messageHourRows(tenantId: string, days: readonly Day[]) {
  const byHour = (col: string) => sql`array[${sql.join(HOURS.map((h) => sql`coalesce(sum(${sql.ref(col)}) filter (where hour = ${sql.lit(h)}), 0)::int`))}]`;
  return sql`
    select * from (
      select day, inbox_id, team_id, ${byHour("inbound")} as inbound, ${byHour("outbound")} as outbound
      from (
        select ${dayOf("m.created_at")} as day, extract(hour from (m.created_at at time zone ${TZ}))::int as hour, c.inbox_id, c.team_id,
          count(*) filter (where m.sender = 'lead') as inbound,
          count(*) filter (where m.sender in ('bot', 'agent')) as outbound
        from messages m
        join conversations c on c.tenant_id = ${tenantId}::uuid and c.id = m.conversation_id
        where m.tenant_id = ${tenantId}::uuid and ${onDays("m.created_at", days)}
        group by 1, 2, 3, 4
        having count(*) filter (where m.sender in ('lead', 'bot', 'agent')) > 0
      ) as hourly
      group by day, inbox_id, team_id
    ) as message_rows`;
}

/** Sums of `inbound` and `outbound` arrays per hour, as columns in0..in23, out0..out23. */
export const hourSums = (alias: string) =>
  sql.join([
    ...HOURS.map((h) => sql`sum(${sql.ref(`${alias}.inbound`)}[${sql.lit(h + 1)}]) as ${sql.ref(`in${h}`)}`),
    ...HOURS.map((h) => sql`sum(${sql.ref(`${alias}.outbound`)}[${sql.lit(h + 1)}]) as ${sql.ref(`out${h}`)}`),
  ]);

/**
 * Per (day, source, ad) the leads created that day: all of them (inbox_id and team_id null), and by
 * the inboxes and teams of their conversations — per inbox, per team, per (inbox, team) — each
 * lead once per group however many conversations it has there (the filters' meaning, sources.ts).
 * A click-to-WhatsApp lead (source 'whatsapp_ad') is counted per ad: `campaign_id` is Meta's ad id
 * (referral.source_id), else the headline; `campaign_label` the headline. Null for other sources.
 */
export function leadDayRows(tenantId: string, days: readonly Day[]) {
  const campaign = (key: string) => sql.raw(`case when l.source = 'whatsapp_ad' then ${key} end`);
  return sql`
    select * from (
      with l as (
        select l.id, ${dayOf("l.created_at")} as day, l.source,
          ${campaign("coalesce(nullif(l.source_details -> 'campaign' ->> 'sourceId', ''), nullif(l.source_details -> 'campaign' ->> 'headline', ''))")} as campaign_id,
          ${campaign("nullif(l.source_details -> 'campaign' ->> 'headline', '')")} as campaign_label
        from leads l
        where l.tenant_id = ${tenantId}::uuid and ${onDays("l.created_at", days)}
      ),
      placed as (
        select distinct l.id, l.day, l.source, l.campaign_id, l.campaign_label, c.inbox_id, c.team_id
        from l join conversations c on c.tenant_id = ${tenantId}::uuid and c.lead_id = l.id
      )
      select day, source, campaign_id, campaign_label, null::uuid as inbox_id, null::uuid as team_id, count(*)::int as leads from l group by day, source, campaign_id, campaign_label
      union all
      select day, source, campaign_id, campaign_label, inbox_id, null::uuid, count(distinct id)::int from placed group by day, source, campaign_id, campaign_label, inbox_id
      union all
      select day, source, campaign_id, campaign_label, null::uuid, team_id, count(distinct id)::int from placed where team_id is not null group by day, source, campaign_id, campaign_label, team_id
      union all
      select day, source, campaign_id, campaign_label, inbox_id, team_id, count(distinct id)::int from placed where team_id is not null group by day, source, campaign_id, campaign_label, inbox_id, team_id
    ) as lead_rows`;
}

type Builder = (tenantId: string, days: readonly Day[]) => RawBuilder<unknown>;

/** The rollup tables and the builder of each one's rows (the columns are the builder's, in order). */
export const ROLLUPS = {
  analytics_conversation_days: { build: conversationDayRows, columns: ["day", "inbox_id", "team_id", "conversations", "bot_started", "qualified", "booked", "handed_off"] },
  analytics_bot_step_days: { build: botStepDayRows, columns: ["day", "inbox_id", "team_id", "flow_id", "step_id", "reached", "answered", "pos_sum"] },
  analytics_agent_days: { build: agentDayRows, columns: ["day", "inbox_id", "team_id", "user_id", "conversations", "sla_hit", "sla_missed", "first_response_seconds", "resolution_seconds"] },
  analytics_message_hours: { build: messageHourRows, columns: ["day", "inbox_id", "team_id", "inbound", "outbound"] },
  analytics_lead_days: { build: leadDayRows, columns: ["day", "source", "campaign_id", "campaign_label", "inbox_id", "team_id", "leads"] },
} as const satisfies Record<string, { build: Builder; columns: readonly string[] }>;
export type RollupTable = keyof typeof ROLLUPS;

/** A São Paulo day and the instants it starts and ends at (as Postgres prints them). */
export interface Day {
  day: string;
  start: string;
  end: string;
}

/** The bounds of these days (Postgres' time zone rules: São Paulo kept summer time until 2019). */
async function boundsOf(tx: TenantTx, days: readonly string[]): Promise<Day[]> {
  const { rows } = await sql<Day>`
    select d::text as day, (d::timestamp at time zone ${TZ})::text as start, ((d + 1)::timestamp at time zone ${TZ})::text as end
    from unnest(${[...days]}::date[]) as d order by d`.execute(tx);
  return rows;
}

/**
 * The days of the filter's range a reader computes live: on or after the tenant's `rolled_through`
 * (today, and closed days the refresh has not reached), and days marked dirty since they were
 * rolled up. Read first, in its own statement, so the main query's planner knows how many.
 */
export async function liveDays(tx: TenantTx, s: AnalyticsScope): Promise<Day[]> {
  const { rows } = await sql<Day>`
    select d::text as day, (d::timestamp at time zone ${TZ})::text as start, ((d + 1)::timestamp at time zone ${TZ})::text as end
    from (select ${s.filter.from}::date + i as d from generate_series(0, ${s.filter.to}::date - ${s.filter.from}::date) as i) as g
    where d >= coalesce((select st.rolled_through from analytics_rollup_state st where st.tenant_id = ${s.tenantId}::uuid), '-infinity'::date)
      or d in (select dd.day from analytics_dirty_days dd where dd.tenant_id = ${s.tenantId}::uuid and dd.day between ${s.filter.from}::date and ${s.filter.to}::date)
    order by d`.execute(tx);
  return rows;
}

/**
 * One kind of rows over the filter's range: stored rows for the rolled-up clean days, and rows
 * computed live for the `live` days (from `liveDays`). Not yet filtered by inbox / team.
 */
export function rangeRows(table: RollupTable, s: AnalyticsScope, live: readonly Day[]) {
  const stored = sql`
    select ${sql.join(ROLLUPS[table].columns.map((c) => sql.ref(`r.${c}`)))} from ${sql.table(table)} as r
    where r.tenant_id = ${s.tenantId}::uuid and r.day between ${s.filter.from}::date and ${s.filter.to}::date
      ${live.length > 0 ? sql`and r.day <> all(${live.map((d) => d.day)}::date[])` : sql``}`;
  if (live.length === 0) return stored;
  return sql`${stored}
    union all
    select ${sql.join(ROLLUPS[table].columns.map((c) => sql.ref(c)))} from (${ROLLUPS[table].build(s.tenantId, live)}) as live`;
}

// ---------------------------------------------------------------------------------------------
// The refresh (the QStash-scheduled job /api/jobs/analytics-rollup).

/** A day is rolled up once it has been over for this long (no transaction that began on it is still open). */
export const CLOSE_MARGIN_MS = 60 * 60 * 1000;
/** At most this many not-yet-rolled days per tenant and run (a first run over a long history catches up over several runs). */
export const MAX_NEW_DAYS_PER_RUN = 120;

/** The São Paulo date of an instant (São Paulo has been UTC−3 all year since 2019). */
export function saoPauloDay(at: Date): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: ANALYTICS_TIME_ZONE, year: "numeric", month: "2-digit", day: "2-digit" }).format(at);
}

/** Days before this one are closed for the refresh at `now`. */
export function closedBefore(now: Date): string {
  return saoPauloDay(new Date(now.getTime() - CLOSE_MARGIN_MS));
}

const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

export interface RollupRefresh {
  /** Tenants refreshed. */
  tenants: number;
  /** Days recomputed (marked dirty, or newly closed). */
  days: number;
}

/**
 * Refreshes one tenant's rollups in one transaction: takes the dirty marks of rolled-up days
 * (first statement: a mark committed after it survives for the next run), adds the days closed
 * since `rolled_through` (at most MAX_NEW_DAYS_PER_RUN; from the tenant's first lead, conversation
 * or message on the first run), rewrites those days' rows in every rollup and moves `rolled_through`.
 * Idempotent: a repeated or overlapping run rewrites the same rows from the same tables.
 */
export async function refreshTenantRollup(tx: TenantTx, tenantId: string, now: Date): Promise<number> {
  const closed = closedBefore(now);
  // One refresh of a tenant at a time (two would each delete and insert the same days' rows).
  await sql`select pg_advisory_xact_lock(hashtext('analytics_rollup'), hashtext(${tenantId}))`.execute(tx);
  const state = (await sql<{ rolled_through: string }>`select rolled_through::text from analytics_rollup_state where tenant_id = ${tenantId}::uuid`.execute(tx)).rows[0];
  const through = state?.rolled_through ?? null;
  let start = through;
  if (!start) {
    const first = (
      await sql<{ day: string | null }>`
        select (least(
          (select min(created_at) from conversations where tenant_id = ${tenantId}::uuid),
          (select min(created_at) from messages where tenant_id = ${tenantId}::uuid),
          (select min(created_at) from leads where tenant_id = ${tenantId}::uuid)
        ) at time zone ${TZ})::date::text as day`.execute(tx)
    ).rows[0]?.day;
    start = first && first < closed ? first : closed;
  }
  const until = [closed, addDays(start, MAX_NEW_DAYS_PER_RUN)].sort()[0]!;
  // The marks this run answers, taken before any row is read: a mark committed after this
  // statement (its change maybe not seen below) survives for the next run.
  const marked = (await sql<{ day: string }>`delete from analytics_dirty_days where tenant_id = ${tenantId}::uuid and day < ${until}::date returning day::text`.execute(tx)).rows.map((r) => r.day);
  const dirty = marked.filter((d) => through !== null && d < through);
  const fresh: string[] = [];
  for (let d = start; d < until; d = addDays(d, 1)) fresh.push(d);
  const days = [...new Set([...dirty, ...fresh])].sort();
  if (days.length > 0) {
    const list = await boundsOf(tx, days);
    for (const [table, r] of Object.entries(ROLLUPS)) {
      await sql`delete from ${sql.table(table)} where tenant_id = ${tenantId}::uuid and day = any(${days}::date[])`.execute(tx);
      const cols = sql.join(r.columns.map((c) => sql.ref(c)));
      await sql`insert into ${sql.table(table)} (tenant_id, ${cols}) select ${tenantId}::uuid, ${cols} from (${r.build(tenantId, list)}) as x`.execute(tx);
    }
  }
  await sql`
    insert into analytics_rollup_state (tenant_id, rolled_through, refreshed_at) values (${tenantId}::uuid, ${until}::date, ${now})
    on conflict (tenant_id) do update set rolled_through = greatest(analytics_rollup_state.rolled_through, excluded.rolled_through), refreshed_at = excluded.refreshed_at`.execute(tx);
  return days.length;
}

/**
 * The analytics rollup job: one tenant, or every tenant with something to roll up (a definer
 * function lists their ids, 0121), each in its own transaction under its RLS.
 */
export async function refreshAnalyticsRollups(deps: Pick<AppDeps, "db" | "now">, opts: { tenantId?: string; limit?: number } = {}): Promise<RollupRefresh> {
  const now = deps.now();
  const tenantIds = opts.tenantId
    ? [opts.tenantId]
    : (await sql<{ tenant_id: string }>`select tenant_id from app_tenants_for_analytics_rollup(${closedBefore(now)}::date, ${opts.limit ?? 200})`.execute(deps.db)).rows.map((r) => r.tenant_id);
  let days = 0;
  for (const tenantId of tenantIds) days += await withTenant(deps.db, tenantId, (tx) => refreshTenantRollup(tx, tenantId, now));
  return { tenants: tenantIds.length, days };
}
