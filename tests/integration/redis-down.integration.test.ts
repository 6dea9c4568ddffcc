import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAppServer } from "../support/app-server";
import { closeOwner, createTenant, owner, type FixtureTenant } from "../support/fixtures";
import { Client, request } from "../support/http";
import type { NextServer } from "../support/next-server";
import { signedInClients } from "../support/sessions";
import { WidgetClient } from "../support/widget-client";
import { startUpstashRestBridge } from "../stand-ins/upstash-rest";

// Redis (Upstash) down, issue 13 fault 5: an app instance whose KV store is the Upstash REST bridge
// over the machine's Redis; the bridge then resets every connection, as an unreachable Redis does.
// The documented policy (docs/scaling.md "Faults"): leads, signed-in users and API keys go on;
// sign-in fails closed with 503; nothing crashes; all is back when Redis is.

const SITE = "http://site.example";
const TOKEN = "redis-down-token";
let bridge: Awaited<ReturnType<typeof startUpstashRestBridge>>;
let app: NextServer & { rootDomain: string };
let t: FixtureTenant;
let publicKey: string;
let apiKey: string;
const as = signedInClients(() => app);

beforeAll(async () => {
  bridge = await startUpstashRestBridge({ redisUrl: process.env.REDIS_URL ?? "redis://127.0.0.1:6379", token: TOKEN });
  app = await startAppServer({ UPSTASH_REDIS_REST_URL: bridge.url, UPSTASH_REDIS_REST_TOKEN: TOKEN });
  t = await createTenant();
  const admin = await as(t);
  const inbox = await admin.trpc<{ inbox: { publicKey: string } }>("mutation", "inboxes.create", { channel: "web", name: "Site", settings: { allowedOrigins: [SITE], schedulingUrl: "", templates: {} } });
  expect(inbox.error).toBeNull();
  publicKey = inbox.data.inbox.publicKey;
  const key = await admin.trpc<{ key: string }>("mutation", "apiKeys.create", { name: "Integração", scopes: ["leads:read"] });
  expect(key.error).toBeNull();
  apiKey = key.data.key;
});
afterAll(async () => {
  bridge?.setDown(false);
  await app?.stop();
  await bridge?.close();
  await closeOwner();
});

/** Sign-in as the login form does it; the status and the error code Auth.js put in the redirect. */
async function signIn(role: "admin" | "agent") {
  const c = new Client(app.port, `${t.slug}.${app.rootDomain}`);
  const csrf = (await c.send("GET", "/api/auth/csrf")).json<{ csrfToken: string }>().csrfToken;
  const body = new URLSearchParams({ email: t.users[role].email, password: t.users[role].password, csrfToken: csrf, callbackUrl: "/" }).toString();
  const res = await c.send("POST", "/api/auth/callback/credentials", { headers: { "content-type": "application/x-www-form-urlencoded" }, body });
  const location = String(res.headers.location ?? "");
  return { status: res.status, code: new URL(location, "http://x").searchParams.get("code"), signedIn: c.sessionToken() !== null, retryAfter: res.headers["retry-after"] };
}

const apiCall = () =>
  request(app.port, `${t.slug}.${app.rootDomain}`, "GET", `/api/trpc/crm.leads.list?input=${encodeURIComponent(JSON.stringify({ json: {} }))}`, { headers: { authorization: `Bearer ${apiKey}` } });

describe("Redis down", () => {
  it("leads get bot replies, signed-in users and API keys work, sign-in answers 503; all back once Redis is", async () => {
    const admin = await as(t);
    expect((await apiCall()).status).toBe(200);

    bridge.setDown(true);
    const health = await request(app.port, app.rootDomain, "GET", "/api/health");
    expect(health.status).toBe(200);
    expect(health.json()).toMatchObject({ status: "ok", database: "ok", kv: { kind: "upstash", status: "down" } });

    // A lead on the widget: started, consented, answered by the bot, and the message stored.
    const w = new WidgetClient(app.port, app.rootDomain, SITE);
    expect((await w.start(publicKey)).status).toBe(200);
    expect((await w.consent()).status).toBe(200);
    const sent = await w.send({ text: "Olá, quero saber dos planos" });
    expect(sent.status).toBe(200);
    expect(sent.headers["ratelimit-limit"]).toBeUndefined(); // let through uncounted
    const replies = await w.waitForReply(0);
    expect(replies.filter((m) => m.sender === "bot").length).toBeGreaterThan(0);
    const stored = await owner().query("select 1 from messages m join conversations c on c.id = m.conversation_id where c.tenant_id = $1 and m.sender = 'lead' and m.text = 'Olá, quero saber dos planos'", [t.id]);
    expect(stored.rowCount).toBe(1);

    // A signed-in agent's dashboard calls go on (their per-user limit fails open), without the headers of a count.
    const list = await admin.trpc<{ items: unknown[] }>("query", "conversations.list", {});
    expect(list.status).toBe(200);
    expect(list.error).toBeNull();
    // An API key's calls too.
    expect((await apiCall()).status).toBe(200);

    // Sign-in cannot count its brute-force limits: refused with 503 and a code the form explains; no session.
    const refused = await signIn("agent");
    expect(refused).toMatchObject({ status: 503, code: "unavailable", signedIn: false, retryAfter: "30" });

    // Redis back: after the breaker's second, sign-in works and counts again.
    bridge.setDown(false);
    await new Promise((r) => setTimeout(r, 1_100));
    expect(await signIn("agent")).toMatchObject({ code: null, signedIn: true });
    expect((await apiCall()).status).toBe(200);
    const counted = await w.send({ text: "Voltei" });
    expect(counted.status).toBe(200);
    expect(counted.headers["ratelimit-limit"]).toBeDefined(); // counted again
  });
});
