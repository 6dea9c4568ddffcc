import type { Database } from "@vendaflow/db/create-db";
import { withTenant, type TenantTx } from "@vendaflow/db/with-tenant";
import type { WhatsAppPrice, WhatsAppUsageRow } from "@vendaflow/validators/whatsapp-costs";
import { sql } from "kysely";
import { addMonths, monthOf, monthsEnding, REPORT_TIMEZONE } from "./month";

/** The operator's rate card (global table whatsapp_prices), by category. */
export async function listWhatsAppPrices(db: Database): Promise<WhatsAppPrice[]> {
  const rows = await db.selectFrom("whatsapp_prices").select(["category", "per_thousand_cents"]).orderBy("category").execute();
  return rows.map((r) => ({ category: r.category, perThousandCents: r.per_thousand_cents }));
}

/** Replaces the rate card in one transaction: every report and meter after it uses the new prices. */
export async function setWhatsAppPrices(db: Database, operatorId: string, prices: WhatsAppPrice[]) {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom("whatsapp_prices").where("category", "not in", prices.map((p) => p.category)).execute();
    for (const p of prices) {
      await trx
        .insertInto("whatsapp_prices")
        .values({ category: p.category, per_thousand_cents: p.perThousandCents, updated_by: operatorId })
        .onConflict((oc) => oc.column("category").doUpdateSet({ per_thousand_cents: p.perThousandCents, updated_by: operatorId, updated_at: sql<Date>`now()` }))
        .execute();
    }
  });
  return listWhatsAppPrices(db);
}

/** Cost of `billable` messages at a price per thousand, rounded to the cent (half up). */
export const estimateCents = (billable: number, perThousandCents: number) => Math.round((billable * perThousandCents) / 1000);

/**
 * The tenant's priced outbound WhatsApp messages by month and category, for the months
 * `first`..`last` (São Paulo calendar), with the cost estimated from the rate card. Meta sends the
 * category and billable flag on status webhooks (0031); a message without a status yet is not
 * counted. RLS keeps it to the transaction's tenant.
 */
export async function whatsAppUsage(tx: TenantTx, first: string, last: string): Promise<WhatsAppUsageRow[]> {
  const from = `${first}-01`;
  const until = `${addMonths(last, 1)}-01`;
  const rows = await tx
    .selectFrom("messages as m")
    .leftJoin("whatsapp_prices as p", "p.category", "m.wa_pricing_category")
    .select([
      sql<string>`to_char(m.created_at at time zone ${REPORT_TIMEZONE}, 'YYYY-MM')`.as("month"),
      sql<string>`m.wa_pricing_category`.as("category"),
      sql<string>`count(*)`.as("messages"),
      sql<string>`count(*) filter (where m.wa_billable is not false)`.as("billable"),
      sql<number | null>`max(p.per_thousand_cents)`.as("price"),
    ])
    .where("m.wa_pricing_category", "is not", null)
    .where("m.created_at", ">=", sql<Date>`${from}::timestamp at time zone ${REPORT_TIMEZONE}`)
    .where("m.created_at", "<", sql<Date>`${until}::timestamp at time zone ${REPORT_TIMEZONE}`)
    .groupBy(["month", "m.wa_pricing_category"])
    .orderBy("month")
    .orderBy("category")
    .execute();
  return rows.map((r) => {
    const billable = Number(r.billable);
    return { month: r.month, category: r.category, messages: Number(r.messages), billable, estimatedCents: r.price === null ? null : estimateCents(billable, r.price) };
  });
}

export interface MonthlyWhatsAppUsage {
  tenantId: string;
  month: string;
  byCategory: Record<string, { messages: number; billable: number; estimatedCents: number | null }>;
  /** Sum of the priced categories. */
  estimatedCents: number;
  /** Categories Meta billed that the rate card has no price for (the operator should add them). */
  unpricedCategories: string[];
}

/**
 * One tenant's WhatsApp usage for one month, as the billing meter passes it through: counts by
 * Meta's category and the estimated BRL cost. An entry point (jobs, billing), so it opens its
 * own tenant transaction.
 */
export async function monthlyWhatsAppUsage(deps: { db: Database; now: () => Date }, tenantId: string, month?: string): Promise<MonthlyWhatsAppUsage> {
  const m = month ?? monthOf(deps.now());
  const rows = await withTenant(deps.db, tenantId, (tx) => whatsAppUsage(tx, m, m), { readOnly: true });
  const byCategory: MonthlyWhatsAppUsage["byCategory"] = {};
  for (const r of rows) byCategory[r.category] = { messages: r.messages, billable: r.billable, estimatedCents: r.estimatedCents };
  return {
    tenantId,
    month: m,
    byCategory,
    estimatedCents: rows.reduce((s, r) => s + (r.estimatedCents ?? 0), 0),
    unpricedCategories: rows.filter((r) => r.estimatedCents === null && r.billable > 0).map((r) => r.category),
  };
}

/** The tenant's WhatsApp cost page: `months` months ending with `month` (default: this one), and the rate card used. */
export async function whatsAppCostReport(tx: TenantTx, now: Date, input: { month?: string; months: number }) {
  const last = input.month ?? monthOf(now);
  const months = monthsEnding(last, input.months);
  const rows = await whatsAppUsage(tx, months[0]!, last);
  const prices = await tx.selectFrom("whatsapp_prices").select(["category", "per_thousand_cents as perThousandCents"]).orderBy("category").execute();
  return { months, rows, prices };
}
