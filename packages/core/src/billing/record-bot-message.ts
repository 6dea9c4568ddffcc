import { deferWrite } from "@vendaflow/db/deferred-writes";
import type { TenantTx } from "@vendaflow/db/with-tenant";
import { billingPeriod } from "./period";

export interface RecordedBotMessage {
  period: string;
}

/**
 * The ledger write of a served lead message: one usage_events row, unique per inbound event,
 * insert-only (no running total on this path: totals are summed from the ledger or rolled up by the
 * usage report job, warnings are decided from the KV counter after commit — meter-bot-message.ts).
 * A held write (deferWrite): it goes with the transaction's next statement, so billing adds no
 * round trip to Postgres per message.
 *
 * The event is one this transaction found pending under its conversation's lock and marks
 * processed (conversations/process.ts), so its ledger row, which only ever commits with that mark,
 * does not exist yet: the row is new (the conflict clause stays as a guard, never as the answer).
 */
export async function recordBotMessage(tx: TenantTx, tenantId: string, m: { eventId: string; occurredAt: Date }): Promise<RecordedBotMessage> {
  const period = billingPeriod(m.occurredAt);
  await deferWrite(
    tx,
    tx
      .insertInto("usage_events")
      .values({ tenant_id: tenantId, meter: "bot_messages", period, quantity: 1, source_id: m.eventId, occurred_at: m.occurredAt })
      .onConflict((oc) => oc.columns(["tenant_id", "meter", "source_id"]).doNothing()),
  );
  return { period };
}
