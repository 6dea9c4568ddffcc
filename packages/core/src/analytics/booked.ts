import { sql, type RawBuilder, type SqlBool } from "kysely";

/**
 * The funnel's "booked" step, the one place that says what it means: the conversation's lead
 * booked a meeting on or after the conversation started — a meeting from the scheduling webhooks
 * (Calendly / Cal.com, `meetings`, whatever became of it since: rescheduled, canceled, no-show), or
 * one an agent logged by hand (a "meeting" activity that no system event wrote).
 *
 * As a condition on a conversation's lead and start (probes of the tenant-led lead indexes of
 * `meetings` and `activities`). The rollup triggers (db/migrations/0121) mark a conversation's day
 * dirty when a booking of its lead appears, moves or goes: keep them in step with this definition.
 */
export function bookedSince(tenantId: string, leadId: RawBuilder<unknown>, since: RawBuilder<unknown>): RawBuilder<SqlBool> {
  return sql<SqlBool>`(exists (select 1 from meetings m where m.tenant_id = ${tenantId}::uuid and m.lead_id = ${leadId} and m.created_at >= ${since})
    or exists (select 1 from activities a
      where a.tenant_id = ${tenantId}::uuid and a.lead_id = ${leadId} and a.type = 'meeting' and a.system_event is null and a.deleted_at is null and a.created_at >= ${since}))`;
}
