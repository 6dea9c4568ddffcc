import type { DeliveryStatus } from "@vendaflow/validators/whatsapp";
import { withTenant } from "@vendaflow/db/with-tenant";
import type { Database } from "@vendaflow/db/create-db";
import { isStatusForward } from "./whatsapp-rules";

/**
 * One status callback: recorded once per (wamid, status) in inbound_events, then applied if it moves
 * the message forward. Out-of-order and repeated callbacks change nothing.
 */
export async function applyDeliveryStatus(
  db: Database,
  tenantId: string,
  inboxId: string,
  s: { wamid: string; status: DeliveryStatus; at: Date; error?: { code: number; title: string; message?: string } },
): Promise<"applied" | "duplicate" | "ignored"> {
  return withTenant(db, tenantId, async (tx) => {
    const ev = await tx
      .insertInto("inbound_events")
      .values({ tenant_id: tenantId, inbox_id: inboxId, provider: "whatsapp", provider_event_id: `status:${s.wamid}:${s.status}`, kind: "status", payload: JSON.stringify(s), status: "processed", processed_at: new Date() })
      .onConflict((oc) => oc.columns(["tenant_id", "provider", "provider_event_id"]).doNothing())
      .returning("id")
      .executeTakeFirst();
    if (!ev) return "duplicate";
    const msg = await tx.selectFrom("messages").select(["id", "delivery_status"]).where("provider_message_id", "=", s.wamid).forUpdate().executeTakeFirst();
    if (!msg || !isStatusForward(msg.delivery_status as DeliveryStatus | "pending" | null, s.status)) return "ignored";
    await tx
      .updateTable("messages")
      .set({ delivery_status: s.status, ...(s.error ? { delivery_error: JSON.stringify(s.error) } : {}) })
      .where("id", "=", msg.id)
      .execute();
    return "applied";
  });
}
