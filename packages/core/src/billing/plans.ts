import type { Kysely, Selectable } from "kysely";
import type { DB, Plans } from "@vendaflow/db/types";
import type { PlanLimits } from "@vendaflow/validators/billing";

export interface Plan {
  id: string;
  code: string;
  name: string;
  description: string;
  priceMonthlyCents: number;
  priceYearlyCents: number;
  overageMessageCents: number;
  limits: PlanLimits;
  messageGracePercent: number;
  features: string[];
  isActive: boolean;
  sortOrder: number;
  stripe: { productId: string | null; monthlyPriceId: string | null; yearlyPriceId: string | null; overagePriceId: string | null };
}

export const toPlan = (r: Selectable<Plans>): Plan => ({
  id: r.id,
  code: r.code,
  name: r.name,
  description: r.description,
  priceMonthlyCents: r.price_monthly_cents,
  priceYearlyCents: r.price_yearly_cents,
  overageMessageCents: r.overage_message_cents,
  limits: { users: r.max_users, messagesMonth: r.max_messages_month, inboxes: r.max_inboxes, whatsappNumbers: r.max_whatsapp_numbers },
  messageGracePercent: r.message_grace_percent,
  features: Array.isArray(r.features) ? (r.features as string[]) : [],
  isActive: r.is_active,
  sortOrder: r.sort_order,
  stripe: { productId: r.stripe_product_id, monthlyPriceId: r.stripe_monthly_price_id, yearlyPriceId: r.stripe_yearly_price_id, overagePriceId: r.stripe_overage_price_id },
});

/** The intervals a plan can be bought in online: those with a Stripe price (`pnpm billing:sync`). */
export const checkoutIntervals = (p: Pick<Plan, "stripe">): { month: boolean; year: boolean } => ({ month: Boolean(p.stripe.monthlyPriceId), year: Boolean(p.stripe.yearlyPriceId) });

/** The global catalog (readable in any transaction: plans carry no tenant data). */
export async function listPlans(db: Kysely<DB>, opts: { activeOnly?: boolean } = {}): Promise<Plan[]> {
  let q = db.selectFrom("plans").selectAll().orderBy("sort_order").orderBy("code");
  if (opts.activeOnly) q = q.where("is_active", "=", true);
  return (await q.execute()).map(toPlan);
}

export async function planByCode(db: Kysely<DB>, code: string): Promise<Plan | null> {
  const r = await db.selectFrom("plans").selectAll().where("code", "=", code).executeTakeFirst();
  return r ? toPlan(r) : null;
}

/** The plan and interval a Stripe subscription's flat price belongs to. */
export async function planByPriceIds(db: Kysely<DB>, priceIds: string[]): Promise<{ plan: Plan; interval: "month" | "year" } | null> {
  if (priceIds.length === 0) return null;
  const r = await db
    .selectFrom("plans")
    .selectAll()
    .where((eb) => eb.or([eb("stripe_monthly_price_id", "in", priceIds), eb("stripe_yearly_price_id", "in", priceIds)]))
    .executeTakeFirst();
  if (!r) return null;
  return { plan: toPlan(r), interval: r.stripe_yearly_price_id && priceIds.includes(r.stripe_yearly_price_id) ? "year" : "month" };
}

/** Stripe lookup keys derived from the plan code (the catalog sync's idempotency keys). */
export const lookupKeys = (code: string) => ({
  product: `vf_plan_${code}`,
  month: `vf_${code}_month`,
  year: `vf_${code}_year`,
  overage: `vf_${code}_overage_messages`,
});
/** The product and monthly price lookup key of a usage meter priced per unit (WhatsApp cost). */
export const USAGE_PRODUCT_KEY = "vf_usage";
export const meterPriceLookupKey = (meter: string) => `vf_meter_${meter}_month`;

/** The Stripe price ids of the usage meters priced per unit (synced), attached to monthly subscriptions. */
export async function usagePriceIds(db: Kysely<DB>): Promise<string[]> {
  const rows = await db.selectFrom("billing_meters").select("stripe_price_id").where("stripe_price_id", "is not", null).where("unit_amount_cents", "is not", null).orderBy("name").execute();
  return rows.map((r) => r.stripe_price_id!);
}
/** A meter's Stripe event name. */
export const meterEventName = (meter: string) => `vf_${meter}`;
