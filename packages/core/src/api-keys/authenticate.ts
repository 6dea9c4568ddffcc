import { timingSafeEqual } from "node:crypto";
import { sql } from "kysely";
import { withTenant } from "@vendaflow/db/with-tenant";
import { API_KEY_PATTERN, type ApiKeyScope } from "@vendaflow/validators/api-keys";
import type { Role } from "@vendaflow/validators/users";
import type { AppDeps } from "../deps";
import { recordAudit } from "../audit/record";
import { DomainError } from "../errors";
import { assertPlanRateLimit } from "../rate-limit/plan-limits";
import { hashApiKey } from "./keys";

export interface ApiKeyPrincipal {
  id: string;
  prefix: string;
  scopes: ApiKeyScope[];
  /** The key acts as the admin who created it, with that user's current role, and only within its scopes. */
  userId: string;
  role: Role;
  name: string;
  email: string;
}

const refused = () => new DomainError("UNAUTHORIZED", "Chave de API inválida ou revogada.");

/**
 * One API call with a key on a tenant's host: the key is looked up under that tenant's RLS (a key
 * of another tenant is simply not found), compared in constant time, refused when revoked or when
 * its creator is no longer an active user, and rate limited per key at the plan's `apiKey` limit
 * (the policy's own without a plan). Nothing is written here: a refused call changes nothing;
 * `recordApiKeyCall` logs the calls that went through.
 */
export async function authenticateApiKey(deps: Pick<AppDeps, "db" | "counters" | "now">, tenantId: string, key: string): Promise<ApiKeyPrincipal> {
  if (!API_KEY_PATTERN.test(key)) throw refused();
  const row = await withTenant(deps.db, tenantId, async (tx) => {
    const found = await tx
      .selectFrom("api_keys as k")
      .innerJoin("users as u", "u.id", "k.created_by")
      .select(["k.id", "k.prefix", "k.key_hash", "k.scopes", "k.revoked_at", "u.id as userId", "u.role", "u.name", "u.email", "u.is_active"])
      .where("k.prefix", "=", key.slice(0, 16))
      .executeTakeFirst();
    if (!found || found.revoked_at || !found.is_active || !timingSafeEqual(found.key_hash, hashApiKey(key))) throw refused();
    await assertPlanRateLimit(tx, deps.counters, tenantId, "apiKey", found.id, deps.now());
    return found;
  });
  return { id: row.id, prefix: row.prefix, scopes: row.scopes as ApiKeyScope[], userId: row.userId, role: row.role as Role, name: row.name, email: row.email };
}

/** A call made with a key: audited with the key as actor, and its last-used time and address kept (after the call, in a transaction of its own). */
export async function recordApiKeyCall(deps: Pick<AppDeps, "db">, tenantId: string, keyId: string, call: { path: string; type: string; ip: string | null; userAgent: string | null }) {
  await withTenant(deps.db, tenantId, async (tx) => {
    await tx.updateTable("api_keys").set({ last_used_at: sql<Date>`now()`, last_used_ip: call.ip }).where("id", "=", keyId).execute();
    await recordAudit(tx, tenantId, { actorApiKeyId: keyId, ip: call.ip, userAgent: call.userAgent }, { action: "api_key.call", entityType: "api_key", entityId: keyId, after: { path: call.path, type: call.type } });
  });
}
