import { sql } from "kysely";
import { withTenant, type TenantTx } from "@vendaflow/db/with-tenant";
import type { AppDeps } from "../deps";
import { billingPeriod } from "./period";
import { meterEventName } from "./plans";

/** Stripe accepts meter events up to 35 days old; we keep a day of margin. */
const OLDEST_MS = 34 * 86_400_000;
const clamp = (at: Date, now: Date) => new Date(Math.min(now.getTime(), Math.max(at.getTime(), now.getTime() - OLDEST_MS)));

export interface UsageReportResult {
  tenants: number;
  claimed: number;
  sent: number;
  failed: number;
}

/**
 * The usage report job (QStash, /api/jobs/usage-report). Two steps per tenant, each safe to die in:
 * 1. claim: in one transaction, unreported ledger rows of each meter and month become one
 *    usage_reports batch with a fixed identifier (the rows point at it, so they are never claimed twice);
 * 2. send: every unacknowledged batch goes to Stripe's billing meter with its identifier (Stripe
 *    dedupes, and the request carries it as Idempotency-Key), then is marked acknowledged.
 * A retried job re-sends only unacknowledged batches with their original identifiers: no double count.
 * The claim step also rolls the ledger up into usage_totals (rollUpTotals) for the operator console.
 */
export async function reportUsage(deps: Pick<AppDeps, "db" | "payments" | "now">, opts: { tenantId?: string; limit?: number } = {}): Promise<UsageReportResult> {
  const tenantIds = opts.tenantId
    ? [opts.tenantId]
    : (await sql<{ tenant_id: string }>`select tenant_id from app_tenants_with_unreported_usage(${opts.limit ?? 500})`.execute(deps.db)).rows.map((r) => r.tenant_id);
  const result: UsageReportResult = { tenants: tenantIds.length, claimed: 0, sent: 0, failed: 0 };
  for (const tenantId of tenantIds) {
    result.claimed += await claimBatches(deps, tenantId);
    const sent = await sendBatches(deps, tenantId);
    result.sent += sent.sent;
    result.failed += sent.failed;
  }
  return result;
}

async function claimBatches(deps: Pick<AppDeps, "db" | "now">, tenantId: string): Promise<number> {
  return withTenant(deps.db, tenantId, async (tx) => {
    // The months with new ledger rows (and this one): their usage_totals roll-up is refreshed below.
    const periods = (await tx.selectFrom("usage_events").select("period").distinct().where("report_id", "is", null).execute()).map((r) => r.period);
    const claimed = await claimUnreported(tx, deps, tenantId);
    await rollUpTotals(tx, tenantId, [...new Set([...periods, billingPeriod(deps.now())])]);
    return claimed;
  });
}

/**
 * usage_totals.quantity := the ledger's sum, per meter, for these months (absolute, so a repeated or
 * concurrent run converges; a row committed meanwhile is picked up by the next run). Served bot
 * messages are recorded insert-only, so this is what keeps the operator console's figures current.
 */
export async function rollUpTotals(tx: TenantTx, tenantId: string, periods: string[]) {
  if (periods.length === 0) return;
  await sql`
    insert into usage_totals (tenant_id, meter, period, quantity)
    select ${tenantId}, meter, period, sum(quantity) from usage_events where period = any(${periods}::text[]) group by meter, period
    on conflict (tenant_id, meter, period) do update set quantity = excluded.quantity where usage_totals.quantity <> excluded.quantity`.execute(tx);
}

async function claimUnreported(tx: TenantTx, deps: Pick<AppDeps, "now">, tenantId: string): Promise<number> {
  const sub = await tx.selectFrom("tenant_subscriptions").select("stripe_customer_id").executeTakeFirst();
  // Usage before the tenant has a Stripe customer (card-less trial) is not billed.
  if (!sub?.stripe_customer_id) return 0;
  const groups = await tx
    .selectFrom("usage_events as e")
    .innerJoin("billing_meters as m", "m.name", "e.meter")
    .select(["e.meter", "e.period"])
    .where("e.report_id", "is", null)
    .where("m.stripe_meter_id", "is not", null)
    .groupBy(["e.meter", "e.period"])
    .execute();
  let claimed = 0;
  for (const g of groups) {
    const reportId = crypto.randomUUID();
    // Placeholder quantity first (the events reference the batch), fixed from what was claimed.
    await tx
      .insertInto("usage_reports")
      .values({ id: reportId, tenant_id: tenantId, meter: g.meter, period: g.period, quantity: 1, identifier: `vf:${g.period}:${reportId}`, event_at: deps.now(), stripe_customer_id: sub.stripe_customer_id })
      .execute();
    const rows = await tx
      .updateTable("usage_events")
      .set({ report_id: reportId })
      .where("report_id", "is", null)
      .where("meter", "=", g.meter)
      .where("period", "=", g.period)
      .returning(["quantity", "occurred_at"])
      .execute();
    if (rows.length === 0) {
      await tx.deleteFrom("usage_reports").where("id", "=", reportId).execute();
      continue;
    }
    const quantity = rows.reduce((n, r) => n + r.quantity, 0);
    const latest = rows.reduce((d, r) => (r.occurred_at > d ? r.occurred_at : d), rows[0]!.occurred_at);
    await tx.updateTable("usage_reports").set({ quantity, event_at: clamp(latest, deps.now()) }).where("id", "=", reportId).execute();
    claimed++;
  }
  return claimed;
}

async function sendBatches(deps: Pick<AppDeps, "db" | "payments" | "now">, tenantId: string) {
  const pending = await withTenant(deps.db, tenantId, (tx) =>
    tx.selectFrom("usage_reports").select(["id", "meter", "quantity", "identifier", "event_at", "stripe_customer_id"]).where("acknowledged_at", "is", null).orderBy("created_at").execute(),
  );
  let sent = 0;
  let failed = 0;
  for (const r of pending) {
    try {
      await deps.payments.reportMeterEvent({ eventName: meterEventName(r.meter), customerId: r.stripe_customer_id, value: Number(r.quantity), identifier: r.identifier, timestamp: clamp(r.event_at, deps.now()) });
      await withTenant(deps.db, tenantId, (tx) => tx.updateTable("usage_reports").set({ acknowledged_at: deps.now(), last_error: null }).where("id", "=", r.id).execute());
      sent++;
    } catch (err) {
      await withTenant(deps.db, tenantId, (tx) => tx.updateTable("usage_reports").set({ last_error: String((err as Error).message).slice(0, 500) }).where("id", "=", r.id).execute());
      failed++;
    }
  }
  return { sent, failed };
}
