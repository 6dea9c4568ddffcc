import { afterAll, describe, expect, it } from "vitest";
import { Client } from "../support/http";
import { closeOwner, env, latestMailLink, owner, rootClient, uniq } from "../support/fixtures";

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
