import { deferWrite } from "@vendaflow/db/deferred-writes";
import type { TenantTx } from "@vendaflow/db/with-tenant";

/** An inbound event handled once and for all, held for the transaction's next statement (deferWrite). */
export async function markEventProcessed(tx: TenantTx, eventId: string, now: Date) {
  await deferWrite(tx, tx.updateTable("inbound_events").set({ status: "processed", processed_at: now, attempts: (eb) => eb("attempts", "+", 1) }).where("id", "=", eventId));
}
