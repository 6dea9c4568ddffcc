import { sql } from "kysely";
import type { TenantTx } from "@vendaflow/db/with-tenant";
import type { StripeInvoice } from "@vendaflow/validators/billing";
import { decodeCursor, keysetPage } from "../keyset";

const at = (unix: number | null | undefined) => (unix ? new Date(unix * 1000) : null);
const FINAL = ["paid", "void", "uncollectible"];

/**
 * Mirrors one Stripe invoice (amounts, status, hosted page and PDF). A late event never moves a
 * final invoice (paid, void, uncollectible) back to open.
 */
export async function mirrorInvoice(tx: TenantTx, tenantId: string, inv: StripeInvoice) {
  const values = {
    tenant_id: tenantId,
    stripe_invoice_id: inv.id,
    number: inv.number ?? null,
    status: inv.status,
    currency: inv.currency.toUpperCase(),
    amount_due_cents: inv.amount_due,
    amount_paid_cents: inv.amount_paid,
    hosted_invoice_url: inv.hosted_invoice_url ?? null,
    invoice_pdf: inv.invoice_pdf ?? null,
    period_start: at(inv.period_start),
    period_end: at(inv.period_end),
    due_at: at(inv.due_date),
    paid_at: at(inv.status_transitions?.paid_at),
    issued_at: at(inv.created)!,
  };
  await tx
    .insertInto("billing_invoices")
    .values(values)
    .onConflict((oc) =>
      oc
        .columns(["tenant_id", "stripe_invoice_id"])
        .doUpdateSet({ ...values, updated_at: sql`now()` })
        .where((eb) => eb.or([eb("billing_invoices.status", "not in", FINAL), eb("excluded.status", "in", FINAL)])),
    )
    .execute();
}

/** The tenant's invoices, newest first, keyset-paged. Stripe's timestamps are whole seconds. */
export async function listInvoices(tx: TenantTx, opts: { limit: number; cursor?: string }) {
  const c = decodeCursor(opts.cursor);
  let q = tx
    .selectFrom("billing_invoices")
    .select(["id", "number", "status", "currency", "amount_due_cents", "amount_paid_cents", "hosted_invoice_url", "invoice_pdf", "period_start", "period_end", "due_at", "paid_at", "issued_at"])
    .orderBy("issued_at", "desc")
    .orderBy("id", "desc")
    .limit(opts.limit + 1);
  if (c) q = q.where((eb) => eb.or([eb("issued_at", "<", c.at), eb.and([eb("issued_at", "=", c.at), eb("id", "<", c.id)])]));
  return keysetPage(await q.execute(), opts.limit, (r) => r.issued_at);
}
