import { afterAll, describe, expect, it } from "vitest";
import { closeOwner, createTenant, latestMailLink, owner } from "../support/fixtures";

afterAll(closeOwner);

describe("roles: admin / agent / viewer enforced in procedures", () => {
  it("viewer and agent cannot manage users or settings; admin can", async () => {
    const t = await createTenant();
    for (const role of ["viewer", "agent"] as const) {
      const c = await t.loginAs(role);
      expect((await c.trpc("mutation", "users.invite", { email: "n@example.com", role: "agent" })).error?.data.code).toBe("FORBIDDEN");
      expect((await c.trpc("mutation", "tenant.updateSettings", { name: "X", theme: { primaryColor: "#000000", logoUrl: "", botName: "B" } })).error?.data.code).toBe("FORBIDDEN");
      expect((await c.trpc("query", "audit.list", { limit: 5 })).error?.data.code).toBe("FORBIDDEN");
      // Reading the team is allowed to everyone signed in.
      expect((await c.trpc<unknown[]>("query", "users.list")).data).toHaveLength(3);
    }
    const admin = await t.loginAs("admin");
    const ok = await admin.trpc("mutation", "tenant.updateSettings", { name: "Nova Marca", theme: { primaryColor: "#112233", logoUrl: "", botName: "Bia" } });
    expect(ok.error).toBeNull();
    const got = await admin.trpc<{ name: string; theme: { primaryColor: string } }>("query", "tenant.get");
    expect(got.data.theme.primaryColor).toBe("#112233");
  });

  it("a page a role may not use says so, inside the dashboard, and names who may", async () => {
    const t = await createTenant();
    const page = async (role: "admin" | "agent" | "viewer", path: string) => {
      const res = await (await t.loginAs(role)).send("GET", path);
      return { status: res.status, html: res.text };
    };
    for (const [role, path] of [["viewer", "/flows"], ["agent", "/settings"], ["agent", "/billing"], ["viewer", "/lead-import"]] as const) {
      const { status, html } = await page(role, path);
      expect(status).toBe(200);
      expect(html).toContain("Sem acesso a esta página");
      expect(html).toContain(path === "/lead-import" ? "Esta página é para administradores e agentes." : "Só administradores da conta usam esta página.");
    }
    const agentImport = await page("agent", "/lead-import");
    expect(agentImport.html).not.toContain("Sem acesso a esta página");
    const adminFlows = await page("admin", "/flows");
    expect(adminFlows.status).toBe(200);
    expect(adminFlows.html).not.toContain("Sem acesso a esta página");
  });

  it("invites a user who sets their own password; audit rows record before/after with secrets redacted", async () => {
    const t = await createTenant();
    const admin = await t.loginAs("admin");
    const email = `novo@${t.slug}.test`;
    expect((await admin.trpc("mutation", "users.invite", { email, role: "agent" })).error).toBeNull();
    const link = await latestMailLink(email, "/accept-invite");
    expect(link.host).toBe(t.host);
    const c = t.client();
    const bad = await c.trpc("mutation", "auth.acceptInvite", { token: link.searchParams.get("token"), name: "N", password: "curta" });
    expect(bad.error?.data.zodIssues?.map((i) => i.path.join("."))).toEqual(expect.arrayContaining(["name", "password"]));
    expect((await c.trpc("mutation", "auth.acceptInvite", { token: link.searchParams.get("token"), name: "Novo Agente", password: "senha-do-novo-1" })).error).toBeNull();
    expect(await t.client().login(email, "senha-do-novo-1")).toBeNull();

    const audit = await admin.trpc<{ items: { action: string; after: unknown; ip: string | null }[] }>("query", "audit.list", { action: "user.", limit: 50 });
    expect(audit.data.items.map((i) => i.action)).toEqual(expect.arrayContaining(["user.invite", "user.invite_accepted"]));
    // The audit page's action filter sends one code: that code only, not every code it prefixes.
    const one = await admin.trpc<{ items: { action: string }[] }>("query", "audit.list", { action: "user.invite", limit: 50 });
    expect([...new Set(one.data.items.map((i) => i.action))]).toEqual(["user.invite"]);
    // An area's "_" is a character, not LIKE's any-character ("use_." is no area).
    expect((await admin.trpc<{ items: unknown[] }>("query", "audit.list", { action: "use_.", limit: 50 })).data.items).toEqual([]);
    const { rows } = await owner().query("select count(*)::int as n from audit_logs where tenant_id = $1 and (after::text ilike '%senha%' or after::text ilike '%password_hash%')", [t.id]);
    expect(rows[0].n).toBe(0);
  });

  it("deactivating a pending invite cancels it: the mailed link no longer brings the person in; sending it again does", async () => {
    const t = await createTenant();
    const admin = await t.loginAs("admin");
    const email = `cancelado@${t.slug}.test`;
    expect((await admin.trpc("mutation", "users.invite", { email, role: "agent" })).error).toBeNull();
    const first = await latestMailLink(email, "/accept-invite");
    const { rows: [user] } = await owner().query<{ id: string }>("select id from users where tenant_id = $1 and email = $2", [t.id, email]);
    expect((await admin.trpc("mutation", "users.deactivate", { userId: user!.id })).error).toBeNull();
    const refused = await t.client().trpc("mutation", "auth.acceptInvite", { token: first.searchParams.get("token"), name: "Cancelado", password: "senha-do-novo-1" });
    expect(refused.error?.data.code).toBe("BAD_REQUEST");
    const { rows: [after] } = await owner().query<{ is_active: boolean; password_hash: string | null }>("select is_active, password_hash from users where id = $1", [user!.id]);
    expect(after).toEqual({ is_active: false, password_hash: null });
    expect(await t.client().login(email, "senha-do-novo-1")).not.toBeNull();

    // Invited again: active again, and the new link works.
    expect((await admin.trpc("mutation", "users.invite", { email, role: "viewer" })).error).toBeNull();
    const second = await latestMailLink(email, "/accept-invite");
    expect(second.searchParams.get("token")).not.toBe(first.searchParams.get("token"));
    expect((await t.client().trpc("mutation", "auth.acceptInvite", { token: second.searchParams.get("token"), name: "De Volta", password: "senha-do-novo-1" })).error).toBeNull();
    expect(await t.client().login(email, "senha-do-novo-1")).toBeNull();
  });

  it("never removes or demotes the last admin", async () => {
    const t = await createTenant();
    const admin = await t.loginAs("admin");
    const demote = await admin.trpc("mutation", "users.changeRole", { userId: t.users.admin.id, role: "viewer" });
    expect(demote.error?.data.code).toBe("PRECONDITION_FAILED");
    const deactivate = await admin.trpc("mutation", "users.deactivate", { userId: t.users.admin.id });
    expect(deactivate.error?.data.code).toBe("PRECONDITION_FAILED");
    expect((await admin.trpc("mutation", "users.changeRole", { userId: t.users.agent.id, role: "admin" })).error).toBeNull();
    expect((await admin.trpc("mutation", "users.changeRole", { userId: t.users.admin.id, role: "viewer" })).error).toBeNull();
  });

  it("the app role cannot update or delete audit rows", async () => {
    const t = await createTenant();
    const { env } = await import("../support/fixtures");
    const pg = (await import("pg")).default;
    const app = new pg.Client({ connectionString: env().appUrl });
    await app.connect();
    try {
      await app.query("begin");
      await app.query("select set_config('app.tenant_id', $1, true)", [t.id]);
      await app.query("insert into audit_logs (tenant_id, action, entity_type) values ($1, 'test.append', 'test')", [t.id]);
      await expect(app.query("update audit_logs set action = 'x'")).rejects.toThrow(/permission denied/);
      await app.query("rollback");
      await app.query("begin");
      await app.query("select set_config('app.tenant_id', $1, true)", [t.id]);
      await expect(app.query("delete from audit_logs")).rejects.toThrow(/permission denied/);
      await app.query("rollback");
    } finally {
      await app.end();
    }
  });
});
