import { afterAll, describe, expect, it } from "vitest";
import { appServerEnv } from "../support/app-env";
import { closeOwner, createTenant, env, loginOperator, owner, rootClient } from "../support/fixtures";
import { request } from "../support/http";
import { freePort, startNextServer } from "../support/next-server";

afterAll(closeOwner);

describe("operations", () => {
  it("/api/health reports database and KV status", async () => {
    const res = await request(env().port, env().rootDomain, "GET", "/api/health");
    expect(res.status).toBe(200);
    expect(res.json()).toMatchObject({ status: "ok", database: "ok", kv: { kind: "memory", status: "ok" } });
  });

  it("/api/health answers 503 when the database is down", async () => {
    const deadPort = await freePort();
    const server = await startNextServer(appServerEnv(`postgres://nobody:x@127.0.0.1:${deadPort}/none`, "localhost:1"), { waitForStatus: 503 });
    try {
      const res = await request(server.port, "localhost:1", "GET", "/api/health");
      expect(res.status).toBe(503);
      expect(res.json()).toMatchObject({ status: "degraded", database: "down" });
    } finally {
      await server.stop();
    }
  });

  it("refuses to start with an invalid variable, naming it", async () => {
    await expect(startNextServer(appServerEnv(env().appUrl, "localhost:1", { ROOT_DOMAIN: "http://bad domain/" }))).rejects.toThrow(/ROOT_DOMAIN/);
  });

  it("sends security headers and a CSP", async () => {
    const res = await request(env().port, `demo.${env().rootDomain}`, "GET", "/login");
    expect(res.headers["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
    expect(res.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("pages link an icon that a tenant host serves as an image (browsers then stop asking for /favicon.ico)", async () => {
    const host = `demo.${env().rootDomain}`;
    const page = await request(env().port, host, "GET", "/login");
    const tag = /<link\b[^>]*\brel="icon"[^>]*>/.exec(page.text)?.[0];
    expect(tag, "app/icon.svg's <link rel=\"icon\">").toBeDefined();
    expect(tag).toContain('type="image/svg+xml"');
    const href = /\bhref="([^"]+)"/.exec(tag!)![1]!.replace(/&amp;/g, "&");
    expect(href).toMatch(/^\/icon\.svg(\?|$)/);
    // Same origin: the pages' CSP (img-src 'self') lets the browser load it.
    expect(String(page.headers["content-security-policy"])).toMatch(/img-src 'self'/);
    // The proxy leaves it alone (matcher): rewritten to /t/demo/icon.svg it would be a 404.
    const icon = await request(env().port, host, "GET", href);
    expect(icon.status).toBe(200);
    expect(String(icon.headers["content-type"])).toMatch(/^image\/svg\+xml/);
    expect(icon.text).toContain("<svg");
  });

  it("a tenant's https logo is its pages' icon (white-label)", async () => {
    const t = await createTenant();
    const logo = "https://cdn.marca.com.br/logo.png";
    const admin = await t.loginAs("admin");
    expect((await admin.trpc("mutation", "tenant.updateSettings", { name: "Marca Própria", theme: { primaryColor: "#112233", logoUrl: logo, botName: "Bia" } })).error).toBeNull();
    const page = await request(env().port, t.host, "GET", "/login");
    const icons = [...page.text.matchAll(/<link\b[^>]*\brel="icon"[^>]*>/g)].map((m) => m[0]);
    // The layout's icons replace app/icon.svg's link: the tab shows the tenant's mark only.
    expect(icons).toEqual([`<link rel="icon" href="${logo}"/>`]);
  });

  it("serves a real 404 for unknown tenants and for the internal /t/ tree", async () => {
    const host = await request(env().port, `nobody-here.${env().rootDomain}`, "GET", "/");
    expect(host.status).toBe(404);
    expect(host.text).toContain("<title>Espaço de trabalho não encontrado · Vendaflow</title>");
    expect((await request(env().port, `demo.${env().rootDomain}`, "GET", "/t/acme/login")).status).toBe(404);
    const missing = await request(env().port, `demo.${env().rootDomain}`, "GET", "/pagina-que-nao-existe");
    expect(missing.status).toBe(404);
    expect(missing.text).toContain("<title>Página não encontrada · Vendaflow</title>");
    expect((await request(env().port, env().rootDomain, "GET", "/t/demo/login")).status).toBe(404);
  });
});

describe("platform operator", () => {
  it("logs in on the root domain, lists tenants and opens one read-only, audited in that tenant's log", async () => {
    const root = rootClient();
    expect(await root.login("operator@vendaflow.dev", "operator-123")).toBeNull();
    const list = await root.trpc<{ items: { id: string; slug: string }[] }>("query", "operator.tenants", { limit: 100 });
    const demo = list.data.items.find((t) => t.slug === "demo");
    expect(demo).toBeDefined();
    // Read-only: opening the tenant changes none of its rows but the audit entry of the look itself.
    const counts = async () => {
      const tables = await owner().query<{ table_name: string }>("select table_name from information_schema.columns where table_schema = 'public' and column_name = 'tenant_id' order by 1");
      const out: Record<string, string> = {};
      for (const { table_name } of tables.rows) {
        const r = await owner().query(`select count(*)::int as n, coalesce(max(xmin::text::bigint), 0)::text as x from ${table_name} where tenant_id = $1`, [demo!.id]);
        out[table_name] = `${r.rows[0].n}/${r.rows[0].x}`;
      }
      return out;
    };
    const before = await counts();
    const opened = await root.trpc<{ users: { email: string }[] }>("mutation", "operator.openTenant", { tenantId: demo!.id });
    expect(opened.data.users.map((u) => u.email)).toContain("admin@demo.com");
    const after = await counts();
    const changed = Object.keys(after).filter((k) => after[k] !== before[k]);
    expect(changed).toEqual(["audit_logs"]);
    const { rows } = await owner().query("select actor_operator_id from audit_logs where tenant_id = $1 and action = 'platform.tenant_opened'", [demo!.id]);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows[0].actor_operator_id).not.toBeNull();
  });

  it("the tenants registry keeps no copy of the subscription: billing's tenant_subscriptions is its one record", async () => {
    // tenants.subscription_status / subscription_ends_at were never written after signup (0170 drops them).
    const { rows } = await owner().query("select column_name from information_schema.columns where table_schema = 'public' and table_name = 'tenants' and column_name like 'subscription%'");
    expect(rows).toEqual([]);
    const { client } = await loginOperator();
    const list = await client.trpc<{ items: Record<string, unknown>[] }>("query", "operator.tenants", { limit: 100 });
    const demo = list.data.items.find((t) => t.slug === "demo");
    expect(demo).toBeDefined();
    expect(Object.keys(demo!).filter((k) => /subscription/i.test(k))).toEqual([]);
  });

  it("the workspace list carries only what the console shows: never the custom-domain token, settings or other secrets", async () => {
    const t = await createTenant();
    const token = `vf-verify-${Date.now()}`;
    await owner().query("update tenants set custom_domain = $2, custom_domain_token = $3 where id = $1", [t.id, `${t.slug}.exemplo.com.br`, token]);
    const { client } = await loginOperator();
    // Just before the slug: the new workspace heads this page.
    const list = await client.trpc<{ items: Record<string, unknown>[] }>("query", "operator.tenants", { limit: 5, cursor: t.slug.slice(0, -1) });
    const row = list.data.items.find((r) => r.id === t.id);
    expect(row).toEqual({ id: t.id, slug: t.slug, name: `Empresa ${t.slug}` });
    for (const item of list.data.items) expect(Object.keys(item).sort()).toEqual(["id", "name", "slug"]);
    const raw = JSON.stringify(list.data);
    expect(raw).not.toContain(token);
    expect(raw).not.toMatch(/token|secret|hash|settings|domain/i);
  });

  it("an operator session is worthless on a tenant host, and tenant users cannot use operator procedures", async () => {
    const { client: root } = await loginOperator();
    const onDemo = root.cookieHeader();
    const demo = await request(env().port, `demo.${env().rootDomain}`, "GET", "/api/me", { headers: { cookie: onDemo } });
    expect(demo.status).toBe(401);
    const anonymous = await rootClient().trpc("query", "operator.tenants", {});
    expect(anonymous.error?.data.code).toBe("UNAUTHORIZED");
  });
});
