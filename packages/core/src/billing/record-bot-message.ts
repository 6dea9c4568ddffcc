import { sql } from "kysely";
import type { TenantTx } from "@vendaflow/db/with-tenant";
import { billingPeriod } from "./period";

export interface RecordedBotMessage {
  /** False when this source was already recorded (a reprocessed event counts once). */
  recorded: boolean;
  period: string;
  /** The month's total after this message (0 when not recorded and no total yet). */
  total: number;
  /** Warnings already sent this period, read back from the same row. */
  warnedPercent: number;
  /** The tenant has a subscription (billed) and its plan's monthly message limit. */
  billed: boolean;
  limit: number | null;
}

/**
 * The hot path of the billing gate, one round trip: the ledger row (unique per source), the month's
 * running total and the plan's limit in a single statement. Same rows as usage.ts recordUsage for
 * the bot_messages meter; kept separate because it runs once per lead message.
 */
export async function recordBotMessage(tx: TenantTx, tenantId: string, m: { sourceId: string; occurredAt: Date }): Promise<RecordedBotMessage> {
  const period = billingPeriod(m.occurredAt);
  const { rows } = await sql<{ total: string | null; warned: number | null; billed: boolean; limit: number | null; existing: string | null; existing_warned: number | null }>`
    with ins as (
      insert into usage_events (tenant_id, meter, period, quantity, source_id, occurred_at)
      values (${tenantId}, 'bot_messages', ${period}, 1, ${m.sourceId.slice(0, 255)}, ${m.occurredAt})
      on conflict (tenant_id, meter, source_id) do nothing
      returning quantity
    ), tot as (
      insert into usage_totals (tenant_id, meter, period, quantity)
      select ${tenantId}, 'bot_messages', ${period}, quantity from ins
      on conflict (tenant_id, meter, period) do update set quantity = usage_totals.quantity + excluded.quantity
      returning quantity, warned_percent
    )
    select (select quantity from tot) as total, (select warned_percent from tot) as warned,
           s.tenant_id is not null as billed, p.max_messages_month as limit,
           u.quantity as existing, u.warned_percent as existing_warned
    from (select 1) one
    left join tenant_subscriptions s on true
    left join plans p on p.id = s.plan_id
    left join usage_totals u on u.meter = 'bot_messages' and u.period = ${period}`.execute(tx);
  const r = rows[0]!;
  const recorded = r.total !== null;
  return {
    recorded,
    period,
    total: Number(recorded ? r.total : (r.existing ?? 0)),
    warnedPercent: (recorded ? r.warned : r.existing_warned) ?? 0,
    billed: r.billed,
    limit: r.limit,
  };
}
