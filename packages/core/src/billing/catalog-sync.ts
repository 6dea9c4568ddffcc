import type { AppDeps } from "../deps";
import { listPlans, lookupKeys, meterEventName, meterPriceLookupKey, USAGE_PRODUCT_KEY } from "./plans";

export interface CatalogSyncResult {
  meters: { name: string; stripeMeterId: string; stripePriceId: string | null }[];
  plans: { code: string; productId: string; monthlyPriceId: string; yearlyPriceId: string; overagePriceId: string | null }[];
}

/**
 * `vf-billing sync`: creates or updates the Stripe meters, products and prices for our catalog,
 * keyed by stable ids (product `vf_plan_<code>`, price lookup keys, meter event names), and stores
 * their ids. Running it twice changes nothing; a changed price becomes a new Stripe price that takes
 * over the lookup key (Stripe prices are immutable).
 * Overage is a monthly metered price on the bot_messages meter; yearly subscriptions carry none
 * (Stripe needs one interval per subscription), their excess is handled by the quota grace.
 * A meter with its own unit_amount_cents (the WhatsApp cost meters, migration 0044) gets a monthly
 * metered price on the vf_usage product, lookup key vf_meter_<name>_month, stored on the meter;
 * Checkout attaches all of them to monthly subscriptions.
 */
export async function syncCatalog(deps: Pick<AppDeps, "db" | "payments">): Promise<CatalogSyncResult> {
  const result: CatalogSyncResult = { meters: [], plans: [] };
  const meters = await deps.db.selectFrom("billing_meters").selectAll().orderBy("name").execute();
  const meterIds = new Map<string, string>();
  const priced = meters.filter((m) => m.unit_amount_cents !== null);
  const usageProductId = priced.length
    ? await deps.payments.catalog.upsertProduct({ key: USAGE_PRODUCT_KEY, name: "Uso (WhatsApp)", description: "Custos de uso cobrados por unidade, como as mensagens de WhatsApp por categoria da Meta." })
    : null;
  for (const m of meters) {
    const id = await deps.payments.catalog.upsertMeter({ eventName: meterEventName(m.name), displayName: m.display_name });
    const priceId =
      m.unit_amount_cents !== null && usageProductId
        ? await deps.payments.catalog.upsertPrice({ lookupKey: meterPriceLookupKey(m.name), productId: usageProductId, unitAmountCents: m.unit_amount_cents, interval: "month", meterId: id, nickname: m.display_name })
        : null;
    if (id !== m.stripe_meter_id || priceId !== m.stripe_price_id) await deps.db.updateTable("billing_meters").set({ stripe_meter_id: id, stripe_price_id: priceId }).where("name", "=", m.name).execute();
    meterIds.set(m.name, id);
    result.meters.push({ name: m.name, stripeMeterId: id, stripePriceId: priceId });
  }
  for (const plan of await listPlans(deps.db)) {
    const keys = lookupKeys(plan.code);
    const productId = await deps.payments.catalog.upsertProduct({ key: keys.product, name: plan.name, description: plan.description });
    const monthlyPriceId = await deps.payments.catalog.upsertPrice({ lookupKey: keys.month, productId, unitAmountCents: plan.priceMonthlyCents, interval: "month", nickname: `${plan.name} mensal` });
    const yearlyPriceId = await deps.payments.catalog.upsertPrice({ lookupKey: keys.year, productId, unitAmountCents: plan.priceYearlyCents, interval: "year", nickname: `${plan.name} anual` });
    const meterId = meterIds.get("bot_messages");
    const overagePriceId =
      plan.overageMessageCents > 0 && plan.limits.messagesMonth !== null && meterId
        ? await deps.payments.catalog.upsertPrice({ lookupKey: keys.overage, productId, unitAmountCents: plan.overageMessageCents, interval: "month", meterId, nickname: `${plan.name} mensagens excedentes` })
        : null;
    await deps.db
      .updateTable("plans")
      .set({ stripe_product_id: productId, stripe_monthly_price_id: monthlyPriceId, stripe_yearly_price_id: yearlyPriceId, stripe_overage_price_id: overagePriceId })
      .where("id", "=", plan.id)
      .execute();
    result.plans.push({ code: plan.code, productId, monthlyPriceId, yearlyPriceId, overagePriceId });
  }
  return result;
}
