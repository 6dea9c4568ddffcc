import { invalidateBillingGate } from "./billing/quota-gate";
import { deliverMessages } from "./conversations/deliver";
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
}

export const afterCommit = (): AfterCommit => ({ outbound: [], jobs: [] });

export async function runAfterCommit(deps: AppDeps, tenantId: string, after: AfterCommit) {
  if (after.outbound.length) await deliverMessages(deps, tenantId, after.outbound);
  for (const job of after.jobs) await deps.scheduler.schedule(job);
  for (const mail of after.emails ?? []) await deps.email.send(mail);
  for (const key of after.deleteFiles ?? []) await deps.storage.delete(key);
  if (after.billingChanged) await invalidateBillingGate(deps.counters);
}
