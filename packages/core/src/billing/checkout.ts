import type { TenantTx } from "@vendaflow/db/with-tenant";
import type { CheckoutInput } from "@vendaflow/validators/billing";
import type { AfterCommit } from "../after-commit";
import { recordAudit, type AuditMeta } from "../audit/record";
import type { AppDeps } from "../deps";
import { DomainError } from "../errors";
import { isPaymentsUnavailable } from "../ports/payments";
import { planByCode, usagePriceIds, type Plan } from "./plans";
import { applyStripeSubscription, startTrial } from "./subscription";
import { settleUnbilledUsage } from "./usage";

type Deps = Pick<AppDeps, "payments" | "links" | "now">;
interface TenantRef {
  id: string;
  slug: string;
  name: string;
}

/** Stripe unreachable or refusing: one pt-BR error, and the caller's transaction rolls back. */
async function stripe<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    // By name too: the app bundle may hold the port module twice (connectors' and core's import paths).
    if (isPaymentsUnavailable(err)) throw new DomainError("SERVICE_UNAVAILABLE", "Não foi possível falar com o provedor de pagamentos agora. Nada foi alterado; tente novamente em instantes.");
    throw err;
  }
}

const LIVE = ["active", "trialing", "past_due", "unpaid", "paused"];

async function priced(tx: TenantTx, input: CheckoutInput): Promise<{ plan: Plan; flat: string; metered: string | null; usage: string[] }> {
  const plan = await planByCode(tx, input.planCode);
  if (!plan || !plan.isActive) throw new DomainError("NOT_FOUND", "Plano não encontrado.", { field: "planCode" });
  const flat = input.interval === "year" ? plan.stripe.yearlyPriceId : plan.stripe.monthlyPriceId;
  // The catalog was never synced with Stripe (no keys, or `pnpm billing:sync` not run): the admin can do nothing about it.
  if (!flat) throw new DomainError("PRECONDITION_FAILED", "A assinatura online deste plano ainda não está disponível. Fale com o suporte.");
  // Overage is metered monthly; Stripe needs one interval per subscription.
  // So are the WhatsApp cost prices (one per Meta category, synced with the catalog).
  const monthly = input.interval === "month";
  return { plan, flat, metered: monthly ? plan.stripe.overagePriceId : null, usage: monthly ? await usagePriceIds(tx) : [] };
}

async function subscriptionRow(tx: TenantTx, tenantId: string, now: Date, after?: AfterCommit) {
  let row = await tx.selectFrom("tenant_subscriptions").selectAll().executeTakeFirst();
  if (!row) {
    await startTrial(tx, tenantId, now);
    if (after) after.billingChanged = true;
    row = await tx.selectFrom("tenant_subscriptions").selectAll().executeTakeFirstOrThrow();
  }
  return row;
}

/**
 * Stripe Checkout in subscription mode: the plan's flat price plus its metered overage, paid by card,
 * Boleto or recurring Pix (a mandate up to twice the plan's price, to cover overage). The Stripe
 * customer is created once per tenant (idempotency key) and kept only if the session is created.
 */
export async function startCheckout(tx: TenantTx, deps: Deps, tenant: TenantRef, admin: { email: string }, input: CheckoutInput, meta: AuditMeta, after?: AfterCommit) {
  const { plan, flat, metered, usage } = await priced(tx, input);
  const row = await subscriptionRow(tx, tenant.id, deps.now(), after);
  if (row.stripe_subscription_id && LIVE.includes(row.status)) throw new DomainError("CONFLICT", "Você já tem uma assinatura ativa: use “Mudar de plano”.");
  const customerId = row.stripe_customer_id ?? (await stripe(() => deps.payments.createCustomer({ tenantId: tenant.id, name: tenant.name, email: admin.email })));
  const price = input.interval === "year" ? plan.priceYearlyCents : plan.priceMonthlyCents;
  const session = await stripe(() =>
    deps.payments.createCheckout({
      customerId,
      tenantId: tenant.id,
      flatPriceId: flat,
      meteredPriceId: metered,
      usagePriceIds: usage,
      methods: ["card", "boleto", "pix"],
      pixMandate: { maxAmountCents: price * 2, interval: input.interval },
      successUrl: deps.links.tenantUrl(tenant.slug, "/billing?checkout=success"),
      cancelUrl: deps.links.tenantUrl(tenant.slug, "/billing?checkout=canceled"),
      // A double click within the same minute opens the same session.
      idempotencyKey: `vf-checkout-${tenant.id}-${plan.code}-${input.interval}-${Math.floor(deps.now().getTime() / 60_000)}`,
    }),
  );
  if (!row.stripe_customer_id) {
    await tx.updateTable("tenant_subscriptions").set({ stripe_customer_id: customerId }).where("id", "=", row.id).execute();
    // A first customer: the usage recorded before it (the card-less trial) is not billed.
    await settleUnbilledUsage(tx, deps.now());
  }
  await recordAudit(tx, tenant.id, meta, { action: "billing.checkout_started", entityType: "subscription", entityId: row.id, after: { plan: plan.code, interval: input.interval } });
  return { url: session.url };
}

/** Stripe's Customer Portal: payment method, invoices, plan change and cancellation. */
export async function openPortal(tx: TenantTx, deps: Deps, tenant: TenantRef) {
  const row = await tx.selectFrom("tenant_subscriptions").select("stripe_customer_id").executeTakeFirst();
  if (!row?.stripe_customer_id) throw new DomainError("PRECONDITION_FAILED", "Assine um plano primeiro para gerenciar pagamentos.");
  return { url: await stripe(() => deps.payments.createPortal({ customerId: row.stripe_customer_id!, returnUrl: deps.links.tenantUrl(tenant.slug, "/billing") })) };
}

async function liveSubscription(tx: TenantTx) {
  const row = await tx.selectFrom("tenant_subscriptions").selectAll().executeTakeFirst();
  if (!row?.stripe_subscription_id || !LIVE.includes(row.status)) throw new DomainError("PRECONDITION_FAILED", "Você ainda não tem uma assinatura: escolha um plano para assinar.");
  return { ...row, stripe_subscription_id: row.stripe_subscription_id };
}

/** What moving to another plan would charge now, as Stripe prorates it. */
export async function previewPlanChange(tx: TenantTx, deps: Deps, input: CheckoutInput) {
  const row = await liveSubscription(tx);
  const { plan, flat, metered, usage } = await priced(tx, input);
  const preview = await stripe(() => deps.payments.previewPlanChange({ subscriptionId: row.stripe_subscription_id, flatPriceId: flat, meteredPriceId: metered, usagePriceIds: usage }));
  return { planCode: plan.code, interval: input.interval, amountDueCents: preview.amountDueCents, currency: preview.currency.toUpperCase() };
}

/** Upgrade or downgrade now, prorated by Stripe; our row follows Stripe's answer at once. */
export async function changePlan(tx: TenantTx, deps: Deps, tenantId: string, input: CheckoutInput, meta: AuditMeta, after?: AfterCommit) {
  const row = await liveSubscription(tx);
  const { plan, flat, metered, usage } = await priced(tx, input);
  const sub = await stripe(() => deps.payments.changePlan({ subscriptionId: row.stripe_subscription_id, flatPriceId: flat, meteredPriceId: metered, usagePriceIds: usage }));
  await applyStripeSubscription(tx, tenantId, sub, deps.now());
  if (after) after.billingChanged = true;
  await recordAudit(tx, tenantId, meta, { action: "billing.plan_changed", entityType: "subscription", entityId: row.id, before: { planId: row.plan_id }, after: { plan: plan.code, interval: input.interval } });
}

/** Cancel at the end of the period (or undo it); nothing is deleted, the account turns read-only after. */
export async function setCancelAtPeriodEnd(tx: TenantTx, deps: Deps, tenantId: string, cancel: boolean, meta: AuditMeta, after?: AfterCommit) {
  const row = await liveSubscription(tx);
  const sub = await stripe(() => deps.payments.cancelAtPeriodEnd(row.stripe_subscription_id, cancel));
  await applyStripeSubscription(tx, tenantId, sub, deps.now());
  if (after) after.billingChanged = true;
  await recordAudit(tx, tenantId, meta, { action: cancel ? "billing.cancel_scheduled" : "billing.cancel_undone", entityType: "subscription", entityId: row.id });
}
