import { sql } from "kysely";
import type { TenantTx } from "@vendaflow/db/with-tenant";
import { billingPeriod } from "./period";

export interface RecordedBotMessage {
  /** False when this source was already recorded (a reprocessed event counts once). */
  recorded: boolean;
  period: string;
  /** The month's running total after this message (null when not recorded). */
  total: number | null;
  /** Warnings already sent this period, read back from the same row (0 when not recorded). */
  warnedPercent: number;
}

/**
 * The ledger write of a served lead message: its usage_events row (unique per source) and the
 * month's running total in one statement. With `processedEventId` the same statement also marks
 * the inbound event processed — the statement the pipeline runs for every event anyway — so billing
 * adds no round trip to Postgres per message. Same rows as usage.ts recordUsage for bot_messages.
 */
export async function recordBotMessage(tx: TenantTx, tenantId: string, m: { sourceId: string; occurredAt: Date; processedEventId?: string }): Promise<RecordedBotMessage> {
  const period = billingPeriod(m.occurredAt);
  const ledger = sql`
    ins as (
      insert into usage_events (tenant_id, meter, period, quantity, source_id, occurred_at)
      values (${tenantId}, 'bot_messages', ${period}, 1, ${m.sourceId.slice(0, 255)}, ${m.occurredAt})
      on conflict (tenant_id, meter, source_id) do nothing
      returning quantity
    ), tot as (
      insert into usage_totals (tenant_id, meter, period, quantity)
      select ${tenantId}, 'bot_messages', ${period}, quantity from ins
      on conflict (tenant_id, meter, period) do update set quantity = usage_totals.quantity + excluded.quantity
      returning quantity, warned_percent
    )`;
  const { rows } = m.processedEventId
    ? await sql<{ total: string | null; warned: number | null }>`
        with ev as (
          update inbound_events set status = 'processed', processed_at = ${m.occurredAt}, attempts = attempts + 1 where id = ${m.processedEventId} returning id
        ), ${ledger}
        select (select quantity from tot) as total, (select warned_percent from tot) as warned`.execute(tx)
    : await sql<{ total: string | null; warned: number | null }>`with ${ledger} select (select quantity from tot) as total, (select warned_percent from tot) as warned`.execute(tx);
  const r = rows[0]!;
  const recorded = r.total !== null;
  return { recorded, period, total: recorded ? Number(r.total) : null, warnedPercent: r.warned ?? 0 };
}
