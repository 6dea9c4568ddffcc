import { createHmac, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_KEYS } from "../support/app-env";
import { closeOwner, createTenant, env, owner, type FixtureTenant } from "../support/fixtures";
import { request, type Client } from "../support/http";
import { startN8nStandIn } from "../stand-ins/n8n";

// n8n's endpoints (the seed's /api/n8n/trigger/:workflow and /api/n8n/data/:entity/:id) over HTTP
// with API keys: the trigger reaches the n8n stand-in through the SSRF guard, scopes are enforced,
// and a key of tenant A can do nothing on B's host or with B's ids.

let a: FixtureTenant;
let b: FixtureTenant;
let adminA: Client;
let adminB: Client;
let n8n: Awaited<ReturnType<typeof startN8nStandIn>>;

async function key(admin: Client, scopes: string[]) {
  const r = await admin.trpc<{ key: string }>("mutation", "apiKeys.create", { name: `n8n ${randomUUID().slice(0, 6)}`, scopes });
  expect(r.error, r.error?.message).toBeNull();
  return r.data.key;
}

const call = (t: FixtureTenant, method: string, path: string, apiKey: string | null, body?: unknown) =>
  request(env().port, t.host, method, path, { headers: { ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}), ...(body === undefined ? {} : { "content-type": "application/json" }) }, body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body) });

const lead = async (t: FixtureTenant) => (await owner().query<{ id: string }>("insert into leads (tenant_id, name, email, source) values ($1, 'Carla Dias', $2, 'api') returning id", [t.id, `${randomUUID().slice(0, 8)}@n8n.com.br`])).rows[0]!.id;

beforeAll(async () => {
  a = await createTenant();
  b = await createTenant();
  adminA = await a.loginAs("admin");
  adminB = await b.loginAs("admin");
  n8n = await startN8nStandIn();
});
afterAll(async () => {
  await n8n.close();
  await closeOwner();
});

describe("n8n trigger", () => {
  it("forwards the JSON body with tenant_id and user_id to {base}/webhook/{workflow}, signed, with the Header Auth", async () => {
    n8n.activate("lead-sync", { name: "X-N8N-Key", value: "segredo-n8n" });
    const saved = await adminA.trpc<{ baseUrl: string; authHeaderName: string }>("mutation", "n8n.save", { baseUrl: `${n8n.url}/`, authHeaderName: "X-N8N-Key", authHeaderValue: "segredo-n8n" });
    expect(saved.error, saved.error?.message).toBeNull();
    expect(saved.data).toMatchObject({ baseUrl: n8n.url, authHeaderName: "X-N8N-Key" });
    expect(JSON.stringify((await adminA.trpc("query", "n8n.get")).data)).not.toContain("segredo-n8n");

    const k = await key(adminA, ["webhooks:write"]);
    const res = await call(a, "POST", "/api/n8n/trigger/lead-sync", k, { lead: { email: "x@y.com" }, tenant_id: "forjado" });
    expect(res.status, res.text).toBe(200);
    expect(res.json()).toEqual({ success: true, workflow_id: "lead-sync", status: 200 });
    const got = n8n.calls.at(-1)!;
    expect(got.json).toEqual({ lead: { email: "x@y.com" }, tenant_id: a.id, user_id: a.users.admin.id });
    expect(got.headers["x-n8n-key"]).toBe("segredo-n8n");
    const signingKey = createHmac("sha256", TEST_KEYS.tokenSecret).update(`webhook:${a.id}`).digest("hex");
    expect(got.headers["x-vendaflow-signature"]).toBe(`sha256=${createHmac("sha256", signingKey).update(got.body).digest("hex")}`);
    const audit = (await owner().query("select actor_api_key_id, after from audit_logs where tenant_id = $1 and action = 'n8n.trigger' order by created_at desc limit 1", [a.id])).rows[0];
    expect(audit.actor_api_key_id).not.toBeNull();
    expect(audit.after).toMatchObject({ workflow: "lead-sync", status: 200 });

    // An empty body is {}; an unknown workflow is n8n's 404, reported, not thrown.
    expect((await call(a, "POST", "/api/n8n/trigger/lead-sync", k)).json()).toMatchObject({ success: true });
    const missing = await call(a, "POST", "/api/n8n/trigger/nao-existe", k, {});
    expect(missing.status).toBe(200);
    expect(missing.json()).toMatchObject({ success: false, workflow_id: "nao-existe", status: 404 });
  });

  it("refuses without a key, without the scope, with a bad body or workflow id, and across tenants", async () => {
    const before = n8n.calls.length;
    expect((await call(a, "POST", "/api/n8n/trigger/lead-sync", null, {})).status).toBe(401);
    const readOnly = await key(adminA, ["leads:read", "webhooks:read"]);
    const r = await call(a, "POST", "/api/n8n/trigger/lead-sync", readOnly, {});
    expect(r.status).toBe(403);
    expect(r.json<{ message: string }>().message).toContain("webhooks:write");
    const k = await key(adminA, ["webhooks:write"]);
    expect((await call(a, "POST", "/api/n8n/trigger/lead-sync", k, "{nao json")).status).toBe(400);
    expect((await call(a, "POST", "/api/n8n/trigger/lead-sync", k, [1, 2])).status).toBe(400);
    expect((await call(a, "POST", "/api/n8n/trigger/..%2F..%2Fadmin", k, {})).status).toBe(400);
    // A's key on B's host: 401; B's own key without an n8n instance: 412.
    expect((await call(b, "POST", "/api/n8n/trigger/lead-sync", k, {})).status).toBe(401);
    const kb = await key(adminB, ["webhooks:write"]);
    const none = await call(b, "POST", "/api/n8n/trigger/lead-sync", kb, {});
    expect(none.status).toBe(412);
    expect(n8n.calls.length).toBe(before);
  });

  it("an n8n base URL on a private address is refused by the SSRF guard", async () => {
    expect((await adminB.trpc("mutation", "n8n.save", { baseUrl: "http://10.0.0.1:5678" })).error).toBeNull();
    const kb = await key(adminB, ["webhooks:write"]);
    const res = await call(b, "POST", "/api/n8n/trigger/lead-sync", kb, {});
    expect(res.status).toBe(200);
    expect(res.json()).toMatchObject({ success: false, status: null, error: expect.stringContaining("rede interna") });
    expect((await adminB.trpc("mutation", "n8n.remove")).error).toBeNull();
    expect((await adminB.trpc("query", "n8n.get")).data).toBeNull();
  });
});

describe("n8n data", () => {
  it("reads a lead, a deal and a conversation under their scopes; another tenant's ids are 404", async () => {
    const leadA = await lead(a);
    const leadB = await lead(b);
    const leads = await key(adminA, ["leads:read"]);
    const res = await call(a, "GET", `/api/n8n/data/lead/${leadA}`, leads);
    expect(res.status, res.text).toBe(200);
    expect(res.json()).toMatchObject({ id: leadA, name: "Carla Dias", source: "api" });
    expect((await call(a, "GET", `/api/n8n/data/lead/${leadB}`, leads)).status).toBe(404);
    expect((await call(b, "GET", `/api/n8n/data/lead/${leadB}`, leads)).status).toBe(401);
    expect((await call(a, "GET", `/api/n8n/data/lead/${leadA}`, null)).status).toBe(401);
    expect((await call(a, "GET", `/api/n8n/data/deal/${randomUUID()}`, leads)).status).toBe(403);
    expect((await call(a, "GET", `/api/n8n/data/conversation/${randomUUID()}`, leads)).status).toBe(403);
    expect((await call(a, "GET", `/api/n8n/data/usuario/${leadA}`, leads)).status).toBe(404);
    expect((await call(a, "GET", `/api/n8n/data/lead/nao-e-uuid`, leads)).status).toBe(400);

    const deals = await key(adminA, ["deals:read"]);
    const [pipeline] = (await adminA.trpc<{ id: string }[]>("query", "crm.pipelines.list")).data;
    const deal = (await adminA.trpc<{ id: string }>("mutation", "crm.deals.create", { title: "Implantação", valueCents: 150000, pipelineId: pipeline!.id })).data;
    const d = await call(a, "GET", `/api/n8n/data/deal/${deal.id}`, deals);
    expect(d.status, d.text).toBe(200);
    expect(d.json()).toMatchObject({ id: deal.id, title: "Implantação" });
    expect((await call(a, "GET", `/api/n8n/data/lead/${leadA}`, deals)).status).toBe(403);
  });
});
