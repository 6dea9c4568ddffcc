import { sql } from "kysely";
import { rangeStart, type AnalyticsScope } from "./scope";

/**
 * The funnel's "booked" step, the one place that says what it means: the conversation's lead
 * booked a meeting on or after the conversation started — a meeting from the scheduling webhooks
 * (Calendly / Cal.com, `meetings`, whatever became of it since: rescheduled, canceled, no-show), or
 * one an agent logged by hand (a "meeting" activity that no system event wrote).
 *
 * As rows (lead_id, last_at): each lead's latest booking since the range began; a conversation of
 * the range was booked when `last_at >= its created_at`. One pass joined by hash, not a probe per
 * conversation.
 */
export function bookedLeads(s: AnalyticsScope) {
  const since = rangeStart(s.filter);
  return sql`
    select lead_id, max(created_at) as last_at from (
      select m.lead_id, m.created_at from meetings m where m.tenant_id = ${s.tenantId}::uuid and m.created_at >= ${since}
      union all
      select a.lead_id, a.created_at from activities a
      where a.tenant_id = ${s.tenantId}::uuid and a.type = 'meeting' and a.system_event is null and a.deleted_at is null
        and a.lead_id is not null and a.created_at >= ${since}
    ) as booked group by lead_id`;
}
