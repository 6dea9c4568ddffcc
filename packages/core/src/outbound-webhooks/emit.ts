import { sql } from "kysely";
import type { TenantTx } from "@vendaflow/db/with-tenant";
import type { WebhookEventType } from "@vendaflow/validators/outbound-webhooks";
import type { AfterCommit } from "../after-commit";
import { loadEntity } from "../automations/entity";
import { webhookDeliveryJob } from "./deliver";
import { newMessageId } from "./sign";

export interface WebhookEvent {
  type: WebhookEventType;
  /** The record the event is about: its current fields go into the payload. */
  entity: { type: "lead" | "deal"; id: string };
  /** What happened (stages of a move, a lost reason, a meeting's time…). */
  data?: Record<string, unknown>;
}

/** Active subscriptions listening to one event type (none: the event costs this one query). */
export const webhookListeners = (tx: TenantTx, type: WebhookEventType) =>
  tx
    .selectFrom("webhook_subscriptions")
    .select("id")
    .where("is_active", "=", true)
    .where("disabled_at", "is", null)
    .where(sql<boolean>`${type} = any(event_types)`)
    .execute();

/**
 * Something a tenant may subscribe to happened: one delivery row per listening subscription (the
 * payload is the record as it is now, kept, so every retry sends the same content), each
 * delivered by a job after the caller's commit. Call it from the transaction that made the
 * change; automations' triggers call it for you (automations/fire.ts), so a domain that fires an
 * automation trigger (meetings: `meeting_scheduled`) needs nothing more. `listeners` saves the
 * lookup when the caller already did it.
 */
export async function emitWebhookEvents(tx: TenantTx, tenantId: string, events: WebhookEvent[], after: AfterCommit, listeners?: { id: string }[]): Promise<number> {
  let queued = 0;
  const byType = new Map<WebhookEventType, WebhookEvent[]>();
  for (const ev of events) byType.set(ev.type, [...(byType.get(ev.type) ?? []), ev]);
  for (const [type, evs] of byType) {
    const subs = listeners ?? (await webhookListeners(tx, type));
    if (!subs.length) continue;
    // The transaction's time: when the change was made (a record of the write, not a decision).
    const { rows } = await sql<{ now: Date }>`select now() as now`.execute(tx);
    const timestamp = rows[0]!.now.toISOString();
    const values = [];
    for (const ev of evs) {
      const entity = await loadEntity(tx, ev.entity.type, ev.entity.id);
      const payload = JSON.stringify({ type, timestamp, data: { [ev.entity.type]: { id: ev.entity.id, ...entity?.facts }, ...ev.data } });
      for (const s of subs) values.push({ tenant_id: tenantId, subscription_id: s.id, message_id: newMessageId(), event_type: type, payload });
    }
    const inserted = await tx.insertInto("webhook_deliveries").values(values).returning("id").execute();
    for (const r of inserted) after.jobs.push(webhookDeliveryJob(tenantId, r.id, 0));
    queued += inserted.length;
  }
  return queued;
}

export const emitWebhookEvent = (tx: TenantTx, tenantId: string, ev: WebhookEvent, after: AfterCommit) => emitWebhookEvents(tx, tenantId, [ev], after);
