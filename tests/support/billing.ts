import { localScheduler } from "@vendaflow/connectors/qstash/local-scheduler";
import { outboxSender } from "@vendaflow/connectors/smtp/outbox-sender";
import { stripePayments } from "@vendaflow/connectors/stripe/stripe-payments";
import { startTrial } from "@vendaflow/core/billing/subscription";
import { appLinks } from "@vendaflow/core/links";
import type { Payments } from "@vendaflow/core/ports/payments";
import type { Database } from "@vendaflow/db/create-db";
import { withTenant } from "@vendaflow/db/with-tenant";
import type { StripeStandIn } from "../stand-ins/stripe";
import { createTenant, env, owner, type FixtureTenant } from "./fixtures";

/**
 * What the billing code runs on in the Stripe tests: the SDK against the stand-in (its `url`, with
 * the `secretKey` it was started with), e-mail into the outbox, jobs through the local scheduler,
 * links to the test app.
 */
export function billingDeps(db: Database, stripe: { url: string; secretKey: string }, now: () => Date = () => new Date()) {
  return {
    db,
    now,
    payments: stripePayments({ secretKey: stripe.secretKey, apiBase: stripe.url }),
    email: outboxSender(db),
    links: appLinks(env().rootDomain, "http"),
    scheduler: localScheduler(db, `http://${env().rootDomain}`),
  };
}

/** A new tenant on the card-less trial with a Stripe customer, as checkout finds it. */
export async function billedTenant(deps: { db: Database; payments: Payments }): Promise<{ tenant: FixtureTenant; customerId: string }> {
  const tenant = await createTenant();
  await withTenant(deps.db, tenant.id, (tx) => startTrial(tx, tenant.id, new Date()));
  const customerId = await deps.payments.createCustomer({ tenantId: tenant.id, name: tenant.slug, email: tenant.users.admin.email });
  await owner().query("update tenant_subscriptions set stripe_customer_id = $2 where tenant_id = $1", [tenant.id, customerId]);
  return { tenant, customerId };
}

/** Growth paid by card at the stand-in's Checkout; the caller delivers the events Stripe would send. */
export async function growthByCard(deps: { payments: Payments }, stripe: StripeStandIn, tenantId: string, customerId: string) {
  const plan = (await owner().query("select * from plans where code = 'growth'")).rows[0];
  const session = await deps.payments.createCheckout({
    customerId, tenantId, flatPriceId: plan.stripe_monthly_price_id, meteredPriceId: plan.stripe_overage_price_id,
    usagePriceIds: [], methods: ["card"], pixMandate: null,
    successUrl: "http://x.test/billing?ok=1", cancelUrl: "http://x.test/billing", idempotencyKey: `growth-by-card-${tenantId}`,
  });
  return stripe.completeCheckout(session.id);
}
