import { sql } from "kysely";
import { withTenant } from "@vendaflow/db/with-tenant";
import type { MeetingReminderJob } from "@vendaflow/validators/scheduling";
import { afterCommit, runAfterCommit, type AfterCommit } from "../after-commit";
import type { AppDeps } from "../deps";
import { postToConversation, whenBrasilia } from "./conversation-notice";

export const MEETING_REMINDER_JOB_PATH = "/api/jobs/meeting-reminder";

const LEADS: Record<MeetingReminderJob["kind"], number> = { "24h": 24 * 3600, "1h": 3600 };

/**
 * Reminders 24 h and 1 h before the start, through the Scheduler port, queued after the commit.
 * One job per (meeting, kind, start): a redelivered webhook schedules nothing new, and a
 * reschedule makes a new meeting with its own jobs; the old ones find it no longer scheduled.
 */
export function scheduleReminders(c: { tenantId: string; now: Date; after: AfterCommit }, m: { id: string; startsAt: Date }) {
  for (const kind of ["24h", "1h"] as const) {
    const delaySeconds = Math.floor((m.startsAt.getTime() - c.now.getTime()) / 1000) - LEADS[kind];
    if (delaySeconds <= 0) continue;
    const body: MeetingReminderJob = { tenantId: c.tenantId, meetingId: m.id, startsAt: m.startsAt.toISOString(), kind };
    c.after.jobs.push({ path: MEETING_REMINDER_JOB_PATH, body, delaySeconds, deduplicationId: `meeting-reminder-${m.id}-${kind}-${m.startsAt.getTime()}` });
  }
}

/** The job: only a meeting still scheduled at that time gets its reminder, once. */
export async function runMeetingReminder(deps: AppDeps, job: MeetingReminderJob): Promise<"sent" | "skipped"> {
  const after = afterCommit();
  const now = deps.now();
  const outcome = await withTenant(deps.db, job.tenantId, async (tx) => {
    const m = await tx.selectFrom("meetings").select(["id", "status", "starts_at", "conversation_id", "join_url"]).where("id", "=", job.meetingId).forUpdate().executeTakeFirst();
    if (!m || m.status !== "scheduled" || m.starts_at.getTime() !== new Date(job.startsAt).getTime() || !m.conversation_id) return "skipped" as const;
    const sent = await tx
      .selectFrom("conversation_events")
      .select("id")
      .where("conversation_id", "=", m.conversation_id)
      .where("kind", "=", "meeting_reminder")
      .where(sql<boolean>`data->>'meetingId' = ${m.id} and data->>'kind' = ${job.kind}`)
      .executeTakeFirst();
    if (sent) return "skipped" as const;
    const text = `Lembrete: sua reunião é ${job.kind === "24h" ? "amanhã" : "daqui a 1 hora"}, ${whenBrasilia(m.starts_at)}.${m.join_url ? `\nLink: ${m.join_url}` : ""}`;
    await postToConversation(tx, { tenantId: job.tenantId, now, after }, m.conversation_id, "meeting_reminder", text, { meetingId: m.id, kind: job.kind });
    return "sent" as const;
  });
  if (outcome === "sent") await runAfterCommit(deps, job.tenantId, after);
  return outcome;
}
