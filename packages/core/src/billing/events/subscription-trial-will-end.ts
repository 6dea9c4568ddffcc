import type { TenantTx } from "@vendaflow/db/with-tenant";
import { stripeSubscriptionRefSchema, type StripeEvent } from "@vendaflow/validators/billing";
import { notifyAdmins } from "../notify";
import type { BillingEventDeps } from "./sync-from-stripe";

/** Stripe warns three days before a trial ends: the admins get a mail. */
export async function subscriptionTrialWillEnd(tx: TenantTx, deps: BillingEventDeps, tenantId: string, event: StripeEvent) {
  const ref = stripeSubscriptionRefSchema.safeParse(event.data.object);
  if (!ref.success) return;
  const trialEnd = (event.data.object as { trial_end?: unknown }).trial_end;
  const endsAt = typeof trialEnd === "number" ? new Date(trialEnd * 1000) : new Date(deps.now().getTime() + 3 * 86_400_000);
  await notifyAdmins(tx, deps, tenantId, { kind: "trial_will_end", endsAt });
}
