import { afterAll, describe, expect, it } from "vitest";
import { memoryStore } from "@vendaflow/connectors/upstash/memory-store";
import { signupTenant } from "@vendaflow/core/tenancy/signup";
import { changeSlug } from "@vendaflow/core/tenancy/slug";
import { findTenantByHostSlug } from "@vendaflow/core/tenancy/tenants";
import { createDb } from "@vendaflow/db/create-db";
import { withTenant } from "@vendaflow/db/with-tenant";
import { closeOwner, createTenant, env, owner, rootClient, uniq, type FixtureTenant } from "../support/fixtures";
import { Client, request, type TrpcError } from "../support/http";

// An admin changes the workspace's address (tenancy/slug.ts): the new host serves it, the old one
// stays an alias (pages 308 to the new host, API routes such as the widget's keep answering), and
// no other workspace (nor a signup) can take an address that is still someone's alias.
afterAll(closeOwner);

const SITE = "http://loja-endereco.example";
const hostOf = (slug: string) => `${slug}.${env().rootDomain}`;
type Change = { slug: string; previousSlugs: string[]; freed: string[]; loginUrl: string };
const change = (c: Client, slug: string) => c.trpc<Change>("mutation", "tenant.changeSlug", { slug });
const slugOf = async (id: string) => (await owner().query<{ slug: string; previous_slugs: string[] }>("select slug, previous_slugs from tenants where id = $1", [id])).rows[0]!;

async function webInbox(admin: Client) {
  const w = await admin.trpc<{ inbox: { publicKey: string } }>("mutation", "inboxes.create", { channel: "web", name: "Site", settings: { allowedOrigins: [SITE], schedulingUrl: "", templates: {} } });
  expect(w.error).toBeNull();
  return w.data.inbox.publicKey;
}

async function loginOn(t: FixtureTenant, host: string, role: "admin" | "agent" = "admin") {
  const c = new Client(env().port, host);
  expect(await c.login(t.users[role].email, t.users[role].password)).toBeNull();
  return c;
}

describe("changing the workspace's address", () => {
  it("moves the tenant to the new host; the old host redirects pages (path and query kept) and keeps serving the widget's API", async () => {
    const t = await createTenant();
    const admin = await t.loginAs("admin");
    const agent = await t.loginAs("agent");
    const publicKey = await webInbox(admin);
    const next = uniq("novo");

    const res = await change(admin, `  ${next.toUpperCase()} `);
    expect(res.error).toBeNull();
    expect(res.data).toMatchObject({ slug: next, previousSlugs: [t.slug], freed: [] });
    expect(new URL(res.data.loginUrl).host).toBe(hostOf(next));
    expect(new URL(res.data.loginUrl).pathname).toBe("/login");
    expect(await slugOf(t.id)).toEqual({ slug: next, previous_slugs: [t.slug] });

    // Every session of the workspace ended with the change: the old host's cookies, the admin's own
    // and a colleague's, are no session any more on its tRPC API (pages there redirect anyway).
    for (const c of [admin, agent]) {
      const stale = await c.trpc("query", "tenant.get");
      expect(stale.status).toBe(401);
      expect(stale.error?.data.code).toBe("UNAUTHORIZED");
    }
    expect((await admin.send("GET", "/api/me")).status).toBe(401);

    // The new host is the tenant: sign in there and read it back.
    const onNew = await loginOn(t, hostOf(next));
    expect((await onNew.trpc<{ slug: string; previousSlugs: string[] }>("query", "tenant.get")).data).toMatchObject({ slug: next, previousSlugs: [t.slug] });
    const page = await request(env().port, hostOf(next), "GET", "/login");
    expect(page.status).toBe(200);

    // The old host: a page is a 308 to the same path and query on the new host.
    const old = await request(env().port, t.host, "GET", "/conversations?status=open&q=a%20b");
    expect(old.status).toBe(308);
    const to = new URL(String(old.headers.location));
    expect(to.host).toBe(hostOf(next));
    expect(`${to.pathname}${to.search}`).toBe("/conversations?status=open&q=a%20b");
    expect(new URL(String((await request(env().port, t.host, "GET", "/")).headers.location)).host).toBe(hostOf(next));

    // …while an installed snippet keeps working there: the loader and the widget's API.
    expect((await request(env().port, t.host, "GET", "/widget/v1/loader.js")).status).toBe(200);
    const start = await request(env().port, t.host, "POST", "/api/widget/start", { headers: { "content-type": "application/json", origin: SITE }, body: JSON.stringify({ publicKey }) });
    expect(start.status).toBe(200);
    expect(start.json<{ visitorToken: string }>().visitorToken).toBeTruthy();
    expect(start.headers["access-control-allow-origin"]).toBe(SITE);
    // An API route that resolves the tenant from the host answers there too (401: tenant found, no session).
    expect((await request(env().port, t.host, "GET", "/api/me")).status).toBe(401);

    const { rows } = await owner().query("select before, after from audit_logs where tenant_id = $1 and action = 'tenant.slug_changed'", [t.id]);
    expect(rows).toEqual([{ before: { slug: t.slug, previousSlugs: [] }, after: { slug: next, previousSlugs: [t.slug], freed: [], sessionsEnded: 2 } }]);
  });

  it("keeps the sessions signed in on the verified custom domain (their host does not change), ends the subdomain's, and leaves tenant B's alone", async () => {
    const t = await createTenant();
    const b = await createTenant();
    const domain = `vendas.${t.slug}.example`;
    await owner().query("update tenants set custom_domain = $2, custom_domain_token = 'x', custom_domain_verified_at = now() where id = $1", [t.id, domain]);
    const onDomain = [await loginOn(t, domain), await loginOn(t, domain, "agent")];
    const onSubdomain = [await t.loginAs("admin"), await t.loginAs("agent")];
    const bAdmin = await b.loginAs("admin");
    const rows = await owner().query<{ custom_domain: string | null; n: number }>("select custom_domain, count(*)::int as n from sessions where tenant_id = $1 and revoked_at is null group by 1 order by 1", [t.id]);
    expect(rows.rows).toEqual([{ custom_domain: domain, n: 2 }, { custom_domain: null, n: 2 }]);
    const next = uniq("dominio");
    expect((await change(onDomain[0]!, next)).error).toBeNull();
    for (const c of onDomain) expect((await c.trpc<{ slug: string }>("query", "tenant.get")).data).toMatchObject({ slug: next });
    for (const c of onSubdomain) expect((await c.trpc("query", "tenant.get")).status).toBe(401);
    expect((await bAdmin.trpc<{ slug: string }>("query", "tenant.get")).data).toMatchObject({ slug: b.slug });
    const audit = await owner().query("select after from audit_logs where tenant_id = $1 and action = 'tenant.slug_changed'", [t.id]);
    expect(audit.rows).toEqual([{ after: { slug: next, previousSlugs: [t.slug], freed: [], sessionsEnded: 2 } }]);
    // A domain the workspace no longer holds verified spares nothing: its sessions end with the next change.
    await owner().query("update tenants set custom_domain_verified_at = null where id = $1", [t.id]);
    const { db, close } = createDb({ url: env().appUrl, max: 1 });
    try {
      const r = await withTenant(db, t.id, (tx) => changeSlug({ counters: memoryStore(), now: () => new Date() }, tx, { id: t.id }, uniq("sem-dominio"), {}));
      expect(r.sessionsEnded).toBe(2);
    } finally {
      await close();
    }
    expect((await owner().query("select count(*)::int as n from sessions where tenant_id = $1 and revoked_at is null", [b.id])).rows[0]!.n).toBeGreaterThan(0);
  });

  it("refuses another tenant's current or previous address, reserved and malformed ones (pt-BR), and an agent", async () => {
    const a = await createTenant();
    const b = await createTenant();
    const aAdmin = await a.loginAs("admin");
    const aNext = uniq("a-novo");
    expect((await change(aAdmin, aNext)).error).toBeNull();
    const bAdmin = await b.loginAs("admin");

    for (const taken of [aNext, a.slug]) {
      const res = await change(bAdmin, taken);
      expect(res.error?.data.code).toBe("CONFLICT");
      expect(res.error?.message).toBe("Este endereço já está em uso. Escolha outro.");
      expect(res.error?.data.details).toEqual({ field: "slug" });
    }
    const reserved = await change(bAdmin, "admin");
    expect(reserved.error?.data.code).toBe("BAD_REQUEST");
    expect(reserved.error?.message).toBe("Este endereço é reservado. Escolha outro.");
    const invalid = await change(bAdmin, "com espaço");
    expect(invalid.error?.message).toBe("Use apenas letras minúsculas, números e hífen.");
    expect((await change(bAdmin, "-hifen")).error?.message).toBe("O endereço não pode começar nem terminar com hífen.");

    const agent = await b.loginAs("agent");
    expect((await change(agent, uniq("agente"))).error?.data.code).toBe("FORBIDDEN");
    expect(await slugOf(b.id)).toEqual({ slug: b.slug, previous_slugs: [] });
  });

  it("goes back to one of its own previous addresses (it leaves the aliases)", async () => {
    const t = await createTenant();
    const second = uniq("segundo");
    expect((await change(await t.loginAs("admin"), second)).error).toBeNull();
    // Each change ends the sessions: the admin signs in again at the new address.
    const back = await change(await loginOn(t, hostOf(second)), t.slug);
    expect(back.error).toBeNull();
    expect(back.data).toMatchObject({ slug: t.slug, previousSlugs: [second] });
    expect(await slugOf(t.id)).toEqual({ slug: t.slug, previous_slugs: [second] });
    expect((await request(env().port, t.host, "GET", "/login")).status).toBe(200);
    expect((await request(env().port, hostOf(second), "GET", "/login")).status).toBe(308);
    // The same address again changes nothing, and ends no session.
    const admin = await loginOn(t, t.host);
    expect((await change(admin, t.slug)).data).toMatchObject({ slug: t.slug, previousSlugs: [second] });
    expect((await admin.trpc("query", "tenant.get")).status).toBe(200);
  });

  it("signup refuses another workspace's previous address", async () => {
    const t = await createTenant();
    expect((await change(await t.loginAs("admin"), uniq("mudou"))).error).toBeNull();
    const res = await rootClient().trpc("mutation", "auth.signup", { companyName: "Intrusa Ltda", slug: t.slug, name: "Ivo", email: `${uniq("ivo")}@example.com`, password: "senha-forte-1" });
    expect(res.error?.data.code).toBe("CONFLICT");
    expect(res.error?.message).toBe("Este endereço já está em uso. Escolha outro.");
    const { rows } = await owner().query("select id from tenants where slug = $1", [t.slug]);
    expect(rows).toEqual([]);
  });

  it("keeps the 5 most recent aliases: the 6th change frees the oldest, which another workspace may then take", async () => {
    const t = await createTenant();
    const slugs = Array.from({ length: 6 }, (_, i) => uniq(`v${i + 1}`));
    // Three changes a day at most: the first three are history (written before the app ever saw
    // the tenant, so no cached host is stale), the last three go through the API.
    await owner().query("update tenants set slug = $2, previous_slugs = $3 where id = $1", [t.id, slugs[2], [slugs[1], slugs[0], t.slug]]);
    let last: Change | undefined;
    let host = hostOf(slugs[2]!);
    for (const s of slugs.slice(3)) {
      // Each change ends the sessions: sign in at the current address first.
      const res = await change(await loginOn(t, host), s);
      expect(res.error).toBeNull();
      last = res.data;
      host = hostOf(s);
    }
    expect(last).toMatchObject({ slug: slugs[5], previousSlugs: [slugs[4], slugs[3], slugs[2], slugs[1], slugs[0]], freed: [t.slug] });
    expect((await request(env().port, t.host, "GET", "/login")).status).toBe(404);
    const other = await createTenant();
    expect((await change(await other.loginAs("admin"), t.slug)).error).toBeNull();
    // The freed address is now the other workspace's own; its old one is the alias.
    expect((await request(env().port, t.host, "GET", "/login")).status).toBe(200);
    expect((await (await loginOn(other, t.host)).trpc<{ id: string }>("query", "tenant.get")).data.id).toBe(other.id);
    expect(new URL(String((await request(env().port, other.host, "GET", "/login")).headers.location)).host).toBe(t.host);
  });

  it("refuses the 4th change in 24 hours (pt-BR, 429 with Retry-After) and changes nothing; refused addresses and other workspaces do not count", async () => {
    const t = await createTenant();
    const other = await createTenant();
    const slugs = Array.from({ length: 3 }, (_, i) => uniq(`dia${i + 1}`));
    let admin = await t.loginAs("admin");
    // A refused address (another workspace's) is not a change: it uses none of the three.
    expect((await change(admin, other.slug)).error?.data.code).toBe("CONFLICT");
    for (const s of slugs) {
      expect((await change(admin, s)).error).toBeNull();
      admin = await loginOn(t, hostOf(s));
    }
    const res = await admin.send("POST", "/api/trpc/tenant.changeSlug", { headers: { "content-type": "application/json" }, body: JSON.stringify({ json: { slug: uniq("dia4") } }) });
    expect(res.status).toBe(429);
    expect(Number(res.headers["retry-after"])).toBeGreaterThan(23 * 3600);
    expect(res.headers["ratelimit-policy"]).toBe("3;w=86400");
    const refused = res.json<{ error: { json: TrpcError } }>().error.json;
    expect(refused.data.code).toBe("TOO_MANY_REQUESTS");
    expect(refused.message).toBe("O endereço do espaço pode ser alterado até 3 vezes em 24 horas. Tente novamente em 24 h.");
    expect(refused.data.details).toMatchObject({ policy: "slug-change:tenant", limit: 3, remaining: 0, windowSeconds: 86_400 });
    expect(await slugOf(t.id)).toEqual({ slug: slugs[2], previous_slugs: [slugs[1], slugs[0], t.slug] });
    // Nothing changed, so nothing ended: the admin is still signed in.
    expect((await admin.trpc("query", "tenant.get")).status).toBe(200);
    expect((await owner().query("select 1 from audit_logs where tenant_id = $1 and action = 'tenant.slug_changed'", [t.id])).rowCount).toBe(3);
    // The limit is the workspace's own.
    expect((await change(await other.loginAs("admin"), uniq("outro"))).error).toBeNull();
  });

  it("tenant B's admin changes only B, and B's session does not reach A's host", async () => {
    const a = await createTenant();
    const b = await createTenant();
    const bAdmin = await b.loginAs("admin");
    const bNext = uniq("b-novo");
    expect((await change(bAdmin, bNext)).error).toBeNull();
    expect(await slugOf(a.id)).toEqual({ slug: a.slug, previous_slugs: [] });
    expect((await slugOf(b.id)).slug).toBe(bNext);
    // B's session cookie replayed on A's host is no session there.
    const forged = new Client(env().port, a.host);
    for (const [k, v] of bAdmin.cookies) forged.cookies.set(k, v);
    const res = await change(forged, uniq("sequestro"));
    expect(res.error?.data.code).toBe("UNAUTHORIZED");
    expect(await slugOf(a.id)).toEqual({ slug: a.slug, previous_slugs: [] });
  });
});

// The same rules straight against core (the app role, no HTTP): two claims racing for one address.
describe("changeSlug and signup under the per-address lock", () => {
  // The rate limit's counters: this process's own (each call a fresh window).
  const limits = () => ({ counters: memoryStore(), now: () => new Date() });
  const input = (slug: string) => ({ companyName: "Corrida Ltda", slug, name: "Rita", email: `${uniq("rita")}@example.com`, password: "senha-forte-1" });

  it("two workspaces racing for the same new address: exactly one gets it", async () => {
    const a = await createTenant();
    const b = await createTenant();
    const wanted = uniq("disputado");
    const { db, close } = createDb({ url: env().appUrl, max: 2 });
    try {
      const results = await Promise.allSettled([a, b].map((t) => withTenant(db, t.id, (tx) => changeSlug(limits(), tx, { id: t.id }, wanted, {}))));
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      const refused = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
      expect(refused.reason).toMatchObject({ code: "CONFLICT", details: { field: "slug" } });
    } finally {
      await close();
    }
  });

  it("a signup racing an address change for the same address: one of them, never both", async () => {
    const t = await createTenant();
    const wanted = uniq("corrida");
    const { db, close } = createDb({ url: env().appUrl, max: 2 });
    try {
      const results = await Promise.allSettled([
        withTenant(db, t.id, (tx) => changeSlug(limits(), tx, { id: t.id }, wanted, {})),
        signupTenant(db, input(wanted), {}, new Date()),
      ]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      const { rows } = await owner().query("select id from tenants where slug = $1 or previous_slugs @> array[$1]::text[]", [wanted]);
      expect(rows).toHaveLength(1);
    } finally {
      await close();
    }
  });

  it("signupTenant refuses a previous address; the workspace that left it keeps it", async () => {
    const t = await createTenant();
    const { db, close } = createDb({ url: env().appUrl, max: 1 });
    try {
      await withTenant(db, t.id, (tx) => changeSlug(limits(), tx, { id: t.id }, uniq("saiu"), {}));
      await expect(signupTenant(db, input(t.slug), {}, new Date())).rejects.toMatchObject({ code: "CONFLICT", details: { field: "slug" } });
      expect((await findTenantByHostSlug(db, t.slug))?.id).toBe(t.id);
    } finally {
      await close();
    }
  });
});
