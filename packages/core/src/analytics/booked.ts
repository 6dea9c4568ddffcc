import { sql, type RawBuilder, type SqlBool } from "kysely";
import type { AnalyticsScope } from "./scope";

/**
 * The funnel's "booked" step: the conversation's lead has a meeting logged on or after the
 * conversation started. A meeting is an activity of type "meeting": what an agent logs by hand and
 * what the scheduling webhooks (Calendly / Cal.com) log when a booking arrives. This is the one
 * place that says what "booked" means: when the `meetings` table lands, read it here instead.
 */
export function bookedCondition(s: AnalyticsScope, alias = "c"): RawBuilder<SqlBool> {
  return sql<SqlBool>`exists (
    select 1 from activities a
    where a.tenant_id = ${s.tenantId}::uuid and a.lead_id = ${sql.ref(`${alias}.lead_id`)}
      and a.type = 'meeting' and a.deleted_at is null and a.created_at >= ${sql.ref(`${alias}.created_at`)})`;
}
