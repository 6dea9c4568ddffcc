import { sql } from "kysely";
import { withTenant } from "@vendaflow/db/with-tenant";
import type { AppDeps } from "../deps";
import type { DownloadOutcome } from "../media/inbound-media";
import { settleInboundMedia } from "../media/voice-note";
import { processConversation } from "./process";

export type RecoveryFailure = { tenantId: string; conversationId: string; error: string };

/**
 * The recovery sweep: inbound messages persisted but never processed (a crash after the HTTP
 * answer) are run through the normal, locked processing path. Safe to run anywhere, any time.
 * One conversation that cannot be processed is reported and left pending; it never stops the
 * sweep for the others (nor turns the job into a failure QStash would retry).
 */
export async function recoverStaleInbound(deps: AppDeps, olderThanSeconds = 30, limit = 200) {
  const { rows } = await sql<{ tenant_id: string; conversation_id: string }>`select * from app_stale_inbound(make_interval(secs => ${olderThanSeconds}), ${limit})`.execute(deps.db);
  let recovered = 0;
  const failed: RecoveryFailure[] = [];
  for (const r of rows) {
    try {
      await processConversation(deps, r.tenant_id, r.conversation_id);
      recovered++;
    } catch (err) {
      failed.push({ tenantId: r.tenant_id, conversationId: r.conversation_id, error: (err as Error).message.slice(0, 500) });
    }
  }
  return { recovered, failed };
}

/** How overdue a file's download must be before the sweep takes it: the route's after() and the scheduled retry go first. */
export const MEDIA_SWEEP_GRACE_SECONDS = 300;

export type MediaRecoveryFailure = { tenantId: string; mediaObjectId: string; error: string };

/**
 * The sweep's part for lead files: a pending one whose download in the webhook's after() never ran,
 * or a failed one whose retry job was never published (a crash between the failed status and
 * QStash's publish), once `graceSeconds` past its download_due_at, goes through the retry job's
 * step (settleInboundMedia: the download, then a voice note's transcript and answer). Each row is
 * claimed first, under its tenant (its due time moved to now): a concurrent sweep finds it not
 * due, and a process that dies mid-download leaves it due again a grace period later. A failure
 * schedules the next retry as any download's does; an error is reported and the sweep goes on.
 */
export async function recoverMediaDownloads(deps: AppDeps, graceSeconds = MEDIA_SWEEP_GRACE_SECONDS, limit = 20) {
  const now = deps.now();
  const dueBefore = new Date(now.getTime() - graceSeconds * 1000);
  const { rows } = await sql<{ tenant_id: string; media_object_id: string }>`select * from app_due_media_downloads(${dueBefore}, ${limit})`.execute(deps.db);
  const outcomes: Record<DownloadOutcome, number> = { stored: 0, refused: 0, failed: 0, skipped: 0 };
  const errors: MediaRecoveryFailure[] = [];
  for (const r of rows) {
    try {
      const claimed = await withTenant(deps.db, r.tenant_id, (tx) =>
        tx
          .updateTable("media_objects")
          .set({ download_due_at: now })
          .where("id", "=", r.media_object_id)
          .where("status", "in", ["pending", "failed"])
          .where("download_due_at", "<=", dueBefore)
          .returning("id")
          .executeTakeFirst(),
      );
      if (!claimed) continue;
      outcomes[(await settleInboundMedia(deps, r.tenant_id, r.media_object_id)).download]++;
    } catch (err) {
      errors.push({ tenantId: r.tenant_id, mediaObjectId: r.media_object_id, error: (err as Error).message.slice(0, 500) });
    }
  }
  return { ...outcomes, errors };
}
