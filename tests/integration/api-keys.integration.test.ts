import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appRouter } from "@vendaflow/api/root";
import { createVendaflowClient, isVendaflowError } from "@vendaflow/sdk/client";
import type { ApiKeyScope } from "@vendaflow/validators/api-keys";
import { closeOwner, createTenant, env, owner, type FixtureTenant } from "../support/fixtures";
import { hostFetch } from "../support/host-fetch";
import { request } from "../support/http";
import type { Client } from "../support/http";

let a: FixtureTenant;
let b: FixtureTenant;
let adminA: Client;
let adminB: Client;

const sdk = (apiKey: string, host = a.host, inbox?: string) => createVendaflowClient({ baseUrl: `http://${host}`, apiKey, inbox, fetch: hostFetch(env().port, host), maxRetries: 0 });

async function createKey(admin: Client, scopes: ApiKeyScope[], name = "Integração") {
  const r = await admin.trpc<{ key: string; apiKey: { id: string; prefix: string } }>("mutation", "apiKeys.create", { name, scopes });
  expect(r.error).toBeNull();
  return r.data;
}

const codeOf = async (p: Promise<unknown>) => {
  const err = await p.then(() => null, (e: unknown) => e);
  if (!isVendaflowError(err)) throw new Error(`expected an API error, got ${String(err)}`);
  return err.data?.code;
};

/** Every procedure an API key can reach (those declaring a scope), with its type. */
const keyProcedures = Object.entries(appRouter._def.procedures as unknown as Record<string, { _def: { meta?: { scope?: string }; type: string } }>)
  .filter(([, p]) => p._def.meta?.scope)
  .map(([path, p]) => ({ path, type: p._def.type, scope: p._def.meta!.scope! }));

beforeAll(async () => {
  a = await createTenant();
  b = await createTenant();
  adminA = await a.loginAs("admin");
  adminB = await b.loginAs("admin");
});
afterAll(closeOwner);

describe("API keys", () => {
  it("a tenant holds at most 25 active keys; revoking one makes room; the list shows every active key first", async () => {
    const t = await createTenant();
    const admin = await t.loginAs("admin");
    const made = [];
    for (let i = 0; i < 25; i++) made.push(await createKey(admin, ["leads:read"], `Chave ${i}`));
    const over = await admin.trpc("mutation", "apiKeys.create", { name: "A mais", scopes: ["leads:read"] });
    expect(over.error?.data.code).toBe("PRECONDITION_FAILED");
    expect(over.error?.message).toContain("Limite de 25 chaves ativas");
    expect((await admin.trpc("mutation", "apiKeys.revoke", { id: made[0]!.apiKey.id })).error).toBeNull();
    expect((await admin.trpc("mutation", "apiKeys.create", { name: "Substituta", scopes: ["leads:read"] })).error).toBeNull();
    const listed = (await admin.trpc<{ id: string; revoked_at: string | null }[]>("query", "apiKeys.list")).data;
    expect(listed).toHaveLength(26);
    expect(listed.slice(0, 25).every((k) => k.revoked_at === null)).toBe(true);
    expect(listed[25]!.id).toBe(made[0]!.apiKey.id);
  });

  it("are shown once, stored hashed with the prefix; a typed round trip through the SDK is audited with the key as actor", async () => {
    const { key, apiKey } = await createKey(adminA, ["deals:read", "deals:write", "leads:read"]);
    expect(key).toMatch(/^vfk_[A-Za-z0-9]{12}_[A-Za-z0-9_-]{43}$/);
    expect(key.startsWith(apiKey.prefix)).toBe(true);
    const stored = await owner().query("select key_hash, prefix from api_keys where id = $1", [apiKey.id]);
    expect(stored.rows[0].prefix).toBe(apiKey.prefix);
    expect(stored.rows[0].key_hash.toString("hex")).not.toContain(Buffer.from(key).toString("hex"));
    const listed = await adminA.trpc<{ id: string }[]>("query", "apiKeys.list");
    expect(JSON.stringify(listed.data)).not.toContain(key.slice(17));

    const client = sdk(key);
    const [pipeline] = await client.crm.pipelines.list.query();
    const deal = await client.crm.deals.create.mutate({ title: "Contrato via API", valueCents: 450000, pipelineId: pipeline!.id });
    const read = await client.crm.deals.get.query({ id: deal.id });
    expect(read.title).toBe("Contrato via API");
    expect(read.value_cents).toBe(450000);

    const audit = await owner().query("select action, actor_user_id, actor_api_key_id from audit_logs where tenant_id = $1 and actor_api_key_id = $2 order by created_at", [a.id, apiKey.id]);
    expect(audit.rows.map((r) => r.action)).toEqual(expect.arrayContaining(["api_key.call", "deal.create"]));
    expect(audit.rows.filter((r) => r.action === "api_key.call")).toHaveLength(3);
    expect(audit.rows.every((r) => r.actor_user_id === null)).toBe(true);
    const used = await owner().query("select last_used_at, last_used_ip from api_keys where id = $1", [apiKey.id]);
    expect(used.rows[0].last_used_at).not.toBeNull();
    expect(used.rows[0].last_used_ip).toBeTruthy();
  });

  it("enforce scopes: a read key cannot write, a key reaches no procedure without a scope, nor manages keys", async () => {
    const { key } = await createKey(adminA, ["leads:read"]);
    const client = sdk(key);
    expect(Array.isArray((await client.crm.leads.list.query({})).items)).toBe(true);
    expect(await codeOf(client.crm.deals.list.query({}))).toBe("FORBIDDEN");
    expect(await codeOf(client.crm.companies.save.mutate({ id: null, name: "Padaria" } as never))).toBe("FORBIDDEN");
    expect(await codeOf(client.apiKeys.list.query())).toBe("FORBIDDEN");
    expect(await codeOf(client.users.list.query())).toBe("FORBIDDEN");
    expect(await codeOf(client.apiKeys.create.mutate({ name: "x", scopes: ["leads:write"] }))).toBe("FORBIDDEN");
  });

  it("a revoked key is refused on the very next call; a wrong secret with a real prefix too", async () => {
    const { key, apiKey } = await createKey(adminA, ["leads:read"]);
    const client = sdk(key);
    await client.crm.leads.list.query({});
    expect((await adminA.trpc("mutation", "apiKeys.revoke", { id: apiKey.id })).error).toBeNull();
    expect(await codeOf(client.crm.leads.list.query({}))).toBe("UNAUTHORIZED");
    const forged = `${key.slice(0, 17)}${"A".repeat(43)}`;
    expect(await codeOf(sdk(forged).crm.leads.list.query({}))).toBe("UNAUTHORIZED");
    // Only admins manage keys.
    const agent = await a.loginAs("agent");
    expect((await agent.trpc("mutation", "apiKeys.create", { name: "x", scopes: ["leads:read"] })).error).toMatchObject({ data: { code: "FORBIDDEN" } });
  });

  it("a key of tenant A can do nothing on tenant B's host, through every procedure a key can reach", async () => {
    const all: ApiKeyScope[] = ["leads:read", "leads:write", "deals:read", "deals:write", "conversations:read", "conversations:write", "webhooks:read", "webhooks:write", "analytics:read", "analytics:write"];
    const { key } = await createKey(adminA, all);
    expect(keyProcedures.length).toBeGreaterThan(20);
    for (const p of keyProcedures) {
      const path = `/api/trpc/${p.path}${p.type === "query" ? `?input=${encodeURIComponent(JSON.stringify({ json: {} }))}` : ""}`;
      const res = await request(env().port, b.host, p.type === "query" ? "GET" : "POST", path, {
        headers: { authorization: `Bearer ${key}`, "content-type": "application/json", "x-vendaflow-inbox": "pk_unknown" },
        body: p.type === "query" ? undefined : JSON.stringify({ json: {} }),
      });
      expect(res.status, p.path).toBe(401);
    }
    // On its own host, B's records are invisible to A's key (RLS): B's deal is not found.
    const bPipeline = await adminB.trpc<{ id: string }[]>("query", "crm.pipelines.list");
    const bDeal = await adminB.trpc<{ id: string }>("mutation", "crm.deals.create", { title: "Negócio de B", pipelineId: bPipeline.data[0]!.id });
    expect(await codeOf(sdk(key).crm.deals.get.query({ id: bDeal.data.id }))).toBe("NOT_FOUND");
    expect(await codeOf(sdk(key).crm.deals.update.mutate({ id: bDeal.data.id, title: "Tomado" }))).toBe("NOT_FOUND");
    const still = await owner().query("select title from deals where id = $1", [bDeal.data.id]);
    expect(still.rows[0].title).toBe("Negócio de B");
    // And on the root host a key is nothing.
    const root = await request(env().port, env().rootDomain, "GET", `/api/trpc/crm.leads.list?input=${encodeURIComponent(JSON.stringify({ json: {} }))}`, { headers: { authorization: `Bearer ${key}` } });
    expect(root.status).toBe(404);
  });

  it("send a lead message to an API inbox and read the bot's replies with a conversations key; the inbox must be the key's tenant's", async () => {
    const created = await adminA.trpc<{ inbox: { publicKey: string } }>("mutation", "inboxes.create", { channel: "api", name: "Backend", settings: { allowedOrigins: [], schedulingUrl: "", templates: {} } });
    expect(created.error).toBeNull();
    const { key } = await createKey(adminA, ["conversations:read", "conversations:write"]);
    const client = sdk(key, a.host, created.data.inbox.publicKey);
    const sent = await client.apiInbox.send.mutate({ externalLeadId: "erp-7", clientMessageId: "m-000001", text: "Olá" });
    expect(sent.replies.at(-1)!.text).toContain("nome");
    const messages = await client.apiInbox.messages.query({ externalLeadId: "erp-7" });
    expect(messages.map((m) => m.sender)).toEqual(expect.arrayContaining(["lead", "bot"]));

    const readOnly = await createKey(adminA, ["conversations:read"]);
    expect(await codeOf(sdk(readOnly.key, a.host, created.data.inbox.publicKey).apiInbox.send.mutate({ externalLeadId: "erp-7", clientMessageId: "m-000002", text: "Oi" }))).toBe("FORBIDDEN");
    // B's key naming A's inbox on B's host: not found.
    const bKey = await createKey(adminB, ["conversations:read"]);
    expect(await codeOf(sdk(bKey.key, b.host, created.data.inbox.publicKey).apiInbox.messages.query({ externalLeadId: "erp-7" }))).toBe("NOT_FOUND");
  });
});
