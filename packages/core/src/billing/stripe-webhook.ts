import { sql } from "kysely";
import type { TenantTx } from "@vendaflow/db/with-tenant";
import { stripeEventSchema, type StripeEvent } from "@vendaflow/validators/billing";
import type { CounterStore } from "../ports/counter-store";
import { isPaymentsUnavailable } from "../ports/payments";
import type { InboundWebhook } from "../webhooks/receive-once";
import { checkoutSessionCompleted } from "./events/checkout-session-completed";
import { invoicePaid } from "./events/invoice-paid";
import { invoicePaymentFailed } from "./events/invoice-payment-failed";
import { subscriptionCreated } from "./events/subscription-created";
import { subscriptionDeleted } from "./events/subscription-deleted";
import { subscriptionTrialWillEnd } from "./events/subscription-trial-will-end";
import { subscriptionUpdated } from "./events/subscription-updated";
import type { BillingEventDeps } from "./events/sync-from-stripe";
import { invalidateBillingGate } from "./quota-gate";

type Handler = (tx: TenantTx, deps: BillingEventDeps, tenantId: string, event: StripeEvent) => Promise<void>;

/** The events we act on, one file each; any other type is acknowledged and recorded only. */
const handlers: Record<string, Handler> = {
  "checkout.session.completed": checkoutSessionCompleted,
  "customer.subscription.created": subscriptionCreated,
  "customer.subscription.updated": subscriptionUpdated,
  "customer.subscription.deleted": subscriptionDeleted,
  "customer.subscription.trial_will_end": subscriptionTrialWillEnd,
  "invoice.paid": invoicePaid,
  "invoice.payment_failed": invoicePaymentFailed,
};
export const handledStripeEvents = Object.keys(handlers);

const customerOf = (event: StripeEvent): string | null => {
  const c = event.data.object.customer;
  if (typeof c === "string") return c;
  if (c && typeof c === "object" && typeof (c as { id?: unknown }).id === "string") return (c as { id: string }).id;
  return null;
};

/** Stripe events are a few KB; anything far larger is not Stripe. */
export const STRIPE_WEBHOOK_MAX_BYTES = 512 * 1024;

/**
 * Stripe's webhook described once for handleWebhook/receiveWebhookOnce: the SDK verifier comes from
 * connectors; the tenant is the one whose Stripe customer the event names (a narrow definer function).
 * With `counters`, a processed event drops every process's cached plan and status (the quota gate).
 */
export function stripeWebhook(deps: BillingEventDeps & { counters?: CounterStore }, verify: (rawBody: string, signature: string | null) => boolean): InboundWebhook<typeof stripeEventSchema> {
  return {
    provider: "stripe",
    verify: (raw, headers) => verify(raw, headers.get("stripe-signature")),
    schema: stripeEventSchema,
    identify: (e) => ({ eventId: e.id, eventType: e.type }),
    async tenantOf(e) {
      const customer = customerOf(e);
      if (!customer || customer.length > 255 || customer.includes("\u0000")) return null;
      const r = await sql<{ t: string | null }>`select app_tenant_for_stripe_customer(${customer}) as t`.execute(deps.db);
      return r.rows[0]?.t ?? null;
    },
    async handle(tx, e, tenantId) {
      await handlers[e.type]?.(tx, deps, tenantId, e);
    },
    // Stripe down while a handler re-fetches: let Stripe retry the event.
    retryable: isPaymentsUnavailable,
    maxBodyBytes: STRIPE_WEBHOOK_MAX_BYTES,
    ...(deps.counters ? { afterCommit: () => invalidateBillingGate(deps.counters!) } : {}),
  };
}
