import { sql } from "kysely";
import type { TenantTx } from "@vendaflow/db/with-tenant";
import { meterNameSchema } from "@vendaflow/validators/billing";
import type { CounterStore } from "../ports/counter-store";
import { billingPeriod, USAGE_COUNTER_TTL_MS, usageCounterKey } from "./period";

export interface UsageRecord {
  /** A billing_meters.name (e.g. "bot_messages"); other domains register theirs by migration. */
  meter: string;
  quantity: number;
  /** The caller's idempotency key for what is billed (message id, wamid…). */
  sourceId: string;
  occurredAt: Date;
}

export interface RecordedUsage {
  /** False when this source was already recorded (a retried caller counts once). */
  recorded: boolean;
  period: string;
  /** The tenant's total for this meter and month after this record. */
  total: number;
}

/**
 * The usage ledger, inside the caller's tenant transaction: one usage_events row per source (unique,
 * so retries count once) and the month's running total in usage_totals (off the inbound hot path:
 * WhatsApp statuses and other meters; served bot messages use record-bot-message.ts, insert-only). Any registered meter name
 * works; an unregistered one fails on the foreign key. After commit, call countUsage for Redis.
 */
export async function recordUsage(tx: TenantTx, tenantId: string, u: UsageRecord): Promise<RecordedUsage> {
  meterNameSchema.parse(u.meter);
  if (!Number.isInteger(u.quantity) || u.quantity <= 0) throw new Error(`usage quantity must be a positive integer: ${u.quantity}`);
  const period = billingPeriod(u.occurredAt);
  const inserted = await tx
    .insertInto("usage_events")
    .values({ tenant_id: tenantId, meter: u.meter, period, quantity: u.quantity, source_id: u.sourceId.slice(0, 255), occurred_at: u.occurredAt })
    .onConflict((oc) => oc.columns(["tenant_id", "meter", "source_id"]).doNothing())
    .returning("id")
    .executeTakeFirst();
  if (!inserted) return { recorded: false, period, total: (await ledgerTotals(tx, period, u.meter))[u.meter] ?? 0 };
  const total = await tx
    .insertInto("usage_totals")
    .values({ tenant_id: tenantId, meter: u.meter, period, quantity: u.quantity })
    .onConflict((oc) => oc.columns(["tenant_id", "meter", "period"]).doUpdateSet({ quantity: sql`usage_totals.quantity + excluded.quantity` }))
    .returning("quantity")
    .executeTakeFirstOrThrow();
  return { recorded: true, period, total: Number(total.quantity) };
}

/** The real-time Redis counter (KV port), after the ledger committed; returns its new value. Reconciliation checks it. */
export async function countUsage(counters: CounterStore, tenantId: string, u: Pick<UsageRecord, "meter" | "quantity">, period: string): Promise<number> {
  return counters.incrementBy(usageCounterKey(tenantId, u.meter, period), u.quantity, USAGE_COUNTER_TTL_MS);
}

/**
 * A month's totals per meter, summed from the ledger (the served bot messages are recorded
 * insert-only, without a running total): an index-only scan of usage_events_tenant_period_qty_idx.
 */
export async function ledgerTotals(tx: TenantTx, period: string, meter?: string): Promise<Record<string, number>> {
  let q = tx.selectFrom("usage_events").select(["meter", sql<string>`sum(quantity)`.as("n")]).where("period", "=", period).groupBy("meter");
  if (meter) q = q.where("meter", "=", meter);
  const rows = await q.execute();
  return Object.fromEntries(rows.map((r) => [r.meter, Number(r.n)]));
}

/** This month's totals per meter (what the billing page charts), from the ledger. */
export async function usageThisPeriod(tx: TenantTx, now: Date) {
  const period = billingPeriod(now);
  return { period, totals: await ledgerTotals(tx, period) };
}

/**
 * Usage from before the tenant had a Stripe customer (the card-less trial) is not billed: the
 * tenant's rows neither claimed nor settled are settled now (unbilled_at), so they leave the job's
 * list and are never sent, even after a customer comes. They stay in the ledger, so quotas, the
 * usage chart and usage_totals still count them. Called by the usage report's claim when there is no customer,
 * and where a customer is first attached (checkout, Stripe's subscription), in that transaction, so
 * the trial's last rows are not claimed under the new customer by the next run.
 */
export async function settleUnbilledUsage(tx: TenantTx, now: Date): Promise<number> {
  const r = await tx.updateTable("usage_events").set({ unbilled_at: now }).where("report_id", "is", null).where("unbilled_at", "is", null).executeTakeFirst();
  return Number(r.numUpdatedRows);
}
