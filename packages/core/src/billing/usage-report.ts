import { sql } from "kysely";
import { withTenant, type TenantTx } from "@vendaflow/db/with-tenant";
import type { AppDeps } from "../deps";
import { billingPeriod } from "./period";
import { meterEventName } from "./plans";
import { settleUnbilledUsage } from "./usage";

/** Stripe accepts meter events up to 35 days old; we keep a day of margin. */
const OLDEST_MS = 34 * 86_400_000;
const clamp = (at: Date, now: Date) => new Date(Math.min(now.getTime(), Math.max(at.getTime(), now.getTime() - OLDEST_MS)));

/** Tenants listed per run (the ones whose work has waited longest). */
const TENANTS_PER_RUN = 500;
/**
 * A run starts no new tenant once this long has passed on the clock: the job route's 30 s limit
 * (vercel.json) with room for the tenant in hand (a few transactions and its Stripe calls); the
 * tenants left go to the next run, which it queues at once.
 */
export const RUN_BUDGET_MS = 15_000;
export const USAGE_REPORT_JOB_PATH = "/api/jobs/usage-report";

export interface UsageReportResult {
  /** Tenants handled in this run. */
  tenants: number;
  claimed: number;
  sent: number;
  failed: number;
  /** Ledger rows settled as not billable (usage from before the tenant had a Stripe customer). */
  unbilled: number;
  /** Tenants were left for the next run (time budget, or more listed than one run takes). */
  more: boolean;
}

/**
 * The usage report job (QStash, /api/jobs/usage-report). Two steps per tenant, each safe to die in:
 * 1. claim: in one transaction, unreported ledger rows of each meter and month become one
 *    usage_reports batch with a fixed identifier (the rows point at it, so they are never claimed twice);
 *    a tenant without a Stripe customer (card-less trial) has its rows settled as not billable
 *    instead (usage_events.unbilled_at), so they are never sent, even once it gets a customer;
 * 2. send: every unacknowledged batch goes to Stripe's billing meter with its identifier (Stripe
 *    dedupes, and the request carries it as Idempotency-Key), then is marked acknowledged.
 * A retried job re-sends only unacknowledged batches with their original identifiers: no double count.
 * The claim step also rolls the ledger up into usage_totals (rollUpTotals) for the operator console.
 *
 * Across tenants, the one whose work has waited longest goes first (app_tenants_with_unreported_usage,
 * migration 0160), and no new tenant is started once `budgetMs` has passed on `deps.now()`'s clock
 * (at least one tenant is always handled); the rest are left for the next run, queued at once when a
 * scheduler is given. A one-tenant job (`tenantId`) has no budget.
 */
export async function reportUsage(
  deps: Pick<AppDeps, "db" | "payments" | "now"> & Partial<Pick<AppDeps, "scheduler">>,
  opts: { tenantId?: string; limit?: number; budgetMs?: number } = {},
): Promise<UsageReportResult> {
  const started = deps.now().getTime();
  const limit = opts.limit ?? TENANTS_PER_RUN;
  const budget = opts.budgetMs ?? RUN_BUDGET_MS;
  const tenantIds = opts.tenantId
    ? [opts.tenantId]
    : (await sql<{ tenant_id: string }>`select tenant_id from app_tenants_with_unreported_usage(${limit})`.execute(deps.db)).rows.map((r) => r.tenant_id);
  const result: UsageReportResult = { tenants: 0, claimed: 0, sent: 0, failed: 0, unbilled: 0, more: !opts.tenantId && tenantIds.length >= limit };
  for (const tenantId of tenantIds) {
    if (!opts.tenantId && result.tenants > 0 && deps.now().getTime() - started >= budget) {
      result.more = true;
      break;
    }
    const claimed = await claimBatches(deps, tenantId);
    result.claimed += claimed.claimed;
    result.unbilled += claimed.unbilled;
    const sent = await sendBatches(deps, tenantId);
    result.sent += sent.sent;
    result.failed += sent.failed;
    result.tenants += 1;
  }
  if (result.more && deps.scheduler) {
    await deps.scheduler.schedule({ path: USAGE_REPORT_JOB_PATH, body: {}, delaySeconds: 0, deduplicationId: `usage-report-more-${started}` });
  }
  return result;
}

async function claimBatches(deps: Pick<AppDeps, "db" | "now">, tenantId: string): Promise<{ claimed: number; unbilled: number }> {
  return withTenant(deps.db, tenantId, async (tx) => {
    // The months with new ledger rows (and this one): their usage_totals roll-up is refreshed below.
    const periods = (await tx.selectFrom("usage_events").select("period").distinct().where("report_id", "is", null).where("unbilled_at", "is", null).execute()).map((r) => r.period);
    const done = await claimUnreported(tx, deps, tenantId);
    await rollUpTotals(tx, tenantId, [...new Set([...periods, billingPeriod(deps.now())])]);
    return done;
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

async function claimUnreported(tx: TenantTx, deps: Pick<AppDeps, "now">, tenantId: string): Promise<{ claimed: number; unbilled: number }> {
  // Locked against a customer being attached meanwhile (checkout, webhook): whether this run settles
  // the rows as unbilled or claims them is decided on the customer as it stays until this commits.
  const sub = await tx.selectFrom("tenant_subscriptions").select("stripe_customer_id").forShare().executeTakeFirst();
  if (!sub?.stripe_customer_id) return { claimed: 0, unbilled: await settleUnbilledUsage(tx, deps.now()) };
  const groups = await tx
    .selectFrom("usage_events as e")
    .innerJoin("billing_meters as m", "m.name", "e.meter")
    .select(["e.meter", "e.period"])
    .where("e.report_id", "is", null)
    .where("e.unbilled_at", "is", null)
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
      .where("unbilled_at", "is", null)
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
  return { claimed, unbilled: 0 };
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
      await withTenant(deps.db, tenantId, (tx) => tx.updateTable("usage_reports").set({ acknowledged_at: deps.now(), attempted_at: deps.now(), last_error: null }).where("id", "=", r.id).execute());
      sent++;
    } catch (err) {
      await withTenant(deps.db, tenantId, (tx) => tx.updateTable("usage_reports").set({ attempted_at: deps.now(), last_error: String((err as Error).message).slice(0, 500) }).where("id", "=", r.id).execute());
      failed++;
    }
  }
  return { sent, failed };
}
