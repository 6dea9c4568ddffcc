import { sql } from "kysely";
import type { DeliveryStatus, WhatsAppPricing } from "@vendaflow/validators/whatsapp";
import { withTenant } from "@vendaflow/db/with-tenant";
import type { Database } from "@vendaflow/db/create-db";
import { countUsage, recordUsage, type RecordedUsage } from "../billing/usage";
import { whatsAppMeter } from "../billing/whatsapp-meter";
import type { CounterStore } from "../ports/counter-store";
import { isStatusForward } from "./whatsapp-rules";

/**
 * One status callback: recorded once per (wamid, status) in inbound_events, then applied if it moves
 * the message forward. Out-of-order and repeated callbacks change nothing. Meta's pricing (the
 * same on every status of a message) is kept from the first status that carries it, in the same
 * statement as the status.
 */
export async function applyDeliveryStatus(
  deps: { db: Database; counters?: CounterStore },
  tenantId: string,
  inboxId: string,
  s: { wamid: string; status: DeliveryStatus; at: Date; error?: { code: number; title: string; message?: string }; pricing?: WhatsAppPricing },
): Promise<"applied" | "duplicate" | "ignored"> {
  let usage: { meter: string; recorded: RecordedUsage } | null = null;
  const result = await withTenant(deps.db, tenantId, async (tx) => {
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
    // Billing: a message Meta bills is one usage event on its category's meter, in this transaction
    // and once per message (the wamid is the ledger's source id; pricing is kept only once).
    if (price && s.pricing!.billable !== false) {
      const meter = whatsAppMeter(s.pricing!.category);
      usage = { meter, recorded: await recordUsage(tx, tenantId, { meter, quantity: 1, sourceId: `wamid:${s.wamid}`, occurredAt: s.at }) };
    }
    return forward ? "applied" : "ignored";
  });
  // Best effort after the commit, like bot messages: reconciliation reports a counter that missed.
  const u = usage as { meter: string; recorded: RecordedUsage } | null;
  if (u?.recorded.recorded && deps.counters) await countUsage(deps.counters, tenantId, { meter: u.meter, quantity: 1 }, u.recorded.period).catch(() => undefined);
  return result;
}
