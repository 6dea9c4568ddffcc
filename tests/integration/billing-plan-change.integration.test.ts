import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyStripeSignature } from "@vendaflow/connectors/stripe/verify-webhook";
import { syncCatalog } from "@vendaflow/core/billing/catalog-sync";
import { changePlan, openPortal, previewPlanChange, setCancelAtPeriodEnd, startCheckout } from "@vendaflow/core/billing/checkout";
import { stripeWebhook } from "@vendaflow/core/billing/stripe-webhook";
import { startTrial } from "@vendaflow/core/billing/subscription";
import { receiveWebhookOnce } from "@vendaflow/core/webhooks/receive-once";
import { createDb, type Database } from "@vendaflow/db/create-db";
import { withTenant } from "@vendaflow/db/with-tenant";
import { billedTenant, billingDeps, growthByCard } from "../support/billing";
import { closeOwner, createTenant, env, owner, rootClient, uniq, type FixtureTenant } from "../support/fixtures";
import { signStripe, startStripeStandIn, type StripeStandIn } from "../stand-ins/stripe";

// Issue 11 items 2 and 6: the card-less trial at signup, the Customer Portal, a plan change with the
// proration Stripe previews, and cancel at the period's end (and undo), each audited, against the
// SDK pointed at the wire-format stand-in.

const SECRET_KEY = "sk_test_billing_plan_change";
const WEBHOOK_SECRET = "whsec_test_billing_plan_change";
let stripe: StripeStandIn;
let app: { db: Database; close: () => Promise<void> };
let deps: Parameters<typeof stripeWebhook>[0];
let t: FixtureTenant;
let subscriptionId: string;
const meta = { actorUserId: null, ip: "127.0.0.1", userAgent: "test" };
const q = async (sql: string, params: unknown[] = []) => (await owner().query(sql, params)).rows;
const deliver = (event: object) => {
  const raw = JSON.stringify(event);
  const hook = stripeWebhook(deps, (r, sig) => verifyStripeSignature(r, sig, WEBHOOK_SECRET));
  return receiveWebhookOnce(app.db, hook, { rawBody: raw, headers: new Headers({ "stripe-signature": signStripe(raw, WEBHOOK_SECRET) }) });
};
const inTenant = <T>(fn: (tx: Parameters<Parameters<typeof withTenant>[2]>[0]) => Promise<T>) => withTenant(app.db, t.id, fn);
const subRow = async () => (await q("select s.*, p.code as plan_code from tenant_subscriptions s join plans p on p.id = s.plan_id where s.tenant_id = $1", [t.id]))[0];

beforeAll(async () => {
  stripe = await startStripeStandIn({ secretKey: SECRET_KEY });
  app = createDb({ url: env().appUrl, max: 4 });
  deps = billingDeps(app.db, { url: stripe.url, secretKey: SECRET_KEY });
  await syncCatalog(deps);
  const billed = await billedTenant(deps);
  t = billed.tenant;
  const done = await growthByCard(deps, stripe, t.id, billed.customerId);
  subscriptionId = done.subscription.id as string;
  for (const ev of done.events) await deliver(ev);
});
afterAll(async () => {
  await app?.close();
  await stripe?.close();
  await closeOwner();
});

describe("trial, portal, plan change and cancel", () => {
  it("signup starts a 14-day Starter trial with no card and no Stripe customer", async () => {
    const slug = uniq("trial").toLowerCase();
    const res = await rootClient().trpc("mutation", "auth.signup", { companyName: "Teste Ltda", slug, name: "Tina", email: `${slug}@example.com`, password: "senha-forte-1" });
    expect(res.error).toBeNull();
    const [row] = await q(
      "select s.status, s.stripe_customer_id, p.code, round(extract(epoch from (s.trial_ends_at - s.created_at)) / 86400) as days from tenant_subscriptions s join plans p on p.id = s.plan_id join tenants t on t.id = s.tenant_id where t.slug = $1",
      [slug],
    );
    expect(row).toEqual({ status: "trialing", stripe_customer_id: null, code: "starter", days: "14" });
  });

  it("Stripe unreachable during Checkout: a clear pt-BR error, no customer stored, no audit row, nothing half-created", async () => {
    const fresh = await createTenant();
    await withTenant(app.db, fresh.id, (tx) => startTrial(tx, fresh.id, new Date()));
    const customersBefore = stripe.customers.size;
    stripe.down = true;
    try {
      await expect(
        withTenant(app.db, fresh.id, (tx) => startCheckout(tx, deps, { id: fresh.id, slug: fresh.slug, name: fresh.slug }, { email: fresh.users.admin.email }, { planCode: "growth", interval: "month" }, meta)),
      ).rejects.toThrow("Não foi possível falar com o provedor de pagamentos agora. Nada foi alterado");
    } finally {
      stripe.down = false;
    }
    expect(stripe.customers.size).toBe(customersBefore);
    expect((await q("select status, stripe_customer_id from tenant_subscriptions where tenant_id = $1", [fresh.id]))[0]).toEqual({ status: "trialing", stripe_customer_id: null });
    expect(await q("select 1 from audit_logs where tenant_id = $1 and action like 'billing.%'", [fresh.id])).toEqual([]);
    // Back up: the same call works and stores the customer once.
    const ok = await withTenant(app.db, fresh.id, (tx) => startCheckout(tx, deps, { id: fresh.id, slug: fresh.slug, name: fresh.slug }, { email: fresh.users.admin.email }, { planCode: "growth", interval: "month" }, meta));
    expect(ok.url).toMatch(/^http/);
    expect((await q("select stripe_customer_id from tenant_subscriptions where tenant_id = $1", [fresh.id]))[0].stripe_customer_id).toMatch(/^cus_/);
  });

  it("the Customer Portal opens for the tenant's customer and comes back to its billing page", async () => {
    const r = await inTenant((tx) => openPortal(tx, deps, { id: t.id, slug: t.slug, name: t.slug }));
    expect(r.url).toBe(`${stripe.url}/portal/${(await subRow()).stripe_customer_id}`);
    const req = stripe.requests.filter((x) => x.path === "/v1/billing_portal/sessions").at(-1)!;
    expect(req.params.return_url).toBe(`http://${t.slug}.${env().rootDomain}/billing`);
  });

  it("previews the proration Stripe would charge: an upgrade costs the difference, a downgrade nothing now", async () => {
    const up = await inTenant((tx) => previewPlanChange(tx, deps, { planCode: "enterprise", interval: "month" }));
    expect(up.amountDueCents).toBeGreaterThan(0);
    expect(up.amountDueCents).toBeLessThanOrEqual(249900 - 79900);
    const down = await inTenant((tx) => previewPlanChange(tx, deps, { planCode: "starter", interval: "month" }));
    expect(down.amountDueCents).toBe(0);
    // A preview changes nothing.
    expect((await subRow()).plan_code).toBe("growth");
  });

  it("changes plan on Stripe and here, with an audit row; the new limits apply at once", async () => {
    await inTenant((tx) => changePlan(tx, deps, t.id, { planCode: "enterprise", interval: "month" }, meta));
    expect(await subRow()).toMatchObject({ plan_code: "enterprise", status: "active", stripe_subscription_id: subscriptionId });
    const items = ((stripe.subscriptions.get(subscriptionId)!.items as { data: { price: { lookup_key: string } }[] }).data).map((i) => i.price.lookup_key);
    expect(items).toContain("vf_enterprise_month");
    expect(items).not.toContain("vf_growth_month");
    expect(await q("select action, after->>'plan' as plan from audit_logs where tenant_id = $1 and action = 'billing.plan_changed'", [t.id])).toEqual([{ action: "billing.plan_changed", plan: "enterprise" }]);
    await expect(inTenant((tx) => changePlan(tx, deps, t.id, { planCode: "nao_existe", interval: "month" }, meta))).rejects.toThrow("Plano não encontrado.");
  });

  it("cancels at the period's end and undoes it, each audited; nothing is deleted", async () => {
    await inTenant((tx) => setCancelAtPeriodEnd(tx, deps, t.id, true, meta));
    expect(await subRow()).toMatchObject({ cancel_at_period_end: true, status: "active" });
    expect(stripe.subscriptions.get(subscriptionId)!.cancel_at_period_end).toBe(true);
    await inTenant((tx) => setCancelAtPeriodEnd(tx, deps, t.id, false, meta));
    expect(await subRow()).toMatchObject({ cancel_at_period_end: false });
    const actions = (await q("select action from audit_logs where tenant_id = $1 and action like 'billing.cancel%' order by created_at", [t.id])).map((r) => r.action);
    expect(actions).toEqual(["billing.cancel_scheduled", "billing.cancel_undone"]);
  });
});
