import type { TenantTx } from "@vendaflow/db/with-tenant";
import { PAST_DUE_GRACE_DAYS, stripeInvoiceSchema, type StripeEvent } from "@vendaflow/validators/billing";
import { scheduleDunning } from "../dunning";
import { mirrorInvoice } from "../invoices";
import { notifyAdmins } from "../notify";
import type { BillingEventDeps } from "./sync-from-stripe";

/**
 * A failed charge: invoice mirrored, admins mailed with the grace period's end, and the dunning
 * reminders scheduled (deduplicated per invoice, so Stripe's retries of the charge add none).
 */
export async function invoicePaymentFailed(tx: TenantTx, deps: BillingEventDeps, tenantId: string, event: StripeEvent) {
  const inv = stripeInvoiceSchema.safeParse(event.data.object);
  if (!inv.success) return;
  await mirrorInvoice(tx, tenantId, inv.data);
  const sub = await tx.selectFrom("tenant_subscriptions").select(["past_due_since"]).executeTakeFirst();
  const since = sub?.past_due_since ?? deps.now();
  await notifyAdmins(tx, deps, tenantId, { kind: "payment_failed", amountDueCents: inv.data.amount_due, graceUntil: new Date(since.getTime() + PAST_DUE_GRACE_DAYS * 86_400_000) });
  // A late failure of an invoice already paid (or voided) starts no dunning.
  const mirrored = await tx.selectFrom("billing_invoices").select("status").where("stripe_invoice_id", "=", inv.data.id).executeTakeFirst();
  if (mirrored?.status === "open") await scheduleDunning(deps, tenantId, inv.data.id, since);
}
