import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyStripeSignature } from "@vendaflow/connectors/stripe/verify-webhook";
import { memoryStore } from "@vendaflow/connectors/upstash/memory-store";
import { gatePlan } from "@vendaflow/core/billing/quota-gate";
import { syncCatalog } from "@vendaflow/core/billing/catalog-sync";
import { stripeWebhook } from "@vendaflow/core/billing/stripe-webhook";
import { receiveWebhookOnce } from "@vendaflow/core/webhooks/receive-once";
import { createDb, type Database } from "@vendaflow/db/create-db";
import { withTenant } from "@vendaflow/db/with-tenant";
import { startAppServer } from "../support/app-server";
import { billedTenant, billingDeps } from "../support/billing";
import { closeOwner, env, owner, type FixtureTenant } from "../support/fixtures";
import { request } from "../support/http";
import { signStripe, startStripeStandIn, type StripeStandIn } from "../stand-ins/stripe";

// Stripe webhooks end to end on the app role: the SDK adapter against the wire-format stand-in,
// events signed by the SDK's generateTestHeaderString, verified by its constructEvent.

const SECRET_KEY = "sk_test_billing_webhooks";
const WEBHOOK_SECRET = "whsec_test_billing_webhooks";

let stripe: StripeStandIn;
let app: { db: Database; close: () => Promise<void> };
let deps: Parameters<typeof stripeWebhook>[0];
let a: FixtureTenant;
let b: FixtureTenant;
const customers: Record<string, string> = {};

const hook = () => stripeWebhook(deps, (raw, sig) => verifyStripeSignature(raw, sig, WEBHOOK_SECRET));
const deliver = (event: object, opts: { secret?: string; timestamp?: number; tamper?: (raw: string) => string } = {}) => {
  const raw = JSON.stringify(event);
  const signature = signStripe(raw, opts.secret ?? WEBHOOK_SECRET, opts.timestamp);
  return receiveWebhookOnce(app.db, hook(), { rawBody: opts.tamper ? opts.tamper(raw) : raw, headers: new Headers({ "stripe-signature": signature }) });
};
const subRow = async (tenantId: string) =>
  (await owner().query("select s.*, p.code as plan_code from tenant_subscriptions s join plans p on p.id = s.plan_id where s.tenant_id = $1", [tenantId])).rows[0];

/** A billedTenant whose Stripe customer checkout() below finds in `customers`. */
async function customerTenant(): Promise<FixtureTenant> {
  const { tenant, customerId } = await billedTenant(deps);
  customers[tenant.id] = customerId;
  return tenant;
}

async function checkout(t: FixtureTenant, code = "growth") {
  const plan = (await owner().query("select * from plans where code = $1", [code])).rows[0];
  const session = await deps.payments.createCheckout({
    customerId: customers[t.id]!,
    tenantId: t.id,
    flatPriceId: plan.stripe_monthly_price_id,
    meteredPriceId: plan.stripe_overage_price_id,
    usagePriceIds: (await owner().query("select stripe_price_id from billing_meters where stripe_price_id is not null order by name")).rows.map((r) => r.stripe_price_id),
    methods: ["card", "boleto", "pix"],
    pixMandate: { maxAmountCents: plan.price_monthly_cents * 2, interval: "month" },
    successUrl: "http://x.test/billing?ok=1",
    cancelUrl: "http://x.test/billing",
    idempotencyKey: `test-${t.id}-${code}`,
  });
  return stripe.completeCheckout(session.id);
}

beforeAll(async () => {
  stripe = await startStripeStandIn({ secretKey: SECRET_KEY });
  app = createDb({ url: env().appUrl, max: 4 });
  deps = { ...billingDeps(app.db, { url: stripe.url, secretKey: SECRET_KEY }), counters: memoryStore() };
  await syncCatalog(deps);
  a = await customerTenant();
  b = await customerTenant();
});
afterAll(async () => {
  await app?.close();
  await stripe?.close();
  await closeOwner();
});

describe("catalog sync", () => {
  it("creates meters, products and prices once, stores their ids, and a second run changes nothing", async () => {
    const plans = (await owner().query("select code, stripe_product_id, stripe_monthly_price_id, stripe_yearly_price_id, stripe_overage_price_id from plans order by sort_order")).rows;
    expect(plans.map((p) => p.code)).toEqual(["starter", "growth", "enterprise"]);
    for (const p of plans) expect(p.stripe_product_id).toBe(`vf_plan_${p.code}`);
    expect(stripe.prices.get(plans[0].stripe_monthly_price_id)).toMatchObject({ unit_amount: 29900, currency: "brl", lookup_key: "vf_starter_month", recurring: { interval: "month" } });
    expect(stripe.prices.get(plans[2].stripe_monthly_price_id)).toMatchObject({ unit_amount: 249900 });
    expect(stripe.prices.get(plans[1].stripe_overage_price_id)).toMatchObject({ recurring: { usage_type: "metered" } });
    expect(plans[2].stripe_overage_price_id).toBeNull(); // Enterprise is unlimited: no overage
    const counts = { prices: stripe.prices.size, products: stripe.products.size, meters: stripe.meters.size };
    await syncCatalog(deps);
    expect({ prices: stripe.prices.size, products: stripe.products.size, meters: stripe.meters.size }).toEqual(counts);
  });

  it("the WhatsApp cost meters get monthly metered prices by lookup key, once, updated when their amount changes", async () => {
    const meters = (await owner().query("select name, unit_amount_cents, stripe_meter_id, stripe_price_id from billing_meters where name like 'whatsapp%' order by name")).rows;
    expect(meters.map((m) => m.name)).toEqual(["whatsapp_authentication", "whatsapp_marketing", "whatsapp_other", "whatsapp_service", "whatsapp_utility"]);
    for (const m of meters) {
      expect(stripe.prices.get(m.stripe_price_id)).toMatchObject({
        product: "vf_usage",
        currency: "brl",
        unit_amount: m.unit_amount_cents,
        lookup_key: `vf_meter_${m.name}_month`,
        active: true,
        recurring: { interval: "month", usage_type: "metered", meter: m.stripe_meter_id },
      });
    }
    // bot_messages is billed through each plan's overage price, not a price of its own.
    expect((await owner().query("select stripe_price_id from billing_meters where name = 'bot_messages'")).rows[0].stripe_price_id).toBeNull();
    const before = stripe.prices.size;
    await syncCatalog(deps);
    expect(stripe.prices.size).toBe(before);
    await owner().query("update billing_meters set unit_amount_cents = 40 where name = 'whatsapp_marketing'");
    try {
      await syncCatalog(deps);
      const id = (await owner().query("select stripe_price_id from billing_meters where name = 'whatsapp_marketing'")).rows[0].stripe_price_id;
      expect(id).not.toBe(meters[1].stripe_price_id);
      expect(stripe.prices.get(id)).toMatchObject({ unit_amount: 40, lookup_key: "vf_meter_whatsapp_marketing_month" });
      expect(stripe.prices.get(meters[1].stripe_price_id)).toMatchObject({ active: false, lookup_key: null });
    } finally {
      await owner().query("update billing_meters set unit_amount_cents = 35 where name = 'whatsapp_marketing'");
      await syncCatalog(deps);
    }
  });

  it("a changed price becomes a new Stripe price that takes over the lookup key", async () => {
    await owner().query("update plans set price_monthly_cents = 31900 where code = 'starter'");
    try {
      await syncCatalog(deps);
      const id = (await owner().query("select stripe_monthly_price_id from plans where code = 'starter'")).rows[0].stripe_monthly_price_id;
      expect(stripe.prices.get(id)).toMatchObject({ unit_amount: 31900, lookup_key: "vf_starter_month", active: true });
      expect([...stripe.prices.values()].filter((p) => p.lookup_key === "vf_starter_month")).toHaveLength(1);
    } finally {
      await owner().query("update plans set price_monthly_cents = 29900 where code = 'starter'");
      await syncCatalog(deps);
    }
  });
});

describe("Stripe webhooks", () => {
  it("checkout completed: the tenant is active on the plan it bought, the paid invoice is mirrored with its PDF", async () => {
    // The quota gate cached the trial (Starter) before the events arrive.
    expect(await withTenant(app.db, a.id, (tx) => gatePlan(tx, deps.counters!, a.id, new Date()))).toMatchObject({ status: "trialing", limit: 1000 });
    const { events, subscription } = await checkout(a);
    for (const ev of events) expect(await deliver(ev)).toEqual({ status: "processed", tenantId: a.id });
    // Each processed event invalidated it after its commit: the gate sees Growth, active, at once.
    expect(await withTenant(app.db, a.id, (tx) => gatePlan(tx, deps.counters!, a.id, new Date()))).toMatchObject({ status: "active", limit: 5000 });
    const row = await subRow(a.id);
    expect(row).toMatchObject({ status: "active", plan_code: "growth", stripe_subscription_id: subscription.id, billing_interval: "month" });
    const inv = (await owner().query("select * from billing_invoices where tenant_id = $1", [a.id])).rows;
    expect(inv).toHaveLength(1);
    expect(inv[0]).toMatchObject({ status: "paid", amount_paid_cents: 79900, currency: "BRL" });
    expect(inv[0].invoice_pdf).toMatch(/^http/);
    // The session asked for card, Boleto and recurring Pix with a mandate.
    const req = stripe.requests.find((r) => r.path === "/v1/checkout/sessions")!;
    expect(req.params.allowed_payment_method_types).toEqual(["card", "boleto", "pix"]);
    expect(req.params.payment_method_options).toMatchObject({ pix: { mandate_options: { amount_type: "maximum", payment_schedule: "monthly" } } });
    // And for the company's CNPJ, legal name and address, which the invoices then carry.
    expect(req.params).toMatchObject({ tax_id_collection: { enabled: "true" }, billing_address_collection: "required", customer_update: { name: "auto", address: "auto" } });
    // The flat price, the plan's overage and the five WhatsApp cost prices (metered: no quantity).
    const whatsapp = (await owner().query("select stripe_price_id from billing_meters where name like 'whatsapp%' order by name")).rows.map((r) => r.stripe_price_id as string);
    expect((req.params.line_items as { price: string; quantity?: string }[]).slice(2)).toEqual(whatsapp.map((price) => ({ price })));
    const items = (stripe.subscriptions.get(subscription.id as string)!.items as { data: { price: { id: string } }[] }).data.map((i) => i.price.id);
    expect(items).toEqual(expect.arrayContaining(whatsapp));
    expect(items).toHaveLength(2 + whatsapp.length);
  });

  it("a duplicate delivery changes nothing", async () => {
    const sub = (await subRow(a.id)).stripe_subscription_id as string;
    const inv = stripe.invoiceFor(sub, "paid", 1234);
    const ev = stripe.event("invoice.paid", inv);
    expect(await deliver(ev)).toMatchObject({ status: "processed" });
    await owner().query("update billing_invoices set amount_paid_cents = 1 where stripe_invoice_id = $1", [inv.id]);
    expect(await deliver(ev)).toEqual({ status: "duplicate", tenantId: a.id });
    expect((await owner().query("select amount_paid_cents from billing_invoices where stripe_invoice_id = $1", [inv.id])).rows[0].amount_paid_cents).toBe(1);
  });

  it("tampered, stale, wrongly signed and unsigned events are refused and change nothing", async () => {
    const sub = (await subRow(a.id)).stripe_subscription_id as string;
    stripe.setStatus(sub, "canceled");
    try {
      const ev = stripe.event("customer.subscription.deleted", stripe.subscriptions.get(sub)!);
      expect(await deliver(ev, { tamper: (raw) => raw.replace('"canceled"', '"active"') })).toEqual({ status: "invalid_signature" });
      expect(await deliver(ev, { timestamp: Math.floor(Date.now() / 1000) - 3600 })).toEqual({ status: "invalid_signature" });
      expect(await deliver(ev, { secret: "whsec_someone_else" })).toEqual({ status: "invalid_signature" });
      const unsigned = await receiveWebhookOnce(app.db, hook(), { rawBody: JSON.stringify(ev), headers: new Headers() });
      expect(unsigned).toEqual({ status: "invalid_signature" });
      expect((await subRow(a.id)).status).toBe("active");
      const receipts = await owner().query("select 1 from webhook_receipts where provider_event_id = $1", [ev.id]);
      expect(receipts.rowCount).toBe(0);
    } finally {
      stripe.setStatus(sub, "active");
    }
  });

  it("out of order: subscription.updated before checkout.completed converges to Stripe's state", async () => {
    const { events, subscription } = await checkout(b, "starter");
    const [completed, created, paid] = events as [any, any, any];
    // Stripe has since moved the subscription to past_due; the stale "created" payload says active.
    stripe.setStatus(subscription.id as string, "past_due");
    const updated = stripe.event("customer.subscription.updated", stripe.subscriptions.get(subscription.id as string)!);
    expect(await deliver(updated)).toMatchObject({ status: "processed" });
    expect(await deliver(created)).toMatchObject({ status: "processed" });
    expect(await deliver(paid)).toMatchObject({ status: "processed" });
    expect(await deliver(completed)).toMatchObject({ status: "processed" });
    const row = await subRow(b.id);
    expect(row).toMatchObject({ status: "past_due", plan_code: "starter", stripe_subscription_id: subscription.id });
    expect(row.past_due_since).toBeInstanceOf(Date);
  });

  it("payment failed: invoice mirrored open, admins mailed with the grace period; recovery clears past_due", async () => {
    const sub = (await subRow(b.id)).stripe_subscription_id as string;
    const inv = stripe.invoiceFor(sub, "open");
    expect(await deliver(stripe.event("invoice.payment_failed", inv))).toMatchObject({ status: "processed" });
    expect((await owner().query("select status from billing_invoices where stripe_invoice_id = $1", [inv.id])).rows[0].status).toBe("open");
    const mail = (await owner().query("select subject, text_body from email_outbox where to_address = $1 order by created_at desc limit 1", [b.users.admin.email])).rows[0];
    expect(mail.subject).toMatch(/pagamento/i);
    expect(mail.text_body).toMatch(/somente leitura/);
    // A late "failed" never reopens a paid invoice.
    const paid = { ...inv, status: "paid", amount_paid: inv.amount_due };
    expect(await deliver(stripe.event("invoice.paid", paid))).toMatchObject({ status: "processed" });
    expect(await deliver(stripe.event("invoice.payment_failed", inv))).toMatchObject({ status: "processed" });
    expect((await owner().query("select status from billing_invoices where stripe_invoice_id = $1", [inv.id])).rows[0].status).toBe("paid");
    stripe.setStatus(sub, "active");
    expect(await deliver(stripe.event("customer.subscription.updated", stripe.subscriptions.get(sub)!))).toMatchObject({ status: "processed" });
    expect(await subRow(b.id)).toMatchObject({ status: "active", past_due_since: null });
  });

  it("an event for an unknown customer is acknowledged and recorded nowhere", async () => {
    const ev = stripe.event("invoice.paid", { id: "in_unknown", object: "invoice", customer: "cus_nobody", status: "paid", currency: "brl", amount_due: 1, amount_paid: 1, created: 1 });
    expect(await deliver(ev)).toEqual({ status: "unrouted" });
    expect((await owner().query("select 1 from webhook_receipts where provider_event_id = $1", [ev.id])).rowCount).toBe(0);
  });

  it("tenant B's event never touches tenant A's rows, and each reads only its own billing rows", async () => {
    const before = await subRow(a.id);
    const sub = (await subRow(b.id)).stripe_subscription_id as string;
    stripe.setStatus(sub, "unpaid");
    expect(await deliver(stripe.event("customer.subscription.updated", stripe.subscriptions.get(sub)!))).toEqual({ status: "processed", tenantId: b.id });
    expect((await subRow(a.id)).status).toBe(before.status);
    expect((await subRow(b.id)).status).toBe("unpaid");
    const seen = await withTenant(app.db, a.id, (tx) => tx.selectFrom("billing_invoices").select("tenant_id").execute());
    expect(new Set(seen.map((r) => r.tenant_id))).toEqual(new Set([a.id]));
    const subs = await withTenant(app.db, a.id, (tx) => tx.selectFrom("tenant_subscriptions").select("tenant_id").execute());
    expect(subs).toEqual([{ tenant_id: a.id }]);
  });
});

describe("POST /api/webhooks/stripe (the built app)", () => {
  let server: Awaited<ReturnType<typeof startAppServer>>;
  beforeAll(async () => {
    server = await startAppServer({ STRIPE_SECRET_KEY: SECRET_KEY, STRIPE_API_BASE: stripe.url, STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET });
  }, 60_000);
  afterAll(() => server?.stop());

  const post = (raw: string, signature?: string) =>
    request(server.port, server.rootDomain, "POST", "/api/webhooks/stripe", { headers: { "content-type": "application/json", ...(signature ? { "stripe-signature": signature } : {}) }, body: raw });

  it("401 on a bad signature, 400 on a bad body, 200 processed then duplicate, 200 for an unknown customer", async () => {
    const sub = (await subRow(a.id)).stripe_subscription_id as string;
    stripe.setStatus(sub, "active");
    const raw = JSON.stringify(stripe.event("customer.subscription.updated", stripe.subscriptions.get(sub)!));
    expect((await post(raw)).status).toBe(401);
    expect((await post(raw, signStripe(raw, "whsec_wrong"))).status).toBe(401);
    const bad = JSON.stringify({ id: "evt_x", type: "invoice.paid" });
    expect((await post(bad, signStripe(bad, WEBHOOK_SECRET))).status).toBe(400);
    // The hook's own limit (512 KB, under the shared 1 MB one) applies before the signature is read.
    const big = JSON.stringify({ id: "evt_big", type: "invoice.paid", pad: "x".repeat(600 * 1024) });
    const tooBig = await post(big, signStripe(big, WEBHOOK_SECRET));
    expect([tooBig.status, tooBig.json<any>().limitBytes]).toEqual([413, 512 * 1024]);
    const first = await post(raw, signStripe(raw, WEBHOOK_SECRET));
    expect([first.status, first.json<any>().status]).toEqual([200, "processed"]);
    const again = await post(raw, signStripe(raw, WEBHOOK_SECRET));
    expect([again.status, again.json<any>().status]).toEqual([200, "duplicate"]);
    const stranger = JSON.stringify(stripe.event("invoice.paid", { id: "in_x", customer: "cus_stranger" }));
    const r = await post(stranger, signStripe(stranger, WEBHOOK_SECRET));
    expect([r.status, r.json<any>().status]).toEqual([200, "unrouted"]);
  });

  it("Stripe unreachable while the handler re-fetches: 503 (never 500), nothing recorded, the retry succeeds", async () => {
    const sub = (await subRow(a.id)).stripe_subscription_id as string;
    const ev = stripe.event("customer.subscription.updated", stripe.subscriptions.get(sub)!);
    const raw = JSON.stringify(ev);
    stripe.down = true;
    try {
      expect((await post(raw, signStripe(raw, WEBHOOK_SECRET))).status).toBe(503);
    } finally {
      stripe.down = false;
    }
    expect((await owner().query("select 1 from webhook_receipts where provider_event_id = $1", [ev.id])).rowCount).toBe(0);
    expect((await post(raw, signStripe(raw, WEBHOOK_SECRET))).json<any>().status).toBe("processed");
  });
});
