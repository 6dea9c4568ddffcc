import { randomUUID } from "node:crypto";
import type { CrmSyncPullJob, CrmSyncPushJob } from "@vendaflow/validators/crm-sync";
import type { ScheduledJob } from "../ports/scheduler";

export const CRM_PUSH_JOB_PATH = "/api/jobs/crm-sync-push";
export const CRM_PULL_JOB_PATH = "/api/jobs/crm-sync-pull";

/** Seconds between scheduled pulls of a connection. */
export const CRM_PULL_INTERVAL_SECONDS = 300;

/** A push run of a connection's outbox; `key` separates runs that must not be folded into one. */
export const crmPushJob = (job: CrmSyncPushJob, delaySeconds = 0, key: string = randomUUID()): ScheduledJob => ({
  path: CRM_PUSH_JOB_PATH,
  body: job,
  delaySeconds,
  deduplicationId: `crm-sync-push:${job.connectionId}:${job.attempt}:${key}`,
});

/** The pull of one slot (CRM_PULL_INTERVAL_SECONDS wide): a slot is pulled once however often it is scheduled. */
export function crmPullJob(job: Omit<CrmSyncPullJob, "slot">, now: Date, delaySeconds = CRM_PULL_INTERVAL_SECONDS): ScheduledJob {
  const slot = Math.floor((now.getTime() / 1000 + delaySeconds) / CRM_PULL_INTERVAL_SECONDS);
  return { path: CRM_PULL_JOB_PATH, body: { ...job, slot }, delaySeconds, deduplicationId: `crm-sync-pull:${job.connectionId}:${slot}${delaySeconds === 0 ? ":now" : ""}` };
}
