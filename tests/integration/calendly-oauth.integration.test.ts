import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAppServer } from "../support/app-server";
import { closeOwner, createTenant, owner, type FixtureTenant } from "../support/fixtures";
import { request } from "../support/http";
import type { NextServer } from "../support/next-server";
import { startCalendlyStandIn, type CalendlyStandIn } from "../stand-ins/calendly";
import { signedInClients } from "../support/sessions";

// Calendly by OAuth 2.0 end to end: the app (its own instance, pointed at the Calendly stand-in's
// API and authorization server) sends the admin to /oauth/authorize with a signed state, the
// browser comes back to the root host's callback, goes on to the tenant's host, and the same admin
// session exchanges the code; the connection works like one made with a token, and an expired
// access token is refreshed (once, even when two calls find it expired together).

let app: NextServer & { rootDomain: string };
let calendly: CalendlyStandIn;
let c: FixtureTenant;
let d: FixtureTenant;
const as = signedInClients(() => app);
const CALLBACK = "/api/calendar/calendly/callback";

beforeAll(async () => {
  calendly = await startCalendlyStandIn();
  app = await startAppServer({ CALENDLY_API_BASE: calendly.url, CALENDLY_AUTH_BASE: calendly.url, CALENDLY_CLIENT_ID: calendly.oauth.clientId, CALENDLY_CLIENT_SECRET: calendly.oauth.clientSecret });
  c = await createTenant();
  d = await createTenant();
});
afterAll(async () => {
  await app?.stop();
  await calendly?.close();
  await closeOwner();
});

const connection = async (t: FixtureTenant) => (await owner().query("select * from calendar_connections where tenant_id = $1 and provider = 'calendly'", [t.id])).rows[0];

/** Step 1 and 2: the admin's authorization URL, and where Calendly's consent sends the browser (the root callback). */
async function consent(t: FixtureTenant, role: "admin" | "agent" = "admin") {
  const started = await (await as(t, role)).trpc<{ url: string }>("mutation", "scheduling.calendlyOAuthStart");
  expect(started.error).toBeNull();
  const res = await fetch(started.data.url, { redirect: "manual" });
  expect(res.status).toBe(302);
  const back = new URL(res.headers.get("location")!);
  return { authorize: new URL(started.data.url), back };
}

/** Step 3 on the root host: forwarded to the tenant's host named by the state. */
async function viaRoot(back: URL) {
  const res = await request(app.port, app.rootDomain, "GET", back.pathname + back.search);
  return { status: res.status, location: res.headers.location ?? "" };
}

/** The callback on a tenant's host with that tenant's signed-in client (or none). */
async function onTenant(t: FixtureTenant, back: URL, role: "admin" | "agent" | null = "admin") {
  const path = back.pathname + back.search;
  const res = role ? await (await as(t, role)).send("GET", path) : await request(app.port, `${t.slug}.${app.rootDomain}`, "GET", path);
  return { status: res.status, location: res.headers.location ?? "" };
}

describe("Calendly by OAuth", () => {
  it("the admin is sent to /oauth/authorize with the app's client id, the root redirect URI and a signed state; agents cannot start", async () => {
    expect((await (await as(c)).trpc<{ calendlyOAuth: boolean }>("query", "scheduling.options")).data).toEqual({ calendlyOAuth: true });
    const { authorize, back } = await consent(c);
    expect(authorize.origin + authorize.pathname).toBe(`${calendly.url}/oauth/authorize`);
    expect(Object.fromEntries(authorize.searchParams)).toMatchObject({ client_id: calendly.oauth.clientId, response_type: "code", redirect_uri: `http://${app.rootDomain}${CALLBACK}` });
    expect(authorize.searchParams.get("state")).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    expect(back.searchParams.get("state")).toBe(authorize.searchParams.get("state"));
    expect((await (await as(c, "agent")).trpc("mutation", "scheduling.calendlyOAuthStart")).error?.data.code).toBe("FORBIDDEN");
  });

  it("refused: a tampered state (400 at the root), another tenant's host, another user's session, no session, a denied consent — nothing stored", async () => {
    // Tampered: the root host cannot tell the tenant, and says so.
    const { back } = await consent(c);
    const forged = new URL(back);
    const state = forged.searchParams.get("state")!;
    forged.searchParams.set("state", `${state.slice(0, -2)}${state.endsWith("AA") ? "BB" : "AA"}`);
    expect((await viaRoot(forged)).status).toBe(400);
    expect((await onTenant(c, forged)).status).toBe(400);
    // Root → C's host, but presented on D's host by D's admin: the state names C.
    expect((await viaRoot(back)).location).toBe(`http://${c.slug}.${app.rootDomain}${back.pathname}${back.search}`);
    expect((await onTenant(d, back)).location).toBe(`http://${d.slug}.${app.rootDomain}/calendar?calendly=outra-sessao`);
    // C's agent (another user and session than the admin who asked).
    const second = (await consent(c)).back;
    expect((await onTenant(c, second, "agent")).location).toBe(`http://${c.slug}.${app.rootDomain}/calendar?calendly=outra-sessao`);
    // No session at all.
    expect((await onTenant(c, (await consent(c)).back, null)).location).toBe(`http://${c.slug}.${app.rootDomain}/calendar?calendly=sessao`);
    // The admin said no on Calendly's page.
    const denied = new URL(back);
    denied.searchParams.delete("code");
    denied.searchParams.set("error", "access_denied");
    expect((await onTenant(c, denied)).location).toBe(`http://${c.slug}.${app.rootDomain}/calendar?calendly=negado`);
    expect(await connection(c)).toBeUndefined();
    expect(await connection(d)).toBeUndefined();
    expect(calendly.oauth.grants).toEqual([]);
    expect(calendly.subscriptions.size).toBe(0);
  });

  it("the same admin session: code exchanged (HTTP Basic), webhook subscribed, tokens stored encrypted; the page says so", async () => {
    const { back } = await consent(c);
    const done = await onTenant(c, back);
    expect(done).toEqual({ status: 302, location: `http://${c.slug}.${app.rootDomain}/calendar?calendly=conectado` });
    expect(calendly.oauth.grants).toEqual([{ grantType: "authorization_code", status: 200 }]);
    const row = await connection(c);
    expect(row).toMatchObject({ account_ref: calendly.userUri, organization_ref: calendly.orgUri, is_active: true });
    const [access] = [...calendly.oauth.accessTokens];
    const [refresh] = [...calendly.oauth.refreshTokens];
    expect(row.credentials_encrypted).not.toContain(access);
    expect(row.credentials_encrypted).not.toContain(refresh);
    expect([...calendly.subscriptions.values()][0]).toMatchObject({ url: `http://${app.rootDomain}/api/webhooks/calendly/${row.webhook_key}`, scope: "user" });
    const list = await (await as(c)).trpc<{ provider: string; auth: string }[]>("query", "scheduling.connections");
    expect(list.data).toEqual([expect.objectContaining({ provider: "calendly", auth: "oauth" })]);
    expect(JSON.stringify(list.data)).not.toContain(access!);
    const audit = (await owner().query("select after from audit_logs where tenant_id = $1 and action = 'calendar.connect'", [c.id])).rows;
    expect(audit).toEqual([{ after: expect.objectContaining({ provider: "calendly", via: "oauth" }) }]);
    // The page shows the outcome.
    const page = await (await as(c)).send("GET", "/calendar?calendly=conectado");
    expect(page.status).toBe(200);
    expect(page.text).toContain("Calendly conectado.");
    // A code is good once: the same callback again is refused by Calendly and changes nothing.
    expect((await onTenant(c, back)).location).toBe(`http://${c.slug}.${app.rootDomain}/calendar?calendly=recusado`);
    expect((await connection(c)).credentials_encrypted).toBe(row.credentials_encrypted);
  });

  it("an expired access token is refreshed once (single-use refresh token, two calls at once), stored encrypted, and the call succeeds", async () => {
    const admin = await as(c);
    const before = (await connection(c)).credentials_encrypted;
    calendly.oauth.expireAccessTokens();
    const [one, two] = await Promise.all([admin.trpc<{ ref: string }[]>("query", "scheduling.eventTypes", { provider: "calendly" }), admin.trpc<{ ref: string }[]>("query", "scheduling.eventTypes", { provider: "calendly" })]);
    expect(one.error).toBeNull();
    expect(two.error).toBeNull();
    expect(one.data.map((e) => e.ref)).toEqual(calendly.eventTypes.map((e) => e.uri));
    expect(calendly.oauth.grants.filter((g) => g.grantType === "refresh_token")).toEqual([{ grantType: "refresh_token", status: 200 }]);
    const after = (await connection(c)).credentials_encrypted;
    expect(after).not.toBe(before);
    expect(after).not.toContain([...calendly.oauth.accessTokens][0]);
    // Fresh now: no further refresh.
    expect((await admin.trpc("mutation", "scheduling.pickEventType", { provider: "calendly", eventTypeRef: calendly.eventTypes[0]!.uri })).error).toBeNull();
    expect(calendly.oauth.grants.filter((g) => g.grantType === "refresh_token")).toHaveLength(1);
  });

  it("a revoked grant (refresh refused): the admin is told to connect again; nothing else changes", async () => {
    calendly.oauth.expireAccessTokens();
    calendly.oauth.refreshTokens.clear();
    const r = await (await as(c)).trpc("query", "scheduling.eventTypes", { provider: "calendly" });
    expect(r.error?.data.code).toBe("BAD_REQUEST");
    expect(r.error?.message).toMatch(/recusou/);
    expect(calendly.oauth.grants.at(-1)).toEqual({ grantType: "refresh_token", status: 400 });
    expect(await connection(c)).toMatchObject({ is_active: true });
  });
});
