import { sql } from "kysely";
import type { Database } from "@vendaflow/db/create-db";
import { deferWrite } from "@vendaflow/db/deferred-writes";
import { precompiled } from "@vendaflow/db/precompiled";
import type { TenantTx } from "@vendaflow/db/with-tenant";
import type { ScheduledJob, Scheduler } from "@vendaflow/core/ports/scheduler";

/**
 * A job's row. Precompiled (precompiled.ts): the bot's timeout job rides every inbound message's
 * transaction, and building and compiling this INSERT each time cost more than filling its values.
 */
export const jobRow = precompiled("scheduleJob", (db, v: { destination: string; body: string; delay: number; deduplicationId: string | null }) =>
  db
    .insertInto("scheduled_jobs")
    .values({
      destination: v.destination,
      body: v.body,
      // The database clock, the same one delivery compares against.
      not_before: sql<Date>`now() + make_interval(secs => ${v.delay})`,
      deduplication_id: v.deduplicationId,
    })
    // Like QStash: a repeated deduplication id is accepted and dropped.
    .onConflict((oc) => oc.column("deduplication_id").doNothing()),
);

/** The embedded default's Scheduler: rows in scheduled_jobs, delivered by local-delivery.ts. */
export function localScheduler(db: Database, publicBaseUrl: string): Scheduler {
  const origin = publicBaseUrl.replace(/\/+$/, "");
  const insert = (db: Database | TenantTx, job: ScheduledJob) => {
    if (!job.path.startsWith("/")) throw new Error(`job path must start with "/": ${job.path}`);
    const delay = Math.max(0, Math.ceil(job.delaySeconds));
    return jobRow(db, { destination: `${origin}${job.path}`, body: JSON.stringify(job.body) ?? "null", delay, deduplicationId: job.deduplicationId ?? null });
  };
  return {
    kind: "local",
    async schedule(job) {
      await insert(db, job).execute();
    },
    // scheduled_jobs is global (no RLS): a tenant transaction may write it, and the row commits
    // with the work that asked for it, held for the transaction's next statement (deferWrite).
    async scheduleWithin(tx, job) {
      await deferWrite(tx, insert(tx, job));
    },
  };
}
