import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signQStashRequest } from "@vendaflow/connectors/qstash/sign-request";
import { verifyStripeSignature } from "@vendaflow/connectors/stripe/verify-webhook";
import { syncCatalog } from "@vendaflow/core/billing/catalog-sync";
import { runDunningStep } from "@vendaflow/core/billing/dunning";
import { stripeWebhook } from "@vendaflow/core/billing/stripe-webhook";
import { receiveWebhookOnce } from "@vendaflow/core/webhooks/receive-once";
import { createDb, type Database } from "@vendaflow/db/create-db";
import { TEST_KEYS } from "../support/app-env";
import { billedTenant, billingDeps, growthByCard } from "../support/billing";
import { closeOwner, createTenant, env, owner, type FixtureTenant } from "../support/fixtures";
import { request } from "../support/http";
import { signStripe, startStripeStandIn, type StripeStandIn } from "../stand-ins/stripe";

// Issue 11 item 3, dunning: a failed payment schedules reminders through the Scheduler port (day 3,
// the day before the grace ends, and the read-only notice at day 7); each step re-checks the account
// and mails the admins once; a paid invoice stops them; past the grace the account is read-only
// (nothing deleted) and the billing page stays open as the way back.

const SECRET_KEY = "sk_test_billing_dunning";
const WEBHOOK_SECRET = "whsec_test_billing_dunning";
const DAY = 86_400_000;
let stripe: StripeStandIn;
let app: { db: Database; close: () => Promise<void> };
let clock = Date.now();
let deps: Parameters<typeof stripeWebhook>[0] & Parameters<typeof runDunningStep>[0];
let t: FixtureTenant;
let subscriptionId: string;
let invoiceId: string;

const q = async (sql: string, params: unknown[] = []) => (await owner().query(sql, params)).rows;
const deliver = (event: object) => {
  const raw = JSON.stringify(event);
  const hook = stripeWebhook(deps, (r, sig) => verifyStripeSignature(r, sig, WEBHOOK_SECRET));
  return receiveWebhookOnce(app.db, hook, { rawBody: raw, headers: new Headers({ "stripe-signature": signStripe(raw, WEBHOOK_SECRET) }) });
};
const mails = async () => (await q("select subject from email_outbox where to_address = $1 order by created_at", [t.users.admin.email])).map((r) => r.subject as string);
const jobs = async () =>
  (await q("select body, extract(epoch from (not_before - created_at)) / 86400 as days from scheduled_jobs where destination like '%/api/jobs/billing-dunning' and body like $1 order by not_before", [`%${invoiceId}%`])).map((r) => ({
    step: JSON.parse(r.body).step as string,
    days: Math.round(Number(r.days)),
  }));

beforeAll(async () => {
  stripe = await startStripeStandIn({ secretKey: SECRET_KEY });
  app = createDb({ url: env().appUrl, max: 4 });
  deps = billingDeps(app.db, { url: stripe.url, secretKey: SECRET_KEY }, () => new Date(clock));
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

describe("dunning", () => {
  it("a failed payment mails the admins once and schedules the three steps once, however often Stripe retries", async () => {
    stripe.setStatus(subscriptionId, "past_due");
    await deliver(stripe.event("customer.subscription.updated", stripe.subscriptions.get(subscriptionId)!));
    const inv = stripe.invoiceFor(subscriptionId, "open");
    invoiceId = inv.id as string;
    await deliver(stripe.event("invoice.payment_failed", inv));
    await deliver(stripe.event("invoice.payment_failed", inv)); // Stripe's next attempt fails too
    expect(await jobs()).toEqual([
      { step: "reminder", days: 3 },
      { step: "last_call", days: 6 },
      { step: "read_only", days: 7 },
    ]);
  });

  it("each step mails once when due; the read-only notice waits for the grace to end", async () => {
    const before = (await mails()).length;
    clock += 3 * DAY + 60_000;
    expect(await runDunningStep(deps, { tenantId: t.id, invoiceId, step: "reminder" })).toBe("sent");
    expect(await runDunningStep(deps, { tenantId: t.id, invoiceId, step: "reminder" })).toBe("already_sent");
    expect(await runDunningStep(deps, { tenantId: t.id, invoiceId, step: "read_only" })).toBe("not_due");
    clock += 3 * DAY;
    expect(await runDunningStep(deps, { tenantId: t.id, invoiceId, step: "last_call" })).toBe("sent");
    clock += 2 * DAY;
    expect(await runDunningStep(deps, { tenantId: t.id, invoiceId, step: "last_call" })).toBe("already_sent");
    expect(await runDunningStep(deps, { tenantId: t.id, invoiceId, step: "read_only" })).toBe("sent");
    const sent = (await mails()).slice(before);
    expect(sent).toHaveLength(3);
    expect(sent[0]).toMatch(/^Lembrete: o pagamento/);
    expect(sent[1]).toMatch(/^Último aviso/);
    expect(sent[2]).toMatch(/^Sua conta está somente leitura/);
    // Tenant isolation: the job names its tenant; another tenant id sees no invoice and sends nothing.
    const other = await createTenant();
    expect(await runDunningStep(deps, { tenantId: other.id, invoiceId, step: "reminder" })).toBe("recovered");
  });

  it("past the grace the account is read-only with nothing deleted; the billing page (portal) stays the way back", async () => {
    const admin = await t.loginAs("admin");
    const during = `grace-${Date.now()}@example.com`;
    expect((await admin.trpc("mutation", "users.invite", { email: during, role: "agent" })).error).toBeNull();
    // The app server runs on the real clock: the grace is measured from past_due_since, so move it back.
    await q("update tenant_subscriptions set past_due_since = now() - interval '8 days' where tenant_id = $1", [t.id]);
    const users = (await q("select count(*)::int as n from users where tenant_id = $1", [t.id]))[0].n;
    const refused = await admin.trpc("mutation", "users.invite", { email: `after-${Date.now()}@example.com`, role: "agent" });
    expect(refused.error?.data?.code).toBe("PAYMENT_REQUIRED");
    expect(refused.error?.message).toMatch(/somente leitura/);
    // Every other change is refused too (not only quotas), before it runs; billing stays open.
    const team = await admin.trpc("mutation", "routing.saveTeam", { name: "Nova equipe", memberIds: [] });
    expect(team.error?.data?.code).toBe("PAYMENT_REQUIRED");
    expect(await q("select 1 from teams where tenant_id = $1 and name = 'Nova equipe'", [t.id])).toHaveLength(0);
    expect((await admin.trpc("mutation", "billing.setCancel", { cancel: true })).error?.data?.code).not.toBe("PAYMENT_REQUIRED");
    const status = await admin.trpc<{ access: { level: string; reason: string } }>("query", "billing.status");
    expect(status.data?.access).toMatchObject({ level: "read_only", reason: "grace_over" });
    // Nothing deleted, nothing added: the user invited during the grace is still there.
    expect((await q("select count(*)::int as n from users where tenant_id = $1", [t.id]))[0].n).toBe(users);
    expect(await q("select 1 from users where tenant_id = $1 and email = $2", [t.id, during])).toHaveLength(1);
  });

  it("paying the invoice stops the remaining steps", async () => {
    const paid = { ...stripe.invoices.get(invoiceId)!, status: "paid", amount_paid: 79900 };
    stripe.setStatus(subscriptionId, "active");
    await deliver(stripe.event("invoice.paid", paid));
    await deliver(stripe.event("customer.subscription.updated", stripe.subscriptions.get(subscriptionId)!));
    const before = (await mails()).length;
    expect(await runDunningStep(deps, { tenantId: t.id, invoiceId, step: "last_call" })).toBe("recovered");
    expect(await mails()).toHaveLength(before);
  });

  it("the job endpoint takes only QStash-signed calls", async () => {
    const body = JSON.stringify({ tenantId: t.id, invoiceId, step: "reminder" });
    const path = "/api/jobs/billing-dunning";
    const unsigned = await request(env().port, env().rootDomain, "POST", path, { headers: { "content-type": "application/json" }, body });
    expect(unsigned.status).toBe(401);
    const signature = await signQStashRequest({ url: `http://${env().rootDomain}${path}`, rawBody: body, signingKey: TEST_KEYS.qstashNext });
    const res = await request(env().port, env().rootDomain, "POST", path, { headers: { "content-type": "application/json", "upstash-signature": signature }, body });
    expect(res.status).toBe(200);
    expect(res.json()).toEqual({ outcome: "recovered" });
  });
});
