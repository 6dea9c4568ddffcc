import type { TenantTx } from "@vendaflow/db/with-tenant";
import { stripeSubscriptionRefSchema, type StripeEvent } from "@vendaflow/validators/billing";
import { syncFromStripe, type BillingEventDeps } from "./sync-from-stripe";

/** customer.subscription.created: re-fetched, never trusted from the payload (events arrive out of order). */
export async function subscriptionCreated(tx: TenantTx, deps: BillingEventDeps, tenantId: string, event: StripeEvent) {
  const ref = stripeSubscriptionRefSchema.safeParse(event.data.object);
  if (ref.success) await syncFromStripe(tx, deps, tenantId, ref.data.id);
}
