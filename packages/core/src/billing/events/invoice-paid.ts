import type { TenantTx } from "@vendaflow/db/with-tenant";
import { stripeInvoiceSchema, type StripeEvent } from "@vendaflow/validators/billing";
import { mirrorInvoice } from "../invoices";
import type { BillingEventDeps } from "./sync-from-stripe";

/** A paid invoice is mirrored (its PDF link listed); the subscription's status comes with its own event. */
export async function invoicePaid(tx: TenantTx, _deps: BillingEventDeps, tenantId: string, event: StripeEvent) {
  const inv = stripeInvoiceSchema.safeParse(event.data.object);
  if (inv.success) await mirrorInvoice(tx, tenantId, inv.data);
}
