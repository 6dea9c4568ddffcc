import { sql } from "kysely";
import { randomBytes } from "node:crypto";
import { resolveTxt } from "node:dns/promises";
import type { TenantTx } from "@vendaflow/db/with-tenant";
import type { TenantTheme } from "@vendaflow/validators/tenancy";
import { recordAudit, type AuditMeta } from "../audit/record";
import { invalidateAfterCommit, type AfterCommit } from "../after-commit";
import { tenantsByHost } from "../cache/hot-reads";
import { DomainError } from "../errors";
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

/** Stores the domain unverified with a fresh TXT token; it routes nowhere until verified. */
export async function setCustomDomain(tx: TenantTx, tenant: Tenant, domain: string | null, meta: AuditMeta, after?: AfterCommit) {
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
  await recordAudit(tx, tenant.id, meta, { action: "tenant.custom_domain_set", entityType: "tenant", entityId: tenant.id, before: { domain: tenant.customDomain }, after: { domain } });
  invalidateAfterCommit(after, tenantsByHost);
  return token;
}

export type TxtResolver = (name: string) => Promise<string[][]>;

export async function verifyCustomDomain(tx: TenantTx, tenant: Tenant, meta: AuditMeta, resolver: TxtResolver = resolveTxt, after?: AfterCommit) {
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
  await tx.updateTable("tenants").set({ custom_domain_verified_at: sql<Date>`now()` }).where("id", "=", tenant.id).execute();
  await recordAudit(tx, tenant.id, meta, { action: "tenant.custom_domain_verified", entityType: "tenant", entityId: tenant.id, after: { domain: tenant.customDomain } });
  invalidateAfterCommit(after, tenantsByHost);
}
