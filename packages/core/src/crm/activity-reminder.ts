import { sql } from "kysely";
import { withTenant } from "@vendaflow/db/with-tenant";
import type { ActivityReminderJob } from "@vendaflow/validators/crm";
import { afterCommit, runAfterCommit, type AfterCommit } from "../after-commit";
import type { AppDeps } from "../deps";
import { activityRefs, notify } from "../notifications/notifications";

export const ACTIVITY_REMINDER_JOB_PATH = "/api/jobs/activity-reminder";

/** How long before its due time the assignee's bell rings (a calendar's usual reminder). */
export const ACTIVITY_REMINDER_LEAD_MS = 15 * 60_000;

/**
 * The longest delay asked of the scheduler: QStash caps a message's delay by plan, so a reminder
 * weeks away goes in hops; each hop's job finds it not yet time and schedules the next.
 */
const MAX_DELAY_SECONDS = 7 * 86_400;

/** A job early by at most this much still rings (the scheduler's and the clocks' slack). */
const EARLY_SLACK_MS = 60_000;

/**
 * Schedules the reminder of an open activity due in the future, after the commit. One job per
 * (activity, due time): saving it again with the same time schedules nothing new, and a new time
 * gets its own job while the old one finds the time changed. Notes and anything already due ring
 * nothing; a due time within the lead rings at once.
 */
export function scheduleActivityReminder(c: { tenantId: string; now: Date; after: AfterCommit | null }, a: { id: string; type: string; dueAt: Date | null }) {
  if (!c.after || !a.dueAt || a.type === "note" || a.dueAt.getTime() <= c.now.getTime()) return;
  const wait = Math.max(0, Math.floor((a.dueAt.getTime() - ACTIVITY_REMINDER_LEAD_MS - c.now.getTime()) / 1000));
  const hop = wait > MAX_DELAY_SECONDS ? `-hop-${c.now.getTime() + MAX_DELAY_SECONDS * 1000}` : "";
  const body: ActivityReminderJob = { tenantId: c.tenantId, activityId: a.id, dueAt: a.dueAt.toISOString() };
  c.after.jobs.push({ path: ACTIVITY_REMINDER_JOB_PATH, body, delaySeconds: Math.min(wait, MAX_DELAY_SECONDS), deduplicationId: `activity-reminder-${a.id}-${a.dueAt.getTime()}${hop}` });
}

/**
 * The job: the assignee's bell, once, for an activity still open, still due at that time and still
 * assigned to an active person; a hop not yet in time schedules the next one.
 */
export async function runActivityReminder(deps: AppDeps, job: ActivityReminderJob): Promise<"sent" | "skipped" | "later"> {
  const after = afterCommit();
  const now = deps.now();
  const outcome = await withTenant(deps.db, job.tenantId, async (tx) => {
    const a = await tx
      .selectFrom("activities as a")
      .innerJoin("users as u", "u.id", "a.assigned_to")
      .select(["a.id", "a.type", "a.subject", "a.due_at", "a.completed_at", "a.assigned_to", "a.deal_id", "a.lead_id", "a.contact_id", "a.company_id", "u.is_active"])
      .where("a.id", "=", job.activityId)
      .where("a.deleted_at", "is", null)
      .executeTakeFirst();
    const dueAt = new Date(job.dueAt);
    if (!a || a.completed_at || !a.due_at || a.due_at.getTime() !== dueAt.getTime() || !a.assigned_to || !a.is_active) return "skipped" as const;
    if (dueAt.getTime() - ACTIVITY_REMINDER_LEAD_MS > now.getTime() + EARLY_SLACK_MS) {
      scheduleActivityReminder({ tenantId: job.tenantId, now, after }, { id: a.id, type: a.type, dueAt });
      return "later" as const;
    }
    // At least once: a second delivery finds the first one's notification.
    const sent = await tx
      .selectFrom("notifications")
      .select("id")
      .where("user_id", "=", a.assigned_to)
      .where("kind", "=", "activity_due")
      .where(sql<boolean>`data->>'activityId' = ${a.id} and data->>'dueAt' = ${job.dueAt}`)
      .executeTakeFirst();
    if (sent) return "skipped" as const;
    const refs = activityRefs({ dealId: a.deal_id, leadId: a.lead_id, contactId: a.contact_id, companyId: a.company_id });
    await notify(tx, job.tenantId, a.assigned_to, "activity_due", { activityId: a.id, type: a.type, title: a.subject, dueAt: job.dueAt, ...refs }, now);
    return "sent" as const;
  });
  if (outcome === "later") await runAfterCommit(deps, job.tenantId, after);
  return outcome;
}
