import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stripePayments } from "@vendaflow/connectors/stripe/stripe-payments";
import { memoryStore } from "@vendaflow/connectors/upstash/memory-store";
import { syncCatalog } from "@vendaflow/core/billing/catalog-sync";
import { billingPeriod, usageCounterKey } from "@vendaflow/core/billing/period";
import { reportUsage } from "@vendaflow/core/billing/usage-report";
import { applyDeliveryStatus } from "@vendaflow/core/conversations/delivery-status";
import { createDb, type Database } from "@vendaflow/db/create-db";
import { closeOwner, createTenant, env, owner, seedConversationRows, uniq, type FixtureTenant } from "../support/fixtures";
import { startStripeStandIn, type StripeStandIn } from "../stand-ins/stripe";

// Issue 11 item 4: an outbound WhatsApp message Meta bills is usage on the meter of its category,
// recorded in the status's transaction (once per message), counted in Redis and reported to Stripe.

const SECRET_KEY = "sk_test_whatsapp_meter";
let stripe: StripeStandIn;
let app: { db: Database; close: () => Promise<void> };
let payments: ReturnType<typeof stripePayments>;
let a: FixtureTenant;
let b: FixtureTenant;
const counters = memoryStore();
const q = async (sql: string, params: unknown[]) => (await owner().query(sql, params)).rows;

/** An outbound WhatsApp message of `tenantId` with a wamid, as delivery sent it. */
async function outbound(tenantId: string) {
  const wamid = `wamid.${uniq("m")}`;
  const [conv] = await q("select c.id, c.inbox_id from conversations c where c.tenant_id = $1 limit 1", [tenantId]);
  await q("insert into messages (tenant_id, conversation_id, sender, text, provider_message_id, delivery_status) values ($1, $2, 'bot', 'x', $3, 'pending')", [tenantId, conv.id, wamid]);
  return { wamid, inboxId: conv.inbox_id as string };
}
const pricing = (category: string, billable = true) => ({ billable, pricing_model: "PMP", category }) as never;
const ledger = (tenantId: string) => q("select meter, quantity, source_id from usage_events where tenant_id = $1 and meter like 'whatsapp_%' order by meter, source_id", [tenantId]);

beforeAll(async () => {
  stripe = await startStripeStandIn({ secretKey: SECRET_KEY });
  app = createDb({ url: env().appUrl, max: 2 });
  payments = stripePayments({ secretKey: SECRET_KEY, apiBase: stripe.url });
  await syncCatalog({ db: app.db, payments });
  a = await createTenant();
  b = await createTenant();
  await seedConversationRows(a.id);
  await seedConversationRows(b.id);
});
afterAll(async () => {
  await app?.close();
  await stripe?.close();
  await closeOwner();
});

describe("WhatsApp cost meter", () => {
  it("records a billable message once on its category's meter, in the status's transaction; free ones and other tenants are untouched", async () => {
    const deps = { db: app.db, counters };
    const util = await outbound(a.id);
    const at = new Date();
    expect(await applyDeliveryStatus(deps, a.id, util.inboxId, { wamid: util.wamid, status: "sent", at, pricing: pricing("utility") })).toBe("applied");
    // Later statuses of the same message (and a repeated one) carry the same pricing: no second count.
    await applyDeliveryStatus(deps, a.id, util.inboxId, { wamid: util.wamid, status: "delivered", at, pricing: pricing("utility") });
    await applyDeliveryStatus(deps, a.id, util.inboxId, { wamid: util.wamid, status: "delivered", at, pricing: pricing("utility") });
    const free = await outbound(a.id);
    await applyDeliveryStatus(deps, a.id, free.inboxId, { wamid: free.wamid, status: "sent", at, pricing: pricing("service", false) });
    const mkt = await outbound(a.id);
    await applyDeliveryStatus(deps, a.id, mkt.inboxId, { wamid: mkt.wamid, status: "delivered", at, pricing: pricing("marketing") });
    const novel = await outbound(a.id);
    await applyDeliveryStatus(deps, a.id, novel.inboxId, { wamid: novel.wamid, status: "sent", at, pricing: pricing("marketing_lite") });
    // No pricing on the status: nothing billed.
    const plain = await outbound(a.id);
    await applyDeliveryStatus(deps, a.id, plain.inboxId, { wamid: plain.wamid, status: "sent", at });

    expect(await ledger(a.id)).toEqual(
      [
        { meter: "whatsapp_marketing", quantity: 1, source_id: `wamid:${mkt.wamid}` },
        { meter: "whatsapp_other", quantity: 1, source_id: `wamid:${novel.wamid}` },
        { meter: "whatsapp_utility", quantity: 1, source_id: `wamid:${util.wamid}` },
      ],
    );
    const period = billingPeriod(at);
    const totals = await q("select meter, quantity::int as n from usage_totals where tenant_id = $1 and meter like 'whatsapp_%' order by meter", [a.id]);
    expect(totals).toEqual([{ meter: "whatsapp_marketing", n: 1 }, { meter: "whatsapp_other", n: 1 }, { meter: "whatsapp_utility", n: 1 }]);
    expect(await counters.read(usageCounterKey(a.id, "whatsapp_utility", period))).toBe(1);
    expect(await counters.read(usageCounterKey(a.id, "whatsapp_service", period))).toBe(0);
    // A status naming A's wamid routed to tenant B finds no message there (RLS) and bills nothing.
    const bInbox = (await q("select id from inboxes where tenant_id = $1 limit 1", [b.id]))[0].id as string;
    const other = await outbound(a.id);
    expect(await applyDeliveryStatus(deps, b.id, bInbox, { wamid: other.wamid, status: "sent", at, pricing: pricing("utility") })).toBe("ignored");
    expect(await ledger(b.id)).toEqual([]);
  });

  it("is reported to the category's Stripe billing meter by the usage job, once", async () => {
    const customerId = await payments.createCustomer({ tenantId: a.id, name: "a", email: null });
    await q(
      "insert into tenant_subscriptions (tenant_id, plan_id, status, stripe_customer_id) select $1, id, 'active', $2 from plans where code = 'growth' on conflict (tenant_id) do update set stripe_customer_id = excluded.stripe_customer_id",
      [a.id, customerId],
    );
    const deps = { db: app.db, payments, now: () => new Date() };
    expect(await reportUsage(deps, { tenantId: a.id })).toMatchObject({ claimed: 3, failed: 0 });
    expect(await reportUsage(deps, { tenantId: a.id })).toMatchObject({ claimed: 0, sent: 0 });
    expect(stripe.meterTotal("vf_whatsapp_utility", customerId)).toBe(1);
    expect(stripe.meterTotal("vf_whatsapp_marketing", customerId)).toBe(1);
    expect(stripe.meterTotal("vf_whatsapp_other", customerId)).toBe(1);
  });
});
