import Stripe from "stripe";
import type { SubscriptionStatus } from "@vendaflow/validators/billing";
import { subscriptionStatuses } from "@vendaflow/validators/billing";
import { PaymentsUnavailable, type PaymentSubscription, type Payments, type PlanChangeRequest } from "@vendaflow/core/ports/payments";

export interface StripeConfig {
  secretKey: string;
  /** Another API origin (tests: the stand-in in tests/stand-ins/stripe.ts). */
  apiBase?: string;
}

/** The SDK client for our config: the official host, or host/port/protocol of a stand-in. */
export function stripeClient(config: StripeConfig): Stripe {
  const base = config.apiBase ? new URL(config.apiBase) : null;
  return new Stripe(config.secretKey, {
    maxNetworkRetries: 1,
    timeout: 15_000,
    ...(base ? { host: base.hostname, port: base.port || (base.protocol === "https:" ? 443 : 80), protocol: base.protocol === "https:" ? "https" : "http" } : {}),
  });
}

const date = (unix: number | null | undefined) => (unix ? new Date(unix * 1000) : null);
const toStatus = (s: string): SubscriptionStatus => ((subscriptionStatuses as readonly string[]).includes(s) ? (s as SubscriptionStatus) : "incomplete");
const idOf = (x: string | { id: string } | null | undefined) => (typeof x === "string" ? x : (x?.id ?? ""));

function toSubscription(s: Stripe.Subscription): PaymentSubscription {
  const items = s.items.data;
  // Since API 2025-03-31 the period lives on the items; all items of one subscription share it.
  const first = items[0];
  return {
    id: s.id,
    customerId: idOf(s.customer),
    status: toStatus(s.status),
    priceIds: items.map((i) => i.price.id),
    currentPeriodStart: date(first?.current_period_start),
    currentPeriodEnd: date(first?.current_period_end),
    cancelAtPeriodEnd: s.cancel_at_period_end,
    trialEnd: date(s.trial_end),
    canceledAt: date(s.canceled_at),
  };
}

/** Network failures and Stripe's refusals reach core as PaymentsUnavailable (callers change nothing). */
async function call<T>(what: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof Stripe.errors.StripeError) throw new PaymentsUnavailable(`${what}: ${err.type} ${err.message}`, err);
    throw err;
  }
}

/**
 * The subscription's items after a plan change: the flat item on the new plan's price, one metered
 * item on its overage price (or none), the usage meters' prices (WhatsApp cost) kept or added, and
 * every other metered item (an old plan's overage, a superseded usage price) removed.
 */
async function itemsFor(stripe: Stripe, r: PlanChangeRequest) {
  const sub = await stripe.subscriptions.retrieve(r.subscriptionId);
  const isMetered = (i: Stripe.SubscriptionItem) => i.price.recurring?.usage_type === "metered";
  const wanted = new Set(r.usagePriceIds);
  const items: Stripe.SubscriptionUpdateParams.Item[] = [];
  let overage = false;
  for (const i of sub.items.data) {
    if (!isMetered(i)) items.push({ id: i.id, price: r.flatPriceId, quantity: 1 });
    else if (wanted.delete(i.price.id)) continue;
    else if (r.meteredPriceId && !overage) {
      items.push({ id: i.id, price: r.meteredPriceId });
      overage = true;
    } else items.push({ id: i.id, deleted: true });
  }
  if (r.meteredPriceId && !overage) items.push({ price: r.meteredPriceId });
  for (const price of wanted) items.push({ price });
  return items;
}

export function stripePayments(config: StripeConfig): Payments {
  const stripe = stripeClient(config);
  return {
    kind: "stripe",
    catalog: {
      async upsertProduct(p) {
        return call("product", async () => {
          const existing = await stripe.products.retrieve(p.key).catch((e: unknown) => {
            if (e instanceof Stripe.errors.StripeInvalidRequestError && e.statusCode === 404) return null;
            throw e;
          });
          if (!existing) return (await stripe.products.create({ id: p.key, name: p.name, description: p.description || undefined })).id;
          if (existing.name !== p.name || (existing.description ?? "") !== p.description || !existing.active) {
            await stripe.products.update(p.key, { name: p.name, description: p.description || "", active: true });
          }
          return existing.id;
        });
      },
      async upsertPrice(p) {
        return call("price", async () => {
          const found = (await stripe.prices.list({ lookup_keys: [p.lookupKey], active: true, limit: 1 })).data[0];
          const metered = Boolean(p.meterId);
          if (
            found &&
            found.unit_amount === p.unitAmountCents &&
            found.product === p.productId &&
            found.recurring?.interval === p.interval &&
            (found.recurring?.usage_type === "metered") === metered
          ) {
            return found.id;
          }
          // Prices are immutable: a changed amount is a new price that takes over the lookup key.
          const created = await stripe.prices.create({
            product: p.productId,
            currency: "brl",
            unit_amount: p.unitAmountCents,
            nickname: p.nickname,
            lookup_key: p.lookupKey,
            transfer_lookup_key: true,
            recurring: metered ? { interval: p.interval, usage_type: "metered", meter: p.meterId! } : { interval: p.interval },
          });
          if (found) await stripe.prices.update(found.id, { active: false });
          return created.id;
        });
      },
      async upsertMeter(m) {
        return call("meter", async () => {
          for await (const meter of stripe.billing.meters.list({ status: "active", limit: 100 })) {
            if (meter.event_name === m.eventName) return meter.id;
          }
          const created = await stripe.billing.meters.create({
            display_name: m.displayName,
            event_name: m.eventName,
            default_aggregation: { formula: "sum" },
            customer_mapping: { type: "by_id", event_payload_key: "stripe_customer_id" },
            value_settings: { event_payload_key: "value" },
          });
          return created.id;
        });
      },
    },

    createCustomer: (c) =>
      call("customer", async () => {
        const customer = await stripe.customers.create(
          { name: c.name, email: c.email ?? undefined, preferred_locales: ["pt-BR"], metadata: { tenant_id: c.tenantId } },
          { idempotencyKey: `vf-customer-${c.tenantId}` },
        );
        return customer.id;
      }),

    createCheckout: (r) =>
      call("checkout", async () => {
        const mandateAmount = r.pixMandate?.maxAmountCents;
        const session = await stripe.checkout.sessions.create(
          {
            mode: "subscription",
            customer: r.customerId,
            client_reference_id: r.tenantId,
            locale: "pt-BR",
            // Metered prices carry no quantity: the flat plan, its overage and the WhatsApp cost prices.
            line_items: [{ price: r.flatPriceId, quantity: 1 }, ...(r.meteredPriceId ? [{ price: r.meteredPriceId }] : []), ...r.usagePriceIds.map((price) => ({ price }))],
            // A filter on what the account has enabled (API 2026-10: payment_method_types became this).
            allowed_payment_method_types: r.methods,
            payment_method_options: {
              ...(r.methods.includes("boleto") ? { boleto: { expires_after_days: 3 } } : {}),
              ...(r.methods.includes("pix") && r.pixMandate
                ? {
                    pix: {
                      mandate_options: {
                        amount: mandateAmount,
                        amount_type: "maximum",
                        currency: "brl",
                        payment_schedule: r.pixMandate.interval === "year" ? "yearly" : "monthly",
                      },
                    },
                  }
                : {}),
            },
            subscription_data: { metadata: { tenant_id: r.tenantId } },
            // A Brazilian company books the expense only with its CNPJ, legal name and address on the
            // invoice: Checkout asks for them (validating the CNPJ) and saves them on the customer,
            // whose name and address the session may then update.
            tax_id_collection: { enabled: true },
            billing_address_collection: "required",
            customer_update: { name: "auto", address: "auto" },
            success_url: r.successUrl,
            cancel_url: r.cancelUrl,
          },
          { idempotencyKey: r.idempotencyKey },
        );
        if (!session.url) throw new PaymentsUnavailable("checkout: session without url");
        return { id: session.id, url: session.url };
      }),

    createPortal: (r) =>
      call("portal", async () => (await stripe.billingPortal.sessions.create({ customer: r.customerId, return_url: r.returnUrl, locale: "pt-BR" })).url),

    getSubscription: (id) =>
      call("subscription", async () => {
        try {
          return toSubscription(await stripe.subscriptions.retrieve(id));
        } catch (e) {
          if (e instanceof Stripe.errors.StripeInvalidRequestError && e.statusCode === 404) return null;
          throw e;
        }
      }),

    previewPlanChange: (r) =>
      call("preview", async () => {
        const items = await itemsFor(stripe, r);
        const preview = await stripe.invoices.createPreview({
          subscription: r.subscriptionId,
          subscription_details: { items, proration_behavior: "always_invoice" },
        });
        return { amountDueCents: preview.amount_due, currency: preview.currency };
      }),

    changePlan: (r) =>
      call("change", async () => {
        const items = await itemsFor(stripe, r);
        return toSubscription(await stripe.subscriptions.update(r.subscriptionId, { items, proration_behavior: "always_invoice" }));
      }),

    cancelAtPeriodEnd: (id, cancel) => call("cancel", async () => toSubscription(await stripe.subscriptions.update(id, { cancel_at_period_end: cancel }))),

    reportMeterEvent: (e) =>
      call("meter_event", async () => {
        await stripe.billing.meterEvents.create(
          { event_name: e.eventName, identifier: e.identifier, timestamp: Math.floor(e.timestamp.getTime() / 1000), payload: { stripe_customer_id: e.customerId, value: String(e.value) } },
          // Request-level idempotency on top of Stripe's identifier dedupe.
          { idempotencyKey: e.identifier },
        );
      }),

    meterTotal: (q) =>
      call("meter_summary", async () => {
        let total = 0;
        // Stripe wants minute-aligned bounds; our periods start and end on whole minutes.
        const summaries = stripe.billing.meters.listEventSummaries(q.meterId, { customer: q.customerId, start_time: Math.floor(q.from.getTime() / 1000), end_time: Math.floor(q.to.getTime() / 1000) });
        for await (const s of summaries) total += s.aggregated_value;
        return total;
      }),
  };
}
