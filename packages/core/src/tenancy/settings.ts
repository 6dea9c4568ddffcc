import { sql } from "kysely";
import { randomBytes } from "node:crypto";
import { resolveTxt } from "node:dns/promises";
import type { TenantTx } from "@vendaflow/db/with-tenant";
import type { TenantTheme } from "@vendaflow/validators/tenancy";
import { recordAudit, type AuditMeta } from "../audit/record";
import { invalidateAfterCommit, type AfterCommit } from "../after-commit";
import { tenantsByHost } from "../cache/hot-reads";
import { DomainError } from "../errors";
import { isDomainHostRefused, type DomainHost, type HostedDomain } from "../ports/domains";
import type { Tenant } from "./tenants";

/** The tenant's name and theme; every process's cached tenant (by host) is dropped after the commit. */
export async function updateTenantSettings(tx: TenantTx, tenant: Tenant, input: { name: string; theme: TenantTheme }, meta: AuditMeta, after?: AfterCommit) {
  await tx
    .updateTable("tenants")
    .set({ name: input.name, settings: JSON.stringify({ theme: input.theme }), updated_at: sql<Date>`now()` })
    .where("id", "=", tenant.id)
    .execute();
  await recordAudit(tx, tenant.id, meta, { action: "tenant.settings_update", entityType: "tenant", entityId: tenant.id, before: { name: tenant.name, theme: tenant.theme }, after: input });
  invalidateAfterCommit(after, tenantsByHost);
}

export const domainTxtName = (domain: string) => `_vendaflow.${domain}`;

/** The platform's refusal (invalid name, claimed by an account it will not release) as the admin reads it. */
async function onHost<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    if (isDomainHostRefused(err)) throw new DomainError("BAD_REQUEST", `A hospedagem recusou o domínio: ${err.message}`, { field: "domain", hostCode: err.code });
    throw new DomainError("SERVICE_UNAVAILABLE", "A hospedagem não respondeu. Nada foi alterado; tente de novo em instantes.");
  }
}

/**
 * Stores the domain unverified with a fresh TXT token; it routes nowhere until verified. With a
 * hosting platform (deps.domains), the domain is added to the project in the same request, so its
 * own records (CNAME, its TXT challenge) can be shown at once; a refusal there rolls the change back.
 * The previous domain leaves the project (best effort: a domain no tenant holds routes nowhere).
 */
export async function setCustomDomain(tx: TenantTx, tenant: Tenant, domain: string | null, meta: AuditMeta, after?: AfterCommit, host: DomainHost | null = null) {
  // Saving the same domain again keeps its token and verification (a verified domain keeps routing).
  if (domain && domain === tenant.customDomain) return { token: tenant.customDomainToken, hosting: (await customDomainHosting(tenant, host)).hosting };
  const token = domain ? `vendaflow-verify=${randomBytes(16).toString("hex")}` : null;
  try {
    await tx
      .updateTable("tenants")
      .set({ custom_domain: domain, custom_domain_token: token, custom_domain_verified_at: null, updated_at: sql<Date>`now()` })
      .where("id", "=", tenant.id)
      .execute();
  } catch (err) {
    if ((err as { code?: string }).code === "23505") throw new DomainError("CONFLICT", "Este domínio já está em uso por outra conta.", { field: "domain" });
    throw err;
  }
  const hosting: HostedDomain | null = host && domain ? await onHost(() => host.add(domain)) : null;
  let hostRemoveFailed = false;
  if (host && tenant.customDomain && tenant.customDomain !== domain) {
    const old = tenant.customDomain;
    hostRemoveFailed = await host.remove(old).then(() => false, () => true);
  }
  await recordAudit(tx, tenant.id, meta, { action: "tenant.custom_domain_set", entityType: "tenant", entityId: tenant.id, before: { domain: tenant.customDomain }, after: { domain, ...(hostRemoveFailed ? { hostRemoveFailed } : {}) } });
  invalidateAfterCommit(after, tenantsByHost);
  return { token, hosting };
}

/** The platform's view of the tenant's domain (null without a platform or a domain); never throws for the platform. */
export async function customDomainHosting(tenant: Pick<Tenant, "customDomain">, host: DomainHost | null): Promise<{ hosting: HostedDomain | null; unreachable: boolean }> {
  if (!host || !tenant.customDomain) return { hosting: null, unreachable: false };
  try {
    return { hosting: await host.status(tenant.customDomain), unreachable: false };
  } catch {
    return { hosting: null, unreachable: true };
  }
}

export type TxtResolver = (name: string) => Promise<string[][]>;

/**
 * Verified = our TXT record holds the token and, with a hosting platform, the platform accepts the
 * domain (its TXT challenge, when it set one). DNS not yet pointing at the platform does not block:
 * the settings page shows it until it does.
 */
export async function verifyCustomDomain(tx: TenantTx, tenant: Tenant, meta: AuditMeta, resolver: TxtResolver = resolveTxt, after?: AfterCommit, host: DomainHost | null = null) {
  if (!tenant.customDomain || !tenant.customDomainToken) throw new DomainError("PRECONDITION_FAILED", "Cadastre um domínio antes de verificar.");
  let records: string[][] = [];
  try {
    // A DNS server that never answers must not hold the request (and its transaction) open.
    const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error("dns timeout")), 5000).unref());
    records = await Promise.race([resolver(domainTxtName(tenant.customDomain)), timeout]);
  } catch {
    records = [];
  }
  const found = records.some((chunks) => chunks.join("") === tenant.customDomainToken);
  if (!found) {
    throw new DomainError("PRECONDITION_FAILED", `Registro TXT não encontrado em ${domainTxtName(tenant.customDomain)}. A propagação do DNS pode levar alguns minutos.`);
  }
  const domain = tenant.customDomain;
  const hosting = host ? await onHost(() => host.verify(domain)) : null;
  if (hosting && !hosting.verified) {
    const challenge = hosting.records.find((r) => r.type === "TXT");
    throw new DomainError("PRECONDITION_FAILED", challenge ? `A hospedagem ainda não confirmou o domínio: crie o registro TXT ${challenge.name} e tente de novo.` : "A hospedagem ainda não confirmou o domínio. Tente de novo em alguns minutos.");
  }
  await tx.updateTable("tenants").set({ custom_domain_verified_at: sql<Date>`now()` }).where("id", "=", tenant.id).execute();
  await recordAudit(tx, tenant.id, meta, { action: "tenant.custom_domain_verified", entityType: "tenant", entityId: tenant.id, after: { domain: tenant.customDomain } });
  invalidateAfterCommit(after, tenantsByHost);
  return { hosting };
}
