import { deferWrite } from "@vendaflow/db/deferred-writes";
import { precompiled } from "@vendaflow/db/precompiled";
import type { TenantTx } from "@vendaflow/db/with-tenant";

// Every processed message sends it: compiled once (precompiled.ts).
export const processedMark = precompiled("markEventProcessed", (db, v: { eventId: string; now: Date }) =>
  db.updateTable("inbound_events").set({ status: "processed", processed_at: v.now, attempts: (eb) => eb("attempts", "+", 1) }).where("id", "=", v.eventId),
);

/** An inbound event handled once and for all, held for the transaction's next statement (deferWrite). */
export async function markEventProcessed(tx: TenantTx, eventId: string, now: Date) {
  await deferWrite(tx, processedMark(tx, { eventId, now }));
}
