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

/**
 * The pull of one slot (CRM_PULL_INTERVAL_SECONDS wide): a slot is pulled once however often it is
 * scheduled. `key` makes another pull of the slot (a webhook's, crmWebhookPull).
 */
export function crmPullJob(job: Omit<CrmSyncPullJob, "slot">, now: Date, delaySeconds = CRM_PULL_INTERVAL_SECONDS, key?: string): ScheduledJob {
  const slot = Math.floor((now.getTime() / 1000 + delaySeconds) / CRM_PULL_INTERVAL_SECONDS);
  return { path: CRM_PULL_JOB_PATH, body: { ...job, slot }, delaySeconds, deduplicationId: `crm-sync-pull:${job.connectionId}:${slot}${delaySeconds === 0 ? ":now" : ""}${key ? `:${key}` : ""}` };
}

/** Seconds before a pull that found a push run holding the connection tries again (once per pull slot). */
export const CRM_BUSY_PULL_RETRY_SECONDS = 30;

/** Seconds a webhook-triggered pull waits; webhooks arriving meanwhile ride on the same pull. */
export const CRM_WEBHOOK_PULL_DELAY_SECONDS = 5;

/**
 * The pull a webhook that carries no object (HubSpot's events name the object, not its fields)
 * asks for: one per connection per CRM_WEBHOOK_PULL_DELAY_SECONDS window, starting after every
 * event of its window arrived, so it reads them all.
 */
export function crmWebhookPull(job: Omit<CrmSyncPullJob, "slot">, now: Date): ScheduledJob {
  const window = Math.floor(now.getTime() / 1000 / CRM_WEBHOOK_PULL_DELAY_SECONDS);
  return crmPullJob(job, now, CRM_WEBHOOK_PULL_DELAY_SECONDS, `hook:${window}`);
}
