import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import { withTenant, type TenantTx } from "@vendaflow/db/with-tenant";
import type { SlackNotifyEvent, SlackNotifyJob } from "@vendaflow/validators/slack";
import type { AfterCommit } from "../after-commit";
import { loadEntity } from "../automations/entity";
import type { AppDeps } from "../deps";
import { isChatAuthError } from "../ports/chat";
import type { ScheduledJob } from "../ports/scheduler";
import { findTenantById } from "../tenancy/tenants";
import { notificationMessage } from "./blocks";
import { loadSlackConnection, slackTarget } from "./connections";

export const SLACK_NOTIFY_JOB_PATH = "/api/jobs/slack-notify";

/** Waits before the 2nd, 3rd… attempt (seconds): a notification is worth little after an hour or so. */
export const SLACK_RETRY_SECONDS = [10, 60, 300, 900, 3600] as const;

export const slackNotifyJob = (job: SlackNotifyJob, delaySeconds = 0): ScheduledJob => ({
  path: SLACK_NOTIFY_JOB_PATH,
  body: job,
  delaySeconds,
  deduplicationId: `slack-notify:${job.notificationId}:${job.attempt}`,
});

/** The record's page on the tenant's subdomain. */
export const recordPath = (type: "lead" | "deal", id: string) => (type === "deal" ? `/deals/${id}` : `/leads/${id}`);

/**
 * A CRM event a Slack channel may want: when the tenant's active connection listens to it, a job
 * is queued after the caller's commit (the message is built and sent by the job, never inside
 * the transaction). One indexed read when there is no connection.
 */
export async function queueSlackNotification(tx: TenantTx, tenantId: string, ev: { event: SlackNotifyEvent; entity: { type: "lead" | "deal"; id: string }; data?: Record<string, unknown> }, after: AfterCommit): Promise<boolean> {
  const listening = await tx
    .selectFrom("slack_connections")
    .select("id")
    .where("is_active", "=", true)
    .where(sql<boolean>`${ev.event} = any(notify_events)`)
    .executeTakeFirst();
  if (!listening) return false;
  after.jobs.push(slackNotifyJob({ tenantId, event: ev.event, entityType: ev.entity.type, entityId: ev.entity.id, notificationId: randomUUID(), attempt: 0, data: ev.data ?? {} }));
  return true;
}

type Deps = Pick<AppDeps, "db" | "now" | "scheduler" | "chat" | "encryptionKey" | "links">;

/**
 * One attempt of one notification (the Scheduler's job, at least once): the record is read as it
 * is now, the Block Kit message built and posted outside any transaction. A network failure or a
 * Slack error is retried on SLACK_RETRY_SECONDS; a refused token is not (the admin must fix it)
 * and is shown on the settings card as the connection's last error.
 */
export async function deliverSlackNotification(deps: Deps, job: SlackNotifyJob): Promise<{ status: string }> {
  const loaded = await withTenant(deps.db, job.tenantId, async (tx) => {
    const c = await loadSlackConnection(tx, deps);
    if (!c || !c.is_active || !c.notify_events.includes(job.event)) return null;
    return { c, entity: await loadEntity(tx, job.entityType, job.entityId) };
  });
  if (!loaded) return { status: "not_connected" };
  if (!loaded.entity) return { status: "missing" };
  const target = slackTarget(loaded.c);
  const tenant = await findTenantById(deps.db, job.tenantId);
  if (!target || !tenant) return { status: "not_connected" };
  const message = notificationMessage({ event: job.event, facts: loaded.entity.facts, data: job.data, url: deps.links.tenantUrl(tenant.slug, recordPath(job.entityType, job.entityId)) });
  let error: string | null = null;
  let retry = false;
  try {
    await deps.chat.post(target, message);
  } catch (err) {
    error = (err instanceof Error ? err.message : String(err)).slice(0, 500);
    retry = !isChatAuthError(err) && job.attempt < SLACK_RETRY_SECONDS.length;
  }
  await withTenant(deps.db, job.tenantId, (tx) =>
    tx
      .updateTable("slack_connections")
      .set(error === null ? { last_error: null, last_sent_at: deps.now() } : { last_error: error })
      .where("id", "=", loaded.c.id)
      .execute(),
  );
  if (retry) await deps.scheduler.schedule(slackNotifyJob({ ...job, attempt: job.attempt + 1 }, SLACK_RETRY_SECONDS[job.attempt]));
  return { status: error === null ? "sent" : retry ? "retrying" : "failed" };
}
