import { withTenant, type TenantTx } from "@vendaflow/db/with-tenant";
import { MEDIA_MAX_BYTES, safeContentType, safeFilename, type MediaKind } from "@vendaflow/validators/media";
import { afterCommit, scheduleJobsWithin } from "../after-commit";
import { cachedNumber } from "../conversations/whatsapp-number";
import type { AppDeps } from "../deps";
import { MediaTooLargeError } from "../ports/messaging";
import { markIfTokenRevoked } from "../whatsapp/token-revoked";

/** Retries of a failed download, in seconds after the failure: well inside Meta's 7 days. */
export const DOWNLOAD_RETRY_DELAYS = [60, 300, 1800, 7200, 21_600, 86_400] as const;

/** How long a claimed download may take before the recovery sweep tries it again (a crash mid-download). */
export const DOWNLOAD_LEASE_MS = 10 * 60_000;

export const mediaKey = (tenantId: string, mediaId: string) => `${tenantId}/${mediaId}`;

/**
 * A lead's media message: its file, to download after the webhook is answered. Idempotent per
 * message. Due at once (`now`): should the route's download never run, the recovery sweep takes it.
 */
export async function recordInboundMedia(tx: TenantTx, tenantId: string, messageId: string, m: { kind: MediaKind; mediaId: string; mimeType?: string; filename?: string }, now: Date) {
  const row = await tx
    .insertInto("media_objects")
    .values({ tenant_id: tenantId, message_id: messageId, direction: "inbound", kind: m.kind, provider_media_id: m.mediaId.slice(0, 128), declared_type: m.mimeType?.slice(0, 255) ?? null, filename: safeFilename(m.filename), download_due_at: now })
    .onConflict((oc) => oc.columns(["tenant_id", "message_id"]).doNothing())
    .returning("id")
    .executeTakeFirst();
  return row?.id ?? null;
}

export type DownloadOutcome = "stored" | "refused" | "failed" | "skipped";

/**
 * Fetches one pending file from Meta through the inbox's number and keeps it in storage: its
 * size checked against the kind's limit before and while reading, its type served only from the
 * allow-list. A failure is retried by a scheduled job (DOWNLOAD_RETRY_DELAYS); a file too large
 * is refused for good. Safe to call twice: only a pending or failed row is fetched. The row's
 * download_due_at says when the next try is due, so the recovery sweep finds one whose retry job
 * never came (recoverMediaDownloads). A retry job names the attempts it follows (`afterAttempts`):
 * when the row has moved on since (the sweep tried meanwhile and scheduled its own retry), the job
 * is late and does nothing, so one file never has two chains of retries. Two callers at the same
 * moment fetch once: the attempt is claimed first (see below).
 */
export async function downloadInboundMedia(deps: Pick<AppDeps, "db" | "counters" | "whatsapp" | "storage" | "scheduler" | "encryptionKey" | "platformWhatsApp" | "now">, tenantId: string, mediaObjectId: string, afterAttempts?: number): Promise<DownloadOutcome> {
  const row = await withTenant(deps.db, tenantId, (tx) =>
    tx
      .selectFrom("media_objects as mo")
      .innerJoin("messages as m", "m.id", "mo.message_id")
      .innerJoin("conversations as c", "c.id", "m.conversation_id")
      .select(["mo.id", "mo.kind", "mo.status", "mo.provider_media_id", "mo.declared_type", "mo.attempts", "c.inbox_id"])
      .where("mo.id", "=", mediaObjectId)
      .executeTakeFirst(),
  );
  if (!row || (row.status !== "pending" && row.status !== "failed") || !row.provider_media_id) return "skipped";
  if (afterAttempts !== undefined && row.attempts !== afterAttempts) return "skipped";
  // The attempt is claimed before the fetch: the attempts it follows move on, so a second caller
  // that read the same row (the sweep and a job at the same moment) finds them gone and fetches
  // nothing. Due again after the lease, should this process die before it records the outcome.
  const attempts = row.attempts + 1;
  const claimed = await withTenant(deps.db, tenantId, (tx) =>
    tx
      .updateTable("media_objects")
      .set({ attempts, download_due_at: new Date(deps.now().getTime() + DOWNLOAD_LEASE_MS) })
      .where("id", "=", row.id)
      .where("attempts", "=", row.attempts)
      .where("status", "in", ["pending", "failed"])
      .returning("id")
      .executeTakeFirst(),
  );
  if (!claimed) return "skipped";
  const kind = row.kind as MediaKind;
  const set = (values: Record<string, unknown>) => withTenant(deps.db, tenantId, (tx) => tx.updateTable("media_objects").set(values).where("id", "=", row.id).execute());
  try {
    const number = await cachedNumber(deps, tenantId, row.inbox_id);
    if (!number) throw new Error("A caixa de entrada não tem número do WhatsApp.");
    const file = await deps.whatsapp.downloadMedia(number, row.provider_media_id, MEDIA_MAX_BYTES[kind]);
    const key = mediaKey(tenantId, row.id);
    const contentType = safeContentType(kind, file.mimeType);
    await deps.storage.put(key, file.body, contentType);
    await set({ status: "stored", storage_key: key, content_type: contentType, declared_type: (file.mimeType || row.declared_type || "").slice(0, 255) || null, size_bytes: file.body.byteLength, sha256: file.sha256, stored_at: deps.now(), error: null, download_due_at: null });
    return "stored";
  } catch (err) {
    // By name too: the adapter's copy of the class may come from another bundle chunk.
    if (err instanceof MediaTooLargeError || (err as Error).name === "MediaTooLargeError") {
      const e = err as MediaTooLargeError;
      await set({ status: "refused", error: `Arquivo de ${e.size} bytes acima do limite de ${e.maxBytes} bytes.`, download_due_at: null });
      return "refused";
    }
    const delay = DOWNLOAD_RETRY_DELAYS[attempts - 1];
    const after = afterCommit();
    if (delay !== undefined) after.jobs.push({ path: "/api/jobs/media-download", body: { tenantId, mediaObjectId: row.id, afterAttempts: attempts }, delaySeconds: delay, deduplicationId: `media-download-${row.id}-${attempts}` });
    const dueAt = delay === undefined ? null : new Date(deps.now().getTime() + delay * 1000);
    // The failure and its retry commit together with the database-backed scheduler. QStash's
    // publish follows the commit: a crash before it leaves the row due, for the recovery sweep.
    await withTenant(deps.db, tenantId, async (tx) => {
      await tx.updateTable("media_objects").set({ status: "failed", error: (err instanceof Error ? err.message : String(err)).slice(0, 500), attempts, download_due_at: dueAt }).where("id", "=", row.id).execute();
      await scheduleJobsWithin(deps, tx, after);
    });
    for (const job of after.jobs) await deps.scheduler.schedule(job);
    // 190 on the business token marks the inbox (token-revoked.ts); the retries stay for after the reconnect.
    await markIfTokenRevoked(deps, tenantId, row.inbox_id, err);
    return "failed";
  }
}
