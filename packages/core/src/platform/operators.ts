import { sql } from "kysely";
import type { Database } from "@vendaflow/db/create-db";
import { withTenant } from "@vendaflow/db/with-tenant";
import { recordAudit, type AuditMeta } from "../audit/record";
import { verifyPassword } from "../auth/password";
import { SESSION_TTL_MS } from "../auth/sessions";
import { DomainError } from "../errors";
import { findTenantById } from "../tenancy/tenants";
import { assertRateLimit } from "../rate-limit/assert-rate-limit";
import type { CounterStore } from "../ports/counter-store";

/** Platform operators log in on the root domain only; their sessions live in a global table. */
export async function operatorLogin(db: Database, counters: CounterStore, email: string, password: string, ip: string | null, now: Date) {
  await assertRateLimit(counters, "login:ip", ip ?? "unknown", now.getTime());
  await assertRateLimit(counters, "login:email", `operator:${email}`, now.getTime());
  const op = await db.selectFrom("platform_operators").select(["id", "password_hash"]).where("email", "=", email.toLowerCase()).executeTakeFirst();
  if (!(await verifyPassword(password, op?.password_hash ?? null)) || !op) throw new DomainError("UNAUTHORIZED", "E-mail ou senha incorretos.");
  const s = await db
    .insertInto("platform_sessions")
    .values({ operator_id: op.id, expires_at: new Date(now.getTime() + SESSION_TTL_MS) })
    .returning("id")
    .executeTakeFirstOrThrow();
  return { operatorId: op.id, sessionId: s.id };
}

export async function validateOperatorSession(db: Database, sessionId: string, now: Date) {
  const row = await db
    .selectFrom("platform_sessions as s")
    .innerJoin("platform_operators as o", "o.id", "s.operator_id")
    .select(["s.id as sessionId", "o.id as operatorId", "o.email", "o.name"])
    .where("s.id", "=", sessionId)
    .where("s.revoked_at", "is", null)
    .where("s.expires_at", ">", now)
    .executeTakeFirst();
  return row ?? null;
}

export async function revokeOperatorSession(db: Database, sessionId: string) {
  await db.updateTable("platform_sessions").set({ revoked_at: sql<Date>`now()` }).where("id", "=", sessionId).execute();
}

/**
 * An operator reads a tenant read-only; the access itself is written to that tenant's audit log
 * first (its own transaction), so every look is on record even if the read fails.
 */
export async function openTenantReadOnly(db: Database, tenantId: string, meta: AuditMeta & { actorOperatorId: string }) {
  if (!(await findTenantById(db, tenantId))) throw new DomainError("NOT_FOUND", "Espaço de trabalho não encontrado.");
  await withTenant(db, tenantId, (tx) => recordAudit(tx, tenantId, meta, { action: "platform.tenant_opened", entityType: "tenant", entityId: tenantId }));
  return withTenant(
    db,
    tenantId,
    async (tx) => {
      const users = await tx.selectFrom("users").select(["id", "email", "name", "role", "is_active", "last_login_at"]).orderBy("created_at").execute();
      const audit = await tx.selectFrom("audit_logs").select(["id", "action", "entity_type", "created_at"]).orderBy("created_at", "desc").limit(20).execute();
      return { users, audit };
    },
    { readOnly: true },
  );
}
