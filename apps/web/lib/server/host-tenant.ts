import { parseHost } from "@vendaflow/core/tenancy/host";
import { findTenantBySlug, findTenantByVerifiedDomain, type Tenant } from "@vendaflow/core/tenancy/tenants";
import { env } from "@/lib/env";
import { appDeps } from "./deps";

const cache = new Map<string, { at: number; tenant: Tenant | null }>();

/**
 * The tenant addressed by a Host header (subdomain or verified custom domain); null for root/unknown.
 * Only the proxy accepts a cached answer (maxAgeMs), to decide routing; pages and the API read fresh,
 * so a settings change shows at once on every instance.
 */
export async function tenantForHost(host: string | null, opts: { maxAgeMs?: number } = {}): Promise<{ root: boolean; tenant: Tenant | null }> {
  const target = parseHost(host, env().ROOT_DOMAIN);
  if (target.kind === "root") return { root: true, tenant: null };
  const key = target.kind === "subdomain" ? `s:${target.slug}` : `d:${target.domain}`;
  const hit = cache.get(key);
  if (hit && Date.now() - hit.at < (opts.maxAgeMs ?? 0)) return { root: false, tenant: hit.tenant };
  const db = appDeps().db;
  const tenant = target.kind === "subdomain" ? await findTenantBySlug(db, target.slug) : await findTenantByVerifiedDomain(db, target.domain);
  cache.set(key, { at: Date.now(), tenant });
  return { root: false, tenant };
}
