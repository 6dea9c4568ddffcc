import { createHash, randomBytes } from "node:crypto";
import { sql } from "kysely";
import type { TenantTx } from "@vendaflow/db/with-tenant";
import type { ApiKeyCreateInput } from "@vendaflow/validators/api-keys";
import { recordAudit, type AuditMeta } from "../audit/record";
import { DomainError } from "../errors";

const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/** 12 random alphanumerics (the public part a key is looked up by). */
function randomPrefix() {
  const bytes = randomBytes(12);
  return `vfk_${Array.from(bytes, (b) => ALNUM[b % ALNUM.length]).join("")}`;
}

/** SHA-256 of the whole key: keys carry 256 random bits, so a slow password hash would add nothing. */
export const hashApiKey = (key: string) => createHash("sha256").update(key).digest();

export const apiKeyColumns = ["id", "name", "prefix", "scopes", "created_at", "last_used_at", "last_used_ip", "revoked_at"] as const;

/** Active keys a tenant may hold: enough for one per integration, and the list stays one screen. */
export const MAX_ACTIVE_API_KEYS = 25;
/** Revoked keys the list still shows (newest first); older ones live on in the audit log. */
export const LISTED_REVOKED_API_KEYS = 50;

/** A new key: the whole secret is returned here once and never stored. */
export async function createApiKey(tx: TenantTx, tenantId: string, userId: string, input: ApiKeyCreateInput, meta: AuditMeta) {
  // Serialises creations per tenant, so two at once cannot both pass the count below.
  await sql`select pg_advisory_xact_lock(hashtextextended(${`api-keys:${tenantId}`}, 0))`.execute(tx);
  const { n } = await tx.selectFrom("api_keys").select(sql<number>`count(*)::int`.as("n")).where("revoked_at", "is", null).executeTakeFirstOrThrow();
  if (n >= MAX_ACTIVE_API_KEYS) throw new DomainError("PRECONDITION_FAILED", `Limite de ${MAX_ACTIVE_API_KEYS} chaves ativas atingido. Revogue uma chave que não é mais usada para criar outra.`);
  const prefix = randomPrefix();
  const key = `${prefix}_${randomBytes(32).toString("base64url")}`;
  const row = await tx
    .insertInto("api_keys")
    .values({ tenant_id: tenantId, name: input.name, prefix, key_hash: hashApiKey(key), scopes: input.scopes, created_by: userId })
    .returning(apiKeyColumns)
    .executeTakeFirstOrThrow();
  await recordAudit(tx, tenantId, meta, { action: "api_key.created", entityType: "api_key", entityId: row.id, after: { name: row.name, prefix, scopes: row.scopes } });
  return { apiKey: row, key };
}

/** Every active key (at most MAX_ACTIVE_API_KEYS), then the newest LISTED_REVOKED_API_KEYS revoked ones. */
export async function listApiKeys(tx: TenantTx) {
  const active = await tx.selectFrom("api_keys").select(apiKeyColumns).where("revoked_at", "is", null).orderBy("created_at", "desc").execute();
  const revoked = await tx.selectFrom("api_keys").select(apiKeyColumns).where("revoked_at", "is not", null).orderBy("revoked_at", "desc").limit(LISTED_REVOKED_API_KEYS).execute();
  return [...active, ...revoked];
}

/** Revoked at once: every call reads the key row, so the next request with it is refused. */
export async function revokeApiKey(tx: TenantTx, tenantId: string, userId: string, id: string, meta: AuditMeta) {
  const row = await tx
    .updateTable("api_keys")
    .set({ revoked_at: sql<Date>`now()`, revoked_by: userId })
    .where("id", "=", id)
    .where("revoked_at", "is", null)
    .returning(["id", "name", "prefix"])
    .executeTakeFirst();
  if (!row) throw new DomainError("NOT_FOUND", "Chave não encontrada ou já revogada.");
  await recordAudit(tx, tenantId, meta, { action: "api_key.revoked", entityType: "api_key", entityId: row.id, before: { name: row.name, prefix: row.prefix } });
}
