import { invalidateBillingGate } from "./billing/quota-gate";
import type { Invalidates } from "./cache/process-cache";
import { deliverMessages, loadDeliveries, sendDeliveries, type Delivery } from "./conversations/deliver";
import type { TenantTx } from "@vendaflow/db/with-tenant";
import type { AppDeps } from "./deps";
import type { EmailMessage } from "./ports/email";
import type { ScheduledJob } from "./ports/scheduler";

/**
 * Work a service queues while it holds the tenant transaction and that must wait for the commit:
 * stored messages to hand to their channel, jobs to schedule, e-mails to send. Whoever opened the transaction (the
 * tRPC ladder, a route handler, a job) runs it with runAfterCommit once the commit succeeded.
 */
export interface AfterCommit {
  outbound: string[];
  jobs: ScheduledJob[];
  emails?: EmailMessage[];
  /** Storage keys whose bytes go once the rows forgetting them are committed (anonymisation). */
  deleteFiles?: string[];
  /** The tenant's subscription or plan changed: the quota gate's cached plans go stale (billing/quota-gate). */
  billingChanged?: boolean;
  /** Cached hot reads the transaction changed (cache/hot-reads.ts): dropped here and signalled to other processes. */
  invalidate?: { cache: Invalidates; key?: string }[];
  /** `outbound` as read by preloadDeliveries inside the transaction (saves a transaction after it). */
  deliveries?: Delivery[];
  /** Deliveries of `outbound` messages built by whoever stored them (nothing to read back), by message id. */
  built?: Map<string, Delivery>;
}

export const afterCommit = (): AfterCommit => ({ outbound: [], jobs: [] });

/**
 * Reads what sending `after.outbound` needs before the transaction ends, so no transaction follows
 * to read it; messages whose delivery was built when they were stored are not read at all. The
 * order stays `outbound`'s, which is the order the messages were stored in.
 */
export async function preloadDeliveries(tx: TenantTx, after: AfterCommit) {
  if (!after.outbound.length) return;
  const built = after.built ?? new Map<string, Delivery>();
  const toRead = after.outbound.filter((id) => !built.has(id));
  const read = new Map((toRead.length ? await loadDeliveries(tx, toRead) : []).map((d) => [d.id, d]));
  after.deliveries = after.outbound.map((id) => built.get(id) ?? read.get(id)).filter((d): d is Delivery => d !== undefined);
}

/**
 * Schedules `after.jobs` inside the transaction when the scheduler can join it (the local,
 * database-backed queue): the rows commit with the work, and no statement follows the commit for
 * them. With QStash (an HTTP publish) the jobs stay queued for runAfterCommit.
 */
export async function scheduleJobsWithin(deps: Pick<AppDeps, "scheduler">, tx: TenantTx, after: AfterCommit) {
  const within = deps.scheduler.scheduleWithin;
  if (!within || !after.jobs.length) return;
  for (const job of after.jobs) await within.call(deps.scheduler, tx, job);
  after.jobs = [];
}

/** Queues a cached hot read for invalidation once the caller's transaction committed. */
export function invalidateAfterCommit(after: AfterCommit | null | undefined, cache: Invalidates, key?: string) {
  if (!after) return;
  (after.invalidate ??= []).push(key === undefined ? { cache } : { cache, key });
}

export async function runAfterCommit(deps: AppDeps, tenantId: string, after: AfterCommit) {
  // First, so a reader elsewhere stops using the old value before anything slower runs.
  for (const i of after.invalidate ?? []) await i.cache.invalidate(deps.counters, i.key);
  if (after.deliveries) await sendDeliveries(deps, tenantId, after.deliveries);
  else if (after.outbound.length) await deliverMessages(deps, tenantId, after.outbound);
  for (const job of after.jobs) await deps.scheduler.schedule(job);
  for (const mail of after.emails ?? []) await deps.email.send(mail);
  for (const key of after.deleteFiles ?? []) await deps.storage.delete(key);
  if (after.billingChanged) await invalidateBillingGate(deps.counters);
}
