import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { memoryStore } from "@vendaflow/connectors/upstash/memory-store";
import { createApiKey } from "@vendaflow/core/api-keys/keys";
import { gateCache, invalidateBillingGate } from "@vendaflow/core/billing/quota-gate";
import { assertPlanRateLimit, planRateLimits } from "@vendaflow/core/rate-limit/plan-limits";
import { RATE_LIMIT_POLICIES } from "@vendaflow/core/rate-limit/policies";
import { createDb } from "@vendaflow/db/create-db";
import { withTenant } from "@vendaflow/db/with-tenant";
import { closeOwner, createTenant, env, owner, uniq, type FixtureTenant } from "../support/fixtures";
import { request, type HttpResponse } from "../support/http";
import { WidgetClient } from "../support/widget-client";

const SITE = "http://site.example";
// A plan with small limits so each edge is a few requests away (inactive: no catalog lists it).
const LIMITS = { apiKey: 4, user: 5, visitor: 3, inbox: 5 };
let tenant: FixtureTenant;
let publicKey: string;
let planCode: string;

beforeAll(async () => {
  planCode = uniq("rl").replace(/-/g, "_");
  await owner().query(
    `insert into plans (code, name, price_monthly_cents, price_yearly_cents, is_active, rate_api_key_per_minute, rate_user_per_minute, rate_widget_visitor_per_minute, rate_widget_inbox_per_minute)
     values ($1, 'Limites de teste', 0, 0, false, $2, $3, $4, $5)`,
    [planCode, LIMITS.apiKey, LIMITS.user, LIMITS.visitor, LIMITS.inbox],
  );
  tenant = await createTenant();
  // Before the app first reads the tenant's plan: it keeps it in its cache (a subscription written
  // by Stripe's webhook or checkout drops that cache; this SQL insert would not).
  await owner().query("insert into tenant_subscriptions (tenant_id, plan_id, status) select $1, id, 'active' from plans where code = $2", [tenant.id, planCode]);
  const admin = await tenant.loginAs("admin");
  const created = await admin.trpc<{ inbox: { publicKey: string } }>("mutation", "inboxes.create", { channel: "web", name: "Site", settings: { allowedOrigins: [SITE], schedulingUrl: "", templates: {} } });
  expect(created.error).toBeNull();
  publicKey = created.data.inbox.publicKey;
});
afterAll(async () => {
  await owner().query("delete from tenant_subscriptions where tenant_id = $1", [tenant.id]);
  await owner().query("delete from plans where code = $1", [planCode]);
  await closeOwner();
});

/** A 429 names its policy's limit, nothing left, the reset and Retry-After in seconds. */
function expectLimited(res: HttpResponse, limit: number, windowSeconds: number) {
  expect(res.status).toBe(429);
  expect(res.headers["ratelimit-limit"]).toBe(String(limit));
  expect(res.headers["ratelimit-remaining"]).toBe("0");
  expect(res.headers["ratelimit-policy"]).toBe(`${limit};w=${windowSeconds}`);
  const retry = Number(res.headers["retry-after"]);
  expect(retry).toBeGreaterThan(0);
  expect(retry).toBeLessThanOrEqual(windowSeconds);
  expect(res.headers["ratelimit-reset"]).toBe(String(retry));
}

async function consentedVisitor() {
  const w = new WidgetClient(env().port, env().rootDomain, SITE);
  expect((await w.start(publicKey)).status).toBe(200);
  expect((await w.consent()).status).toBe(200);
  return w;
}

describe("rate limits by plan (named policies, 429 with Retry-After and RateLimit-*)", () => {
  it("widget per visitor: the plan's limit, counted down in the headers, then 429", async () => {
    const w = await consentedVisitor();
    for (let i = 1; i <= LIMITS.visitor; i++) {
      const ok = await w.send({ text: `mensagem ${i}` });
      expect(ok.status).toBe(200);
      expect(ok.headers["ratelimit-limit"]).toBe(String(LIMITS.visitor));
      expect(ok.headers["ratelimit-remaining"]).toBe(String(LIMITS.visitor - i));
    }
    expectLimited(await w.send({ text: "uma a mais" }), LIMITS.visitor, 60);
  });

  it("widget per inbox: every visitor of the inbox together, then 429 for a fresh visitor too", async () => {
    // The first test's visitor took 3 of the inbox's 5 (its refused 4th stopped at the visitor policy).
    const sentBefore = LIMITS.visitor;
    const b = await consentedVisitor();
    for (let i = sentBefore; i < LIMITS.inbox; i++) expect((await b.send({ text: `b ${i}` })).status).toBe(200);
    const c = await consentedVisitor();
    expectLimited(await c.send({ text: "caixa cheia" }), LIMITS.inbox, 60);
  });

  it("tRPC per user: the plan's limit per signed-in user; another user of the tenant is unaffected", async () => {
    const agent = await tenant.loginAs("agent");
    for (let i = 0; i < LIMITS.user; i++) expect((await agent.send("GET", "/api/trpc/agent.notifications")).status).toBe(200);
    const refused = await agent.send("GET", "/api/trpc/agent.notifications");
    expectLimited(refused, LIMITS.user, 60);
    expect(refused.json<{ error: { json: { data: { code: string } } } }>().error.json.data.code).toBe("TOO_MANY_REQUESTS");
    const viewer = await tenant.loginAs("viewer");
    expect((await viewer.send("GET", "/api/trpc/agent.notifications")).status).toBe(200);
  });

  it("login per account: 5 tries in 15 min, the 6th is 429 carrying Auth.js's redirect", async () => {
    const t = await createTenant();
    const email = t.users.agent.email;
    const tryLogin = async () => {
      const c = t.client();
      const csrf = (await c.send("GET", "/api/auth/csrf")).json<{ csrfToken: string }>().csrfToken;
      return c.send("POST", "/api/auth/callback/credentials", { headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams({ email, password: "wrong-password", csrfToken: csrf, callbackUrl: "/" }).toString() });
    };
    const { limit, windowMs } = RATE_LIMIT_POLICIES["login:email"];
    for (let i = 0; i < limit; i++) {
      const res = await tryLogin();
      expect(res.status).toBe(302);
      expect(String(res.headers.location)).toContain("code=invalid_credentials");
    }
    const refused = await tryLogin();
    expectLimited(refused, limit, windowMs / 1000);
    expect(String(refused.headers.location)).toContain("code=rate_limited");
  });

  it("login per IP: 20 tries from one address whatever the accounts, then 429", async () => {
    const t = await createTenant();
    const ip = `203.0.113.${Math.floor(Math.random() * 250) + 1}`;
    const { limit, windowMs } = RATE_LIMIT_POLICIES["login:ip"];
    let last: HttpResponse | null = null;
    for (let i = 0; i <= limit; i++) {
      const c = t.client();
      c.ip = ip;
      const csrf = (await c.send("GET", "/api/auth/csrf")).json<{ csrfToken: string }>().csrfToken;
      last = await c.send("POST", "/api/auth/callback/credentials", { headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams({ email: `ninguem-${i}@${t.slug}.test`, password: "x-wrong-password", csrfToken: csrf, callbackUrl: "/" }).toString() });
      if (i < limit) expect(last.status).toBe(302);
    }
    expectLimited(last!, limit, windowMs / 1000);
  });

  it("API keys: the plan's per-key limit (the policy devplat's key auth calls), the unbilled default without a plan", async () => {
    const { db, close } = createDb({ url: env().appUrl, max: 1 });
    try {
      const store = memoryStore(() => 1_000_000);
      const now = new Date(1_000_000);
      const key = randomUUID();
      await withTenant(db, tenant.id, async (tx) => {
        expect((await planRateLimits(tx, store, tenant.id, now)).apiKey).toBe(LIMITS.apiKey);
        for (let i = 1; i <= LIMITS.apiKey; i++) expect((await assertPlanRateLimit(tx, store, tenant.id, "apiKey", key, now))?.remaining).toBe(LIMITS.apiKey - i);
        await expect(assertPlanRateLimit(tx, store, tenant.id, "apiKey", key, now)).rejects.toMatchObject({ code: "TOO_MANY_REQUESTS", details: { policy: "apiKey", limit: LIMITS.apiKey, remaining: 0, retryAfterSeconds: 60 } });
      });
      // The plan was read once (the quota gate's cached plan), not on every call; a plan edit counts after the billing signal.
      expect(gateCache(store).loads).toBe(1);
      await owner().query("update plans set rate_api_key_per_minute = $2 where code = $1", [planCode, LIMITS.apiKey + 10]);
      const hit = () => withTenant(db, tenant.id, (tx) => assertPlanRateLimit(tx, store, tenant.id, "apiKey", key, now));
      await expect(hit()).rejects.toMatchObject({ details: { limit: LIMITS.apiKey } });
      await invalidateBillingGate(store);
      expect(await hit()).toMatchObject({ limit: LIMITS.apiKey + 10, remaining: 10 - 3 });
      expect(gateCache(store).loads).toBe(2);
      await owner().query("update plans set rate_api_key_per_minute = $2 where code = $1", [planCode, LIMITS.apiKey]);
      const unbilled = await createTenant();
      await withTenant(db, unbilled.id, async (tx) => expect((await planRateLimits(tx, store, unbilled.id, now)).apiKey).toBe(RATE_LIMIT_POLICIES.apiKey.limit));
    } finally {
      await close();
    }
  });

  it("API keys over HTTP: key auth counts each call against the plan's per-key limit, then 429 with Retry-After", async () => {
    // A key of its own admin (made here, not through tRPC), so no other test's per-user counter is shared.
    const email = `${uniq("chave")}@${tenant.slug}.test`;
    const userId = (await owner().query<{ id: string }>("insert into users (tenant_id, email, name, role, password_hash, email_verified_at) values ($1, $2, 'Integração', 'admin', 'x', now()) returning id", [tenant.id, email])).rows[0]!.id;
    const { db, close } = createDb({ url: env().appUrl, max: 1 });
    let key: string;
    try {
      ({ key } = await withTenant(db, tenant.id, (tx) => createApiKey(tx, tenant.id, userId, { name: "Limite", scopes: ["leads:read"] }, { actorUserId: userId })));
    } finally {
      await close();
    }
    const call = () => request(env().port, tenant.host, "GET", `/api/trpc/crm.leads.list?input=${encodeURIComponent(JSON.stringify({ json: {} }))}`, { headers: { authorization: `Bearer ${key}` } });
    for (let i = 1; i <= LIMITS.apiKey; i++) expect((await call()).status).toBe(200);
    const refused = await call();
    expectLimited(refused, LIMITS.apiKey, RATE_LIMIT_POLICIES.apiKey.windowMs / 1000);
  });
});
