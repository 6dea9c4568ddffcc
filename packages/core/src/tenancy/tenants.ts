import { sql } from "kysely";
import type { Database } from "@vendaflow/db/create-db";
import { tenantThemeSchema, type TenantTheme } from "@vendaflow/validators/tenancy";

export interface Tenant {
  id: string;
  slug: string;
  name: string;
  theme: TenantTheme;
  customDomain: string | null;
  customDomainVerified: boolean;
  customDomainToken: string | null;
  /** Its earlier addresses, most recent first (at most 5): aliases that still reach it (tenancy/slug.ts). */
  previousSlugs: string[];
}

type Row = {
  id: string; slug: string; name: string; settings: unknown; custom_domain: string | null;
  custom_domain_verified_at: Date | null; custom_domain_token: string | null;
  previous_slugs: string[];
};

export function toTenant(r: Row): Tenant {
  const settings = (r.settings ?? {}) as { theme?: unknown };
  return {
    id: r.id,
    slug: r.slug,
    name: r.name,
    theme: tenantThemeSchema.parse(settings.theme ?? {}),
    customDomain: r.custom_domain,
    customDomainVerified: r.custom_domain_verified_at !== null,
    customDomainToken: r.custom_domain_token,
    previousSlugs: r.previous_slugs,
  };
}

const columns = ["id", "slug", "name", "settings", "custom_domain", "custom_domain_verified_at", "custom_domain_token", "previous_slugs"] as const;

// The tenants table is global (no RLS): these narrow lookups are the only way tenant code reaches it.
export async function findTenantBySlug(db: Database, slug: string): Promise<Tenant | null> {
  const r = await db.selectFrom("tenants").select(columns).where("slug", "=", slug).executeTakeFirst();
  return r ? toTenant(r) : null;
}

/**
 * The tenant a subdomain names: its current slug or one of its previous ones (an alias kept after
 * an address change; the caller compares tenant.slug to tell them apart). An alias belongs to one
 * tenant and is never another's current slug (changeSlug and signup check both under one lock).
 */
export async function findTenantByHostSlug(db: Database, slug: string): Promise<Tenant | null> {
  const r = await db
    .selectFrom("tenants")
    .select(columns)
    .where((eb) => eb.or([eb("slug", "=", slug), eb("previous_slugs", "@>", sql<string[]>`array[${slug}]::text[]`)]))
    .orderBy(sql`slug = ${slug}`, "desc")
    .limit(1)
    .executeTakeFirst();
  return r ? toTenant(r) : null;
}

export async function findTenantById(db: Database, id: string): Promise<Tenant | null> {
  const r = await db.selectFrom("tenants").select(columns).where("id", "=", id).executeTakeFirst();
  return r ? toTenant(r) : null;
}

/** A custom domain routes only once its DNS TXT record was verified. */
export async function findTenantByVerifiedDomain(db: Database, domain: string): Promise<Tenant | null> {
  const r = await db
    .selectFrom("tenants")
    .select(columns)
    .where("custom_domain", "=", domain)
    .where("custom_domain_verified_at", "is not", null)
    .executeTakeFirst();
  return r ? toTenant(r) : null;
}

/** A workspace as the operator console lists it: what its table shows, nothing more. */
export interface TenantListItem {
  id: string;
  slug: string;
  name: string;
}

/**
 * The operator console's workspace list, by slug. Only the columns the console shows: the row also
 * holds secrets (the custom-domain verification token) and settings that must not reach a browser.
 */
export async function listTenants(db: Database, opts: { limit: number; afterSlug?: string }): Promise<{ items: TenantListItem[]; nextCursor: string | null }> {
  let q = db.selectFrom("tenants").select(["id", "slug", "name"]).orderBy("slug").limit(opts.limit + 1);
  if (opts.afterSlug) q = q.where("slug", ">", opts.afterSlug);
  const rows = await q.execute();
  return { items: rows.slice(0, opts.limit).map((r) => ({ id: r.id, slug: r.slug, name: r.name })), nextCursor: rows.length > opts.limit ? rows[opts.limit - 1]!.slug : null };
}
