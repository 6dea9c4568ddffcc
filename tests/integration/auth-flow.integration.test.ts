import { afterAll, describe, expect, it } from "vitest";
import { Client } from "../support/http";
import { closeOwner, createTenant, env, latestMailLink, owner, rootClient, uniq } from "../support/fixtures";

afterAll(closeOwner);

describe("signup → verify → login on the tenant's subdomain", () => {
  it("creates tenant + admin in one go, mails a verification link built from ROOT_DOMAIN, and logs in", async () => {
    const slug = uniq("acme");
    const email = `${slug}@example.com`;
    const root = rootClient();
    const res = await root.trpc<{ slug: string; loginUrl: string }>("mutation", "auth.signup", { companyName: "Acme Ltda", slug, name: "Alice", email, password: "senha-forte-1" });
    expect(res.error).toBeNull();
    expect(res.data.loginUrl).toBe(`http://${slug}.${env().rootDomain}/login`);

    const tenant = new Client(env().port, `${slug}.${env().rootDomain}`);
    expect(await tenant.login(email, "senha-forte-1")).toBe("email_not_verified");

    const link = await latestMailLink(email, "/verify-email");
    expect(link.host).toBe(`${slug}.${env().rootDomain}`);
    // Every signed-out page of the workspace carries its name over the card (white label).
    for (const path of [`${link.pathname}${link.search}`, "/login", "/forgot-password", "/reset-password", "/accept-invite"]) {
      const page = await tenant.send("GET", path);
      expect(page.status, path).toBe(200);
      expect(page.text, path).toContain("<span>Acme Ltda</span>");
    }
    const verified = await tenant.trpc("mutation", "auth.verifyEmail", { token: link.searchParams.get("token") });
    expect(verified.error).toBeNull();
    // Single use.
    const again = await tenant.trpc("mutation", "auth.verifyEmail", { token: link.searchParams.get("token") });
    expect(again.error?.data.code).toBe("BAD_REQUEST");

    expect(await tenant.login(email, "senha-forte-1")).toBeNull();
    const me = await tenant.trpc<{ role: string; email: string }>("query", "profile.me");
    expect(me.data).toMatchObject({ role: "admin", email });

    const { rows } = await owner().query("select action from audit_logs a join tenants t on t.id = a.tenant_id where t.slug = $1 order by a.created_at", [slug]);
    expect(rows.map((r) => r.action)).toEqual(["tenant.signup", "user.verify_email", "auth.login"]);
  });

  it("refuses reserved and malformed slugs with a typed error naming the field", async () => {
    const root = rootClient();
    for (const [slug, message] of [["admin", "reservado"], ["ab", "pelo menos 3"], ["Não_Pode", "letras minúsculas"]] as const) {
      const res = await root.trpc("mutation", "auth.signup", { companyName: "X Ltda", slug, name: "Xavier", email: "x@example.com", password: "senha-forte-1" });
      expect(res.error?.data.code).toBe("BAD_REQUEST");
      const issue = res.error?.data.zodIssues?.find((i) => i.path[0] === "slug");
      expect(issue?.message).toContain(message);
    }
  });

  it("answers a taken slug with CONFLICT on the slug field, and stores nothing twice", async () => {
    const root = rootClient();
    const slug = uniq("dup");
    const input = { companyName: "Dup Ltda", slug, name: "Dora", email: `${slug}@example.com`, password: "senha-forte-1" };
    expect((await root.trpc("mutation", "auth.signup", input)).error).toBeNull();
    const second = await root.trpc("mutation", "auth.signup", { ...input, email: `other-${slug}@example.com` });
    expect(second.error?.data.code).toBe("CONFLICT");
    expect(second.error?.data.details).toMatchObject({ field: "slug" });
    const { rows } = await owner().query("select count(*)::int as n from users where email = $1", [`other-${slug}@example.com`]);
    expect(rows[0].n).toBe(0);
  });

  it("does not reveal whether an email exists (forgot password, find workspace)", async () => {
    const root = rootClient();
    const a = await root.trpc("mutation", "auth.findWorkspace", { email: "admin@demo.com" });
    const b = await root.trpc("mutation", "auth.findWorkspace", { email: `nobody-${uniq("x")}@example.com` });
    expect(a).toEqual(b);
    const demo = new Client(env().port, `demo.${env().rootDomain}`);
    const c = await demo.trpc("mutation", "auth.forgotPassword", { email: "viewer@demo.com" });
    const d = await demo.trpc("mutation", "auth.forgotPassword", { email: `nobody-${uniq("y")}@example.com` });
    expect(c).toEqual(d);
    const link = await latestMailLink("viewer@demo.com", "/reset-password");
    expect(link.host).toBe(`demo.${env().rootDomain}`);
  });

  it("resets a password with a single-use link built from the slug, never from the request's Host", async () => {
    const slug = uniq("rst");
    const email = `${slug}@example.com`;
    await rootClient().trpc("mutation", "auth.signup", { companyName: "Rst Ltda", slug, name: "Rui", email, password: "senha-antiga-1" });
    // A forged Host header (a custom domain nobody verified) gets a 404, not a mail with its host.
    const forged = await new Client(env().port, "evil.example").trpc("mutation", "auth.forgotPassword", { email });
    expect(forged.error?.data.code).toBe("NOT_FOUND");
    const tenant = new Client(env().port, `${slug}.${env().rootDomain}`);
    await tenant.trpc("mutation", "auth.forgotPassword", { email });
    const link = await latestMailLink(email, "/reset-password");
    expect(link.origin).toBe(`http://${slug}.${env().rootDomain}`);
    const token = link.searchParams.get("token");
    expect((await tenant.trpc("mutation", "auth.resetPassword", { token, password: "senha-nova-123" })).error).toBeNull();
    expect((await tenant.trpc("mutation", "auth.resetPassword", { token, password: "outra-senha-123" })).error?.data.code).toBe("BAD_REQUEST");
    expect(await tenant.login(email, "senha-antiga-1")).toBe("invalid_credentials");
    expect(await new Client(env().port, tenant.host).login(email, "senha-nova-123")).toBeNull();
  });
});

describe("changing one's own e-mail (Meu perfil)", () => {
  const mailsTo = async (to: string) => (await owner().query("select subject from email_outbox where to_address = $1 order by created_at", [to])).rows.map((r) => r.subject as string);

  it("takes the password, mails a link to the new address and a notice to the old one; the e-mail changes only when the link is opened", async () => {
    const t = await createTenant();
    const agent = await t.loginAs("agent");
    const next = `${uniq("novo")}@example.com`;
    const ask = (input: { newEmail: string; password: string }) => agent.trpc("mutation", "profile.requestEmailChange", input);

    expect((await ask({ newEmail: next, password: "errada-123" })).error).toMatchObject({ data: { code: "BAD_REQUEST", details: { field: "password" } } });
    expect((await ask({ newEmail: t.users.admin.email, password: t.users.agent.password })).error).toMatchObject({ data: { code: "CONFLICT", details: { field: "newEmail" } } });
    expect((await ask({ newEmail: t.users.agent.email.toUpperCase(), password: t.users.agent.password })).error?.message).toBe("Este já é o seu e-mail.");
    expect(await mailsTo(next)).toEqual([]);

    expect((await ask({ newEmail: `  ${next.toUpperCase()} `, password: t.users.agent.password })).error).toBeNull();
    expect(await mailsTo(next)).toEqual([`Confirme seu novo e-mail em Empresa ${t.slug}`]);
    expect(await mailsTo(t.users.agent.email)).toEqual([`Pedido de troca do e-mail da sua conta em Empresa ${t.slug}`]);
    // Nothing changed yet: the old address still signs in, the new one does not.
    expect(await t.client().login(next, t.users.agent.password)).toBe("invalid_credentials");
    expect(await t.client().login(t.users.agent.email, t.users.agent.password)).toBeNull();

    const token = (await latestMailLink(next, "/verify-email")).searchParams.get("token");
    // Another workspace's host does not know the link (RLS).
    const other = await createTenant();
    expect((await other.client().trpc("mutation", "auth.verifyEmail", { token })).error?.data.code).toBe("BAD_REQUEST");
    expect((await t.client().trpc<{ changed: boolean }>("mutation", "auth.verifyEmail", { token })).data).toEqual({ ok: true, changed: true });
    expect((await t.client().trpc("mutation", "auth.verifyEmail", { token })).error?.data.code).toBe("BAD_REQUEST");

    expect(await t.client().login(t.users.agent.email, t.users.agent.password)).toBe("invalid_credentials");
    expect(await t.client().login(next, t.users.agent.password)).toBeNull();
    // The signed-in session goes on, under the new address.
    expect((await agent.trpc<{ email: string }>("query", "profile.me")).data.email).toBe(next);
    const { rows } = await owner().query("select action from audit_logs where tenant_id = $1 and action like 'user.email%' order by created_at", [t.id]);
    expect(rows.map((r) => r.action)).toEqual(["user.email_change_requested", "user.email_changed"]);
  });

  it("an address taken between the request and the link is refused, and the e-mail stays", async () => {
    const t = await createTenant();
    const agent = await t.loginAs("agent");
    const admin = await t.loginAs("admin");
    const next = `${uniq("disputado")}@example.com`;
    expect((await agent.trpc("mutation", "profile.requestEmailChange", { newEmail: next, password: t.users.agent.password })).error).toBeNull();
    const token = (await latestMailLink(next, "/verify-email")).searchParams.get("token");
    expect((await admin.trpc("mutation", "users.invite", { email: next, role: "viewer" })).error).toBeNull();
    expect((await t.client().trpc("mutation", "auth.verifyEmail", { token })).error).toMatchObject({ data: { code: "CONFLICT" } });
    expect((await owner().query("select email from users where id = $1", [t.users.agent.id])).rows[0].email).toBe(t.users.agent.email);
  });
});
