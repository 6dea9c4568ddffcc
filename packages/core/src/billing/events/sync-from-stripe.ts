import type { TenantTx } from "@vendaflow/db/with-tenant";
import type { AppDeps } from "../../deps";
import { applyStripeSubscription } from "../subscription";

export type BillingEventDeps = Pick<AppDeps, "db" | "now" | "payments" | "email" | "links" | "scheduler">;

/** Re-fetch the subscription from Stripe and write its state: order of events does not matter. */
export async function syncFromStripe(tx: TenantTx, deps: BillingEventDeps, tenantId: string, subscriptionId: string) {
  const sub = await deps.payments.getSubscription(subscriptionId);
  if (!sub) return { changed: false } as const;
  return applyStripeSubscription(tx, tenantId, sub, deps.now());
}
