import type { TenantTx } from "@vendaflow/db/with-tenant";

/**
 * Records an inbound event that needs no bot step (edits, revokes, echoes, identity changes) as
 * already processed; false when this provider event id was seen before (a retried webhook).
 */
export async function claimEvent(tx: TenantTx, e: { tenantId: string; inboxId: string; providerEventId: string; kind: string; payload: unknown; at: Date }): Promise<string | null> {
  const row = await tx
    .insertInto("inbound_events")
    .values({ tenant_id: e.tenantId, inbox_id: e.inboxId, provider: "whatsapp", provider_event_id: e.providerEventId, kind: e.kind, payload: JSON.stringify(e.payload), status: "processed", processed_at: e.at })
    .onConflict((oc) => oc.columns(["tenant_id", "provider", "provider_event_id"]).doNothing())
    .returning("id")
    .executeTakeFirst();
  return row?.id ?? null;
}

/** The event found nothing to act on (e.g. an edit of a message we never stored): kept with the reason. */
export async function markIgnored(tx: TenantTx, eventId: string, reason: string) {
  await tx.updateTable("inbound_events").set({ status: "ignored", error: reason }).where("id", "=", eventId).execute();
}
