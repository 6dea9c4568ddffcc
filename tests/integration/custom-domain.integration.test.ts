import { afterAll, describe, expect, it } from "vitest";
import { verifyCustomDomain } from "@vendaflow/core/tenancy/settings";
import { findTenantById } from "@vendaflow/core/tenancy/tenants";
import { createDb } from "@vendaflow/db/create-db";
import { withTenant } from "@vendaflow/db/with-tenant";
import { closeOwner, createTenant, env } from "../support/fixtures";
import { request } from "../support/http";

afterAll(closeOwner);

describe("custom domains", () => {
  it("are stored unverified, route nowhere until the TXT record matches, then route to the tenant", async () => {
    const t = await createTenant();
    const admin = await t.loginAs("admin");
    const domain = `vendas.${t.slug}.example`;
    const set = await admin.trpc<{ txt: { name: string; value: string } }>("mutation", "tenant.setCustomDomain", { domain });
    expect(set.error).toBeNull();
    expect(set.data.txt.name).toBe(`_vendaflow.${domain}`);
    expect(set.data.txt.value).toMatch(/^vendaflow-verify=[0-9a-f]{32}$/);

    expect((await request(env().port, domain, "GET", "/api/me")).status).toBe(404);

    const { db, close } = createDb({ url: env().appUrl, max: 1 });
    try {
      const tenant = (await findTenantById(db, t.id))!;
      // DNS is the port here: a resolver that serves the wrong record, then the right one.
      const wrong = withTenant(db, t.id, (tx) => verifyCustomDomain(tx, tenant, {}, async () => [["vendaflow-verify=nope"]]));
      await expect(wrong).rejects.toMatchObject({ code: "PRECONDITION_FAILED" });
      expect((await request(env().port, domain, "GET", "/api/me")).status).toBe(404);
      const asked: string[] = [];
      await withTenant(db, t.id, (tx) => verifyCustomDomain(tx, tenant, {}, async (name) => (asked.push(name), [[set.data.txt.value.slice(0, 10), set.data.txt.value.slice(10)]])));
      expect(asked).toEqual([`_vendaflow.${domain}`]);
    } finally {
      await close();
    }
    // Verified: the domain now resolves to the tenant (401 = tenant found, no session there).
    expect((await request(env().port, domain, "GET", "/api/me")).status).toBe(401);
    const got = await admin.trpc<{ customDomainVerified: boolean }>("query", "tenant.get");
    expect(got.data.customDomainVerified).toBe(true);
    // No hosting platform configured here: an operator adds domains to it by hand.
    expect((await admin.trpc("query", "tenant.customDomainStatus")).data).toEqual({ managed: false, hosting: null, unreachable: false });
    // Saving the same domain again keeps it verified, with the same token; another one starts over.
    const again = await admin.trpc<{ txt: { value: string } }>("mutation", "tenant.setCustomDomain", { domain: domain.toUpperCase() });
    expect(again.data.txt.value).toBe(set.data.txt.value);
    expect((await admin.trpc<{ customDomainVerified: boolean }>("query", "tenant.get")).data.customDomainVerified).toBe(true);
    expect((await request(env().port, domain, "GET", "/api/me")).status).toBe(401);
    expect((await admin.trpc("mutation", "tenant.setCustomDomain", { domain: `outro.${domain}` })).error).toBeNull();
    expect((await admin.trpc<{ customDomainVerified: boolean }>("query", "tenant.get")).data.customDomainVerified).toBe(false);
    expect((await request(env().port, domain, "GET", "/api/me")).status).toBe(404);
  });

  it("refuses a domain another tenant already claimed", async () => {
    const a = await createTenant();
    const b = await createTenant();
    const domain = `shared.${a.slug}.example`;
    expect((await (await a.loginAs("admin")).trpc("mutation", "tenant.setCustomDomain", { domain })).error).toBeNull();
    const res = await (await b.loginAs("admin")).trpc("mutation", "tenant.setCustomDomain", { domain });
    expect(res.error?.data.code).toBe("CONFLICT");
  });
});
