import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { signMetaBody, verifyMetaSignature } from "@vendaflow/connectors/whatsapp/verify-signature";
import { receiveWebhookOnce, type InboundWebhook } from "@vendaflow/core/webhooks/receive-once";
import { createDb, type Database } from "@vendaflow/db/create-db";
import { withTenant } from "@vendaflow/db/with-tenant";
import { closeOwner, createTenant, env, owner, uniq, type FixtureTenant } from "../support/fixtures";

// The shared verify-then-record helper every non-message webhook uses, on the app role (RLS on).
// A provider is simulated with an HMAC-signed JSON event carrying an account id that maps to a tenant.

const SECRET = "whsec_test_receipts";
const eventSchema = z.object({ id: z.string(), type: z.string(), account: z.string(), note: z.string().max(200) });

let app: { db: Database; close: () => Promise<void> };
let a: FixtureTenant;
let b: FixtureTenant;
const accounts = new Map<string, string>();
let handled: { tenantId: string; id: string }[] = [];
/** The next handle() throws: a plain error (fails for good) or one carrying a transient SQLSTATE. */
let failNext: false | "for-good" | "transient" = false;

const hook: InboundWebhook<typeof eventSchema> = {
  provider: "acmepay",
  verify: (raw, headers) => verifyMetaSignature(raw, headers.get("x-signature"), SECRET),
  schema: eventSchema,
  identify: (e) => ({ eventId: e.id, eventType: e.type }),
  tenantOf: async (e) => accounts.get(e.account) ?? null,
  async handle(tx, e, tenantId) {
    // A real effect in a tenant table, so a rollback is visible.
    await tx.insertInto("canned_responses").values({ tenant_id: tenantId, shortcut: uniq("wh"), title: e.type, body: e.id }).execute();
    if (failNext) {
      const kind = failNext;
      failNext = false;
      if (kind === "transient") throw Object.assign(new Error("could not serialize access"), { code: "40001" });
      throw new Error("downstream failed");
    }
    handled.push({ tenantId, id: e.id });
  },
};

const deliver = (event: Record<string, unknown>, opts: { secret?: string; raw?: string } = {}) => {
  const rawBody = opts.raw ?? JSON.stringify(event);
  return receiveWebhookOnce(app.db, hook, { rawBody, headers: new Headers({ "x-signature": signMetaBody(rawBody, opts.secret ?? SECRET) }) });
};
const receipts = async (eventId: string) =>
  (await owner().query("select tenant_id from webhook_receipts where provider = 'acmepay' and provider_event_id = $1 order by tenant_id", [eventId])).rows.map((r) => r.tenant_id as string);
const effects = async (eventId: string) => (await owner().query<{ n: number }>("select count(*)::int as n from canned_responses where body = $1", [eventId])).rows[0]!.n;

beforeAll(async () => {
  app = createDb({ url: env().appUrl, max: 5 });
  a = await createTenant();
  b = await createTenant();
  accounts.set("acct_a", a.id).set("acct_b", b.id);
});
afterAll(async () => {
  await app?.close();
  await closeOwner();
});

describe("receiveWebhookOnce", () => {
  it("processes a verified event once; a repeated delivery changes nothing", async () => {
    handled = [];
    const ev = { id: uniq("evt"), type: "invoice.paid", account: "acct_a", note: "" };
    expect(await deliver(ev)).toEqual({ status: "processed", tenantId: a.id });
    expect(await deliver(ev)).toEqual({ status: "duplicate", tenantId: a.id });
    expect(handled).toEqual([{ tenantId: a.id, id: ev.id }]);
    expect(await receipts(ev.id)).toEqual([a.id]);
    expect(await effects(ev.id)).toBe(1);
  });

  it("a bad signature or a bad body records nothing and runs nothing", async () => {
    handled = [];
    const ev = { id: uniq("evt"), type: "invoice.paid", account: "acct_a", note: "" };
    expect(await deliver(ev, { secret: "someone-else" })).toEqual({ status: "invalid_signature" });
    expect(await deliver(ev, { raw: "{not json" })).toMatchObject({ status: "invalid_payload" });
    const missing = await deliver({ id: ev.id, account: "acct_a" });
    expect(missing.status).toBe("invalid_payload");
    expect(missing.status === "invalid_payload" && missing.issues.map((i) => i.path.join("."))).toEqual(expect.arrayContaining(["type", "note"]));
    // Ids Postgres would refuse or truncate are refused before any SQL runs.
    expect(await deliver({ ...ev, id: `evt_${"x".repeat(300)}` })).toMatchObject({ status: "invalid_payload" });
    expect(await deliver({ ...ev, id: "evt_\u0000nul" })).toMatchObject({ status: "invalid_payload" });
    expect(handled).toEqual([]);
    expect(await receipts(ev.id)).toEqual([]);
  });

  it("an event no tenant owns is acknowledged and recorded nowhere", async () => {
    const ev = { id: uniq("evt"), type: "product.updated", account: "acct_unknown", note: "" };
    expect(await deliver(ev)).toEqual({ status: "unrouted" });
    expect(await receipts(ev.id)).toEqual([]);
  });

  it("a transient database failure rolls back receipt and effects, so the provider's retry is processed", async () => {
    handled = [];
    const ev = { id: uniq("evt"), type: "invoice.paid", account: "acct_b", note: "" };
    failNext = "transient";
    await expect(deliver(ev)).rejects.toThrow("could not serialize");
    expect(await receipts(ev.id)).toEqual([]);
    expect(await effects(ev.id)).toBe(0);
    expect(await deliver(ev)).toEqual({ status: "processed", tenantId: b.id });
    expect(handled).toEqual([{ tenantId: b.id, id: ev.id }]);
    expect(await effects(ev.id)).toBe(1);
  });

  it("a handler that fails for good rolls its effects back and is kept as a failed receipt with the reason (200, no retry storm)", async () => {
    handled = [];
    const ev = { id: uniq("evt"), type: "invoice.paid", account: "acct_b", note: "" };
    failNext = "for-good";
    expect(await deliver(ev)).toEqual({ status: "failed", tenantId: b.id, reason: "downstream failed" });
    expect(await effects(ev.id)).toBe(0);
    const { rows } = await owner().query("select status, error from webhook_receipts where provider = 'acmepay' and provider_event_id = $1", [ev.id]);
    expect(rows).toEqual([{ status: "failed", error: "downstream failed" }]);
    // The provider's retry of the same event changes nothing.
    expect(await deliver(ev)).toEqual({ status: "duplicate", tenantId: b.id });
    expect(await effects(ev.id)).toBe(0);
    expect(handled).toEqual([]);
  });

  it("concurrent deliveries of one event run its effects once", async () => {
    handled = [];
    const ev = { id: uniq("evt"), type: "invoice.paid", account: "acct_a", note: "" };
    const outcomes = await Promise.all(Array.from({ length: 5 }, () => deliver(ev)));
    expect(outcomes.filter((o) => o.status === "processed")).toHaveLength(1);
    expect(outcomes.filter((o) => o.status === "duplicate")).toHaveLength(4);
    expect(handled).toHaveLength(1);
    expect(await effects(ev.id)).toBe(1);
  });

  it("receipts are per tenant: the same event id in two tenants is two events, and neither sees the other's", async () => {
    const id = uniq("evt");
    expect(await deliver({ id, type: "invoice.paid", account: "acct_a", note: "" })).toMatchObject({ status: "processed" });
    expect(await deliver({ id, type: "invoice.paid", account: "acct_b", note: "" })).toMatchObject({ status: "processed" });
    expect(await receipts(id)).toEqual([a.id, b.id].sort());
    const seenByA = await withTenant(app.db, a.id, (tx) => tx.selectFrom("webhook_receipts").select("tenant_id").where("provider_event_id", "=", id).execute());
    expect(seenByA).toEqual([{ tenant_id: a.id }]);
    const none = await sql<{ n: number }>`select count(*)::int as n from webhook_receipts`.execute(app.db);
    expect(none.rows[0]!.n).toBe(0);
  });
});
