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
}
