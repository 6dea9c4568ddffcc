import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setCustomDomain, verifyCustomDomain } from "@vendaflow/core/tenancy/settings";
import { findTenantById } from "@vendaflow/core/tenancy/tenants";
import { vercelDomains } from "@vendaflow/connectors/vercel/vercel-domains";
import { createDb, type Database } from "@vendaflow/db/create-db";
import { withTenant } from "@vendaflow/db/with-tenant";
import { startAppServer } from "../support/app-server";
import { closeOwner, createTenant, env, owner } from "../support/fixtures";
import { request } from "../support/http";
import type { NextServer } from "../support/next-server";
import { signedInClients } from "../support/sessions";
import { startVercelStandIn, type VercelStandIn } from "../stand-ins/vercel";

// Tenants' custom domains on the hosting platform: an app instance pointed at the Vercel stand-in
// (VERCEL_API_BASE), domains set through tRPC, and the hosting's records, challenge and DNS state
// read back through the official SDK. Our own TXT check is DNS: verify runs in core with a resolver.

type Hosted = { added: boolean; verified: boolean; misconfigured: boolean; records: { type: string; name: string; value: string }[] };

let app: NextServer & { rootDomain: string };
let vercel: VercelStandIn;
let db: Database;
let closeDb: () => Promise<void>;
const as = signedInClients(() => app);

beforeAll(async () => {
  vercel = await startVercelStandIn();
  app = await startAppServer({ VERCEL_API_TOKEN: vercel.token, VERCEL_PROJECT_ID: vercel.projectId, VERCEL_TEAM_ID: vercel.teamId, VERCEL_API_BASE: vercel.url });
  ({ db, close: closeDb } = createDb({ url: env().appUrl, max: 2 }));
});
afterAll(async () => {
  await app?.stop();
  await vercel?.close();
  await closeDb?.();
  await closeOwner();
});

const host = () => vercelDomains({ token: vercel.token, project: vercel.projectId, teamId: vercel.teamId, apiBase: vercel.url });

/** Our TXT record as the tenant would have created it, served by the resolver port. */
async function verifyWithTxt(tenantId: string, txt: string) {
  const tenant = (await findTenantById(db, tenantId))!;
  return withTenant(db, tenantId, (tx) => verifyCustomDomain(tx, tenant, {}, async () => [[txt]], undefined, host()));
}

describe("custom domains on Vercel", () => {
  it("adds the domain to the project, shows the CNAME to set, tracks DNS, and routes once verified", async () => {
    const t = await createTenant();
    const admin = await as(t);
    const domain = `vendas.${t.slug}.example`;
    const set = await admin.trpc<{ txt: { value: string }; hosting: Hosted }>("mutation", "tenant.setCustomDomain", { domain });
    expect(set.error, set.error?.message).toBeNull();
    expect(set.data.hosting).toEqual({ added: true, verified: true, misconfigured: true, records: [{ type: "CNAME", name: "vendas", value: "cname.vercel-dns.com" }] });
    expect(vercel.domains.get(domain)?.projectId).toBe(vercel.projectId);
    expect(vercel.requests.every((r) => r.teamId === vercel.teamId)).toBe(true);

    const status = await admin.trpc<{ managed: boolean; hosting: Hosted; unreachable: boolean }>("query", "tenant.customDomainStatus");
    expect(status.data).toMatchObject({ managed: true, unreachable: false, hosting: { misconfigured: true } });
    vercel.point(domain);
    expect((await admin.trpc<{ hosting: Hosted }>("query", "tenant.customDomainStatus")).data.hosting.misconfigured).toBe(false);

    // Another tenant's admin sees nothing of it.
    const other = await as(await createTenant());
    expect((await other.trpc<{ hosting: Hosted | null }>("query", "tenant.customDomainStatus")).data.hosting).toBeNull();

    expect((await request(app.port, domain, "GET", "/api/me")).status).toBe(404);
    await expect(verifyWithTxt(t.id, "vendaflow-verify=wrong")).rejects.toMatchObject({ code: "PRECONDITION_FAILED" });
    await verifyWithTxt(t.id, set.data.txt.value);
    expect((await request(app.port, domain, "GET", "/api/me")).status).toBe(401);
  });

  it("keeps a domain another Vercel account uses unverified until Vercel's TXT challenge is set", async () => {
    const t = await createTenant();
    const admin = await as(t);
    const domain = `loja.${t.slug}.example`;
    vercel.claimedElsewhere.add(domain);
    const set = await admin.trpc<{ txt: { value: string }; hosting: Hosted }>("mutation", "tenant.setCustomDomain", { domain });
    expect(set.data.hosting.verified).toBe(false);
    const challenge = set.data.hosting.records.find((r) => r.type === "TXT");
    expect(challenge).toMatchObject({ name: `_vercel.${t.slug}.example` });
    expect(challenge!.value).toMatch(/^vc-domain-verify=/);

    // Our TXT is there, Vercel's is not: still unverified, still routing nowhere.
    await expect(verifyWithTxt(t.id, set.data.txt.value)).rejects.toMatchObject({ code: "PRECONDITION_FAILED", message: expect.stringContaining(`_vercel.${t.slug}.example`) });
    expect((await owner().query("select custom_domain_verified_at from tenants where id = $1", [t.id])).rows[0].custom_domain_verified_at).toBeNull();
    expect((await request(app.port, domain, "GET", "/api/me")).status).toBe(404);

    vercel.setTxt(domain);
    const { hosting } = await verifyWithTxt(t.id, set.data.txt.value);
    expect(hosting).toMatchObject({ verified: true });
    expect(hosting!.records.some((r) => r.type === "TXT")).toBe(false);
    expect((await request(app.port, domain, "GET", "/api/me")).status).toBe(401);
  });

  it("takes the old domain off the project on a change or removal, and a refusal changes nothing", async () => {
    const t = await createTenant();
    const admin = await as(t);
    const first = `a.${t.slug}.example`;
    const second = `b.${t.slug}.example`;
    expect((await admin.trpc("mutation", "tenant.setCustomDomain", { domain: first })).error).toBeNull();
    expect((await admin.trpc("mutation", "tenant.setCustomDomain", { domain: second })).error).toBeNull();
    expect(vercel.domains.has(first)).toBe(false);
    expect(vercel.domains.has(second)).toBe(true);

    const refused = `c.${t.slug}.example`;
    vercel.refuse.set(refused, { status: 400, code: "invalid_domain", message: `The domain "${refused}" is not valid` });
    const res = await admin.trpc("mutation", "tenant.setCustomDomain", { domain: refused });
    expect(res.error?.data.code).toBe("BAD_REQUEST");
    expect(res.error?.message).toContain("A hospedagem recusou o domínio");
    expect((await owner().query("select custom_domain from tenants where id = $1", [t.id])).rows[0].custom_domain).toBe(second);
    expect(vercel.domains.has(second)).toBe(true);

    expect((await admin.trpc("mutation", "tenant.setCustomDomain", { domain: null })).error).toBeNull();
    expect(vercel.domains.has(second)).toBe(false);
    expect((await owner().query("select custom_domain from tenants where id = $1", [t.id])).rows[0].custom_domain).toBeNull();
  });

  it("answers 503 and stores nothing when Vercel does not answer", async () => {
    const t = await createTenant();
    const tenant = (await findTenantById(db, t.id))!;
    const down = vercelDomains({ token: vercel.token, project: vercel.projectId, teamId: vercel.teamId, apiBase: "http://127.0.0.1:9" });
    await expect(withTenant(db, t.id, (tx) => setCustomDomain(tx, tenant, `x.${t.slug}.example`, {}, undefined, down))).rejects.toMatchObject({ code: "SERVICE_UNAVAILABLE" });
    expect((await owner().query("select custom_domain from tenants where id = $1", [t.id])).rows[0].custom_domain).toBeNull();
  });
});
