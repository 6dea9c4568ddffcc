import { sql, type RawBuilder, type SqlBool } from "kysely";
import { ANALYTICS_TIME_ZONE, type AnalyticsFilter } from "@vendaflow/validators/analytics";

/**
 * What every dashboard query starts from: the tenant (explicit beside RLS, so the planner uses the
 * tenant-led indexes), the date range as São Paulo days turned into instants, and the optional
 * inbox and team. Agent performance adds `userId` when an agent looks at their own numbers.
 */
export interface AnalyticsScope {
  tenantId: string;
  filter: AnalyticsFilter;
  /** Only this person's numbers (an agent's own view). */
  userId?: string | null;
}

const TZ = sql.lit(ANALYTICS_TIME_ZONE);

/** The first instant of the range: midnight of `from` in São Paulo. */
export const rangeStart = (f: AnalyticsFilter) => sql<Date>`(${f.from}::date)::timestamp at time zone ${TZ}`;
/** The instant after the range: midnight after `to` in São Paulo. */
export const rangeEnd = (f: AnalyticsFilter) => sql<Date>`(${f.to}::date + 1)::timestamp at time zone ${TZ}`;

/** `col` falls inside the range (half-open, so a day boundary is counted once). */
export const inRange = (col: string, f: AnalyticsFilter) => sql<SqlBool>`${sql.ref(col)} >= ${rangeStart(f)} and ${sql.ref(col)} < ${rangeEnd(f)}`;

/** A timestamp column as São Paulo wall-clock time. */
export const local = (col: string) => sql<Date>`(${sql.ref(col)} at time zone ${TZ})`;

/** The conversation alias `c` belongs to the filtered inbox and team. */
export function conversationFilter(f: AnalyticsFilter, alias = "c"): RawBuilder<SqlBool> {
  const parts: RawBuilder<SqlBool>[] = [sql<SqlBool>`true`];
  if (f.inboxId) parts.push(sql<SqlBool>`${sql.ref(`${alias}.inbox_id`)} = ${f.inboxId}::uuid`);
  if (f.teamId) parts.push(sql<SqlBool>`${sql.ref(`${alias}.team_id`)} = ${f.teamId}::uuid`);
  return sql<SqlBool>`(${sql.join(parts, sql` and `)})`;
}

/**
 * A deal (alias `d`) belongs to the filtered inbox (through the conversation it came from) and team
 * (its owner is a member). A deal with no conversation is left out when an inbox is chosen.
 */
export function dealFilter(s: AnalyticsScope, alias = "d"): RawBuilder<SqlBool> {
  const parts: RawBuilder<SqlBool>[] = [sql<SqlBool>`${sql.ref(`${alias}.deleted_at`)} is null`];
  if (s.filter.inboxId)
    parts.push(sql<SqlBool>`${sql.ref(`${alias}.conversation_id`)} in (select id from conversations where tenant_id = ${s.tenantId}::uuid and inbox_id = ${s.filter.inboxId}::uuid)`);
  if (s.filter.teamId)
    parts.push(sql<SqlBool>`${sql.ref(`${alias}.owner_id`)} in (select user_id from team_members where tenant_id = ${s.tenantId}::uuid and team_id = ${s.filter.teamId}::uuid)`);
  return sql<SqlBool>`(${sql.join(parts, sql` and `)})`;
}

/** Postgres returns counts (bigint) and sums (numeric) as strings: numbers here, null kept. */
export const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));
export const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
