import type { TenantTx } from "@vendaflow/db/with-tenant";
import type { AfterCommit } from "../after-commit";
import { recordAudit, type AuditMeta } from "../audit/record";
import { DomainError } from "../errors";
import { decodeCursor, keysetPage } from "../keyset";
import { webhookDeliveryJob } from "./deliver";

/** A subscription's delivery log, newest first (keyset), each with its attempts (status code, latency, error). */
export async function listDeliveries(tx: TenantTx, f: { subscriptionId: string; cursor?: string; limit: number }) {
  let q = tx
    .selectFrom("webhook_deliveries")
    .select(["id", "message_id", "event_type", "status", "attempts", "next_attempt_at", "last_status_code", "last_latency_ms", "last_error", "created_at", "delivered_at", "payload"])
    .where("subscription_id", "=", f.subscriptionId)
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .limit(f.limit + 1);
  const cursor = decodeCursor(f.cursor);
  if (cursor) q = q.where((eb) => eb.or([eb("created_at", "<", cursor.at), eb.and([eb("created_at", "=", cursor.at), eb("id", "<", cursor.id)])]));
  const page = keysetPage(await q.execute(), f.limit, (r) => r.created_at);
  const ids = page.items.map((d) => d.id);
  const attempts = ids.length
    ? await tx.selectFrom("webhook_delivery_attempts").select(["delivery_id", "attempt", "status_code", "latency_ms", "error", "created_at"]).where("delivery_id", "in", ids).orderBy("attempt").execute()
    : [];
  return { ...page, items: page.items.map((d) => ({ ...d, attemptLog: attempts.filter((a) => a.delivery_id === d.id).map(({ delivery_id: _, ...a }) => a) })) };
}

/**
 * Manual replay: the same message (same webhook-id, so receivers dedupe) goes out again now, with
 * a fresh 24-hour retry window. A disabled subscription must be re-enabled first.
 */
export async function replayDelivery(tx: TenantTx, tenantId: string, id: string, meta: AuditMeta, after: AfterCommit, now: Date) {
  const d = await tx
    .selectFrom("webhook_deliveries as d")
    .innerJoin("webhook_subscriptions as s", "s.id", "d.subscription_id")
    .select(["d.id", "d.attempts", "d.event_type", "s.is_active"])
    .where("d.id", "=", id)
    .forUpdate("d")
    .executeTakeFirst();
  if (!d) throw new DomainError("NOT_FOUND", "Entrega não encontrada.");
  if (!d.is_active) throw new DomainError("PRECONDITION_FAILED", "Reative a assinatura antes de reenviar.");
  await tx.updateTable("webhook_deliveries").set({ status: "pending", window_started_at: now, window_attempts: 0, next_attempt_at: now }).where("id", "=", id).execute();
  await recordAudit(tx, tenantId, meta, { action: "webhook_delivery.replayed", entityType: "webhook_delivery", entityId: id, after: { eventType: d.event_type } });
  after.jobs.push(webhookDeliveryJob(tenantId, id, `replay-${d.attempts}`));
}
