import type { TenantTx } from "@vendaflow/db/with-tenant";
import { stripeCheckoutSessionSchema, type StripeEvent } from "@vendaflow/validators/billing";
import { syncFromStripe, type BillingEventDeps } from "./sync-from-stripe";

/** Checkout finished: the subscription it created becomes the tenant's (state from Stripe). */
export async function checkoutSessionCompleted(tx: TenantTx, deps: BillingEventDeps, tenantId: string, event: StripeEvent) {
  const session = stripeCheckoutSessionSchema.safeParse(event.data.object);
  if (!session.success || session.data.mode !== "subscription" || !session.data.subscription) return;
  await syncFromStripe(tx, deps, tenantId, session.data.subscription);
}
