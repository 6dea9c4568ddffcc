import { sql } from "kysely";
import type { DeliveryStatus, WhatsAppPricing } from "@vendaflow/validators/whatsapp";
import { withTenant } from "@vendaflow/db/with-tenant";
import type { Database } from "@vendaflow/db/create-db";
import { isStatusForward } from "./whatsapp-rules";

/**
 * One status callback: recorded once per (wamid, status) in inbound_events, then applied if it moves
 * the message forward. Out-of-order and repeated callbacks change nothing. Meta's pricing (the
 * same on every status of a message) is kept from the first status that carries it, in the same
 * statement as the status.
 */
export async function applyDeliveryStatus(
  db: Database,
  tenantId: string,
  inboxId: string,
  s: { wamid: string; status: DeliveryStatus; at: Date; error?: { code: number; title: string; message?: string }; pricing?: WhatsAppPricing },
): Promise<"applied" | "duplicate" | "ignored"> {
  return withTenant(db, tenantId, async (tx) => {
    const ev = await tx
      .insertInto("inbound_events")
      .values({ tenant_id: tenantId, inbox_id: inboxId, provider: "whatsapp", provider_event_id: `status:${s.wamid}:${s.status}`, kind: "status", payload: JSON.stringify(s), status: "processed", processed_at: sql<Date>`now()` })
      .onConflict((oc) => oc.columns(["tenant_id", "provider", "provider_event_id"]).doNothing())
      .returning("id")
      .executeTakeFirst();
    if (!ev) return "duplicate";
    const msg = await tx.selectFrom("messages").select(["id", "delivery_status", "wa_pricing_category"]).where("provider_message_id", "=", s.wamid).forUpdate().executeTakeFirst();
    if (!msg) return "ignored";
    const forward = isStatusForward(msg.delivery_status as DeliveryStatus | "pending" | null, s.status);
    const price = s.pricing && !msg.wa_pricing_category ? { wa_pricing_category: s.pricing.category, wa_billable: s.pricing.billable } : null;
    if (!forward && !price) return "ignored";
    await tx
      .updateTable("messages")
      .set({ ...(forward ? { delivery_status: s.status, ...(s.error ? { delivery_error: JSON.stringify(s.error) } : {}) } : {}), ...price })
      .where("id", "=", msg.id)
      .execute();
    // Billing (issue 11) records the charge in its usage ledger here, once per message (when `price` is set).
    return forward ? "applied" : "ignored";
  });
}
