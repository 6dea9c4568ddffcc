import { withTenant, type TenantTx } from "@vendaflow/db/with-tenant";
import { MEDIA_MAX_BYTES, safeContentType, safeFilename, type MediaKind } from "@vendaflow/validators/media";
import { cachedNumber } from "../conversations/whatsapp-number";
import type { AppDeps } from "../deps";
import { MediaTooLargeError } from "../ports/messaging";

/** Retries of a failed download, in seconds after the failure: well inside Meta's 7 days. */
export const DOWNLOAD_RETRY_DELAYS = [60, 300, 1800, 7200, 21_600, 86_400] as const;

export const mediaKey = (tenantId: string, mediaId: string) => `${tenantId}/${mediaId}`;

/** A lead's media message: its file, to download after the webhook is answered. Idempotent per message. */
export async function recordInboundMedia(tx: TenantTx, tenantId: string, messageId: string, m: { kind: MediaKind; mediaId: string; mimeType?: string; filename?: string }) {
  const row = await tx
    .insertInto("media_objects")
    .values({ tenant_id: tenantId, message_id: messageId, direction: "inbound", kind: m.kind, provider_media_id: m.mediaId.slice(0, 128), declared_type: m.mimeType?.slice(0, 255) ?? null, filename: safeFilename(m.filename) })
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
 * is refused for good. Safe to call twice: only a pending or failed row is fetched.
 */
export async function downloadInboundMedia(deps: Pick<AppDeps, "db" | "whatsapp" | "storage" | "scheduler" | "encryptionKey" | "platformWhatsApp" | "now">, tenantId: string, mediaObjectId: string): Promise<DownloadOutcome> {
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
  const kind = row.kind as MediaKind;
  const set = (values: Record<string, unknown>) => withTenant(deps.db, tenantId, (tx) => tx.updateTable("media_objects").set(values).where("id", "=", row.id).execute());
  try {
    const number = await cachedNumber(deps, tenantId, row.inbox_id);
    if (!number) throw new Error("A caixa de entrada não tem número do WhatsApp.");
    const file = await deps.whatsapp.downloadMedia(number, row.provider_media_id, MEDIA_MAX_BYTES[kind]);
    const key = mediaKey(tenantId, row.id);
    const contentType = safeContentType(kind, file.mimeType);
    await deps.storage.put(key, file.body, contentType);
    await set({ status: "stored", storage_key: key, content_type: contentType, declared_type: (file.mimeType || row.declared_type || "").slice(0, 255) || null, size_bytes: file.body.byteLength, sha256: file.sha256, stored_at: deps.now(), error: null, attempts: row.attempts + 1 });
    return "stored";
  } catch (err) {
    // By name too: the adapter's copy of the class may come from another bundle chunk.
    if (err instanceof MediaTooLargeError || (err as Error).name === "MediaTooLargeError") {
      const e = err as MediaTooLargeError;
      await set({ status: "refused", error: `Arquivo de ${e.size} bytes acima do limite de ${e.maxBytes} bytes.`, attempts: row.attempts + 1 });
      return "refused";
    }
    const attempts = row.attempts + 1;
    await set({ status: "failed", error: (err instanceof Error ? err.message : String(err)).slice(0, 500), attempts });
    const delay = DOWNLOAD_RETRY_DELAYS[attempts - 1];
    if (delay !== undefined) {
      await deps.scheduler.schedule({ path: "/api/jobs/media-download", body: { tenantId, mediaObjectId: row.id }, delaySeconds: delay, deduplicationId: `media-download-${row.id}-${attempts}` });
    }
    return "failed";
  }
}
