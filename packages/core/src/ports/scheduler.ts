import type { TenantTx } from "@vendaflow/db/with-tenant";

/** A callback to one of the app's signed job endpoints, delivered after a delay. */
export interface ScheduledJob {
  /** Path under the public base URL, e.g. "/api/jobs/bot-timeout". */
  path: string;
  /** Sent as JSON. */
  body: unknown;
  delaySeconds: number;
  /** A second job with the same id is dropped (QStash keeps ids for 90 days). */
  deduplicationId?: string;
}

/**
 * Delayed jobs. Adapters: QStash (`connectors/qstash/qstash-scheduler`) and a
 * Postgres-backed queue for the embedded default (`connectors/qstash/local-scheduler`
 * plus `local-delivery`, which calls the same endpoints). Both deliver at least once with an `Upstash-Signature`, so handlers verify one way and re-check
 * state before acting.
 */
export interface Scheduler {
  readonly kind: "qstash" | "local";
  schedule(job: ScheduledJob): Promise<void>;
  /**
   * Schedules inside the caller's transaction (the job exists only if it commits). Only a
   * database-backed adapter has it (the local queue); QStash's publish is an HTTP call that cannot
   * join a transaction, so callers fall back to schedule() after the commit when it is absent.
   */
  scheduleWithin?(tx: TenantTx, job: ScheduledJob): Promise<void>;
}
