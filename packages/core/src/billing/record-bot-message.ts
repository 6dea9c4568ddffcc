import { deferWrite } from "@vendaflow/db/deferred-writes";
import { precompiled } from "@vendaflow/db/precompiled";
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
  await deferWrite(tx, ledgerRow(tx, { tenantId, period, eventId: m.eventId, occurredAt: m.occurredAt }));
  return { period };
}

// Every bot-served message sends it: compiled once (precompiled.ts).
export const ledgerRow = precompiled("recordBotMessage", (db, v: { tenantId: string; period: string; eventId: string; occurredAt: Date }) =>
  db
    .insertInto("usage_events")
    .values({ tenant_id: v.tenantId, meter: "bot_messages", period: v.period, quantity: 1, source_id: v.eventId, occurred_at: v.occurredAt })
    .onConflict((oc) => oc.columns(["tenant_id", "meter", "source_id"]).doNothing()),
);
