import { cached } from "@vendaflow/core/cache/context";
import { tenantsByHost } from "@vendaflow/core/cache/hot-reads";
import { parseHost } from "@vendaflow/core/tenancy/host";
import { findTenantByHostSlug, findTenantByVerifiedDomain, type Tenant } from "@vendaflow/core/tenancy/tenants";
import { env } from "@/lib/env";
import { appDeps } from "./deps";

/**
 * The tenant addressed by a Host header (subdomain or verified custom domain); null for root/unknown.
 * From the "tenants-by-host" process cache (core/cache/hot-reads.ts): the tenant's settings, address and
 * domain writers invalidate it after their commit, so a change shows at once here and within about
 * a second on other instances; unknown hosts are read every time (a new signup works at once).
 * A subdomain that is one of the tenant's previous slugs still resolves to it, with `moved`: the
 * proxy redirects pages there to the new address, API routes (widget, webhooks) answer as before.
 * `customDomain`: the tenant's verified custom domain when the host is it (a sign-in there keeps it
 * on the session, which an address change then spares).
 */
export async function tenantForHost(host: string | null): Promise<{ root: boolean; tenant: Tenant | null; moved: boolean; customDomain: string | null }> {
  const target = parseHost(host, env().ROOT_DOMAIN);
  if (target.kind === "root") return { root: true, tenant: null, moved: false, customDomain: null };
  const db = appDeps().db;
  const tenant =
    target.kind === "subdomain"
      ? await cached(tenantsByHost, `s:${target.slug}`, () => findTenantByHostSlug(db, target.slug), (t) => t !== null)
      : await cached(tenantsByHost, `d:${target.domain}`, () => findTenantByVerifiedDomain(db, target.domain), (t) => t !== null);
  return { root: false, tenant, moved: target.kind === "subdomain" && tenant !== null && tenant.slug !== target.slug, customDomain: target.kind === "custom" && tenant ? target.domain : null };
}
