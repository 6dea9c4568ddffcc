import { sql } from "kysely";
import type { TenantTx } from "@vendaflow/db/with-tenant";
import { billingPeriod } from "./period";

export interface RecordedBotMessage {
  /** False when this source was already recorded (a reprocessed event counts once). */
  recorded: boolean;
  period: string;
}

/**
 * The ledger write of a served lead message: one usage_events row, unique per source, insert-only
 * (no running total on this path: totals are summed from the ledger or rolled up by the usage report
 * job, warnings are decided from the KV counter after commit — meter-bot-message.ts). With
 * `processedEventId` the same statement also marks the inbound event processed — the statement the
 * pipeline runs for every event anyway — so billing adds no round trip to Postgres per message.
 */
export async function recordBotMessage(tx: TenantTx, tenantId: string, m: { sourceId: string; occurredAt: Date; processedEventId?: string }): Promise<RecordedBotMessage> {
  const period = billingPeriod(m.occurredAt);
  const ledger = sql`
    ins as (
      insert into usage_events (tenant_id, meter, period, quantity, source_id, occurred_at)
      values (${tenantId}, 'bot_messages', ${period}, 1, ${m.sourceId.slice(0, 255)}, ${m.occurredAt})
      on conflict (tenant_id, meter, source_id) do nothing
      returning 1 as n
    )`;
  const { rows } = m.processedEventId
    ? await sql<{ n: number | null }>`
        with ev as (
          update inbound_events set status = 'processed', processed_at = ${m.occurredAt}, attempts = attempts + 1 where id = ${m.processedEventId} returning id
        ), ${ledger}
        select (select n from ins) as n`.execute(tx)
    : await sql<{ n: number | null }>`with ${ledger} select (select n from ins) as n`.execute(tx);
  return { recorded: rows[0]?.n != null, period };
}
