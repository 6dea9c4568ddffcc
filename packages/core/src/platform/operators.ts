import { sql } from "kysely";
import type { Database } from "@vendaflow/db/create-db";
import { withTenant } from "@vendaflow/db/with-tenant";
import { recordAudit, recordPlatformAudit, type AuditMeta } from "../audit/record";
import type { LoginMeta, SecondStep } from "../auth/login";
import { spendFactor } from "../auth/second-factor";
import { verifyPassword } from "../auth/password";
import { SESSION_TTL_MS } from "../auth/sessions";
import { DomainError } from "../errors";
import { findTenantById } from "../tenancy/tenants";
import { assertRateLimit } from "../rate-limit/assert-rate-limit";
import type { CounterStore } from "../ports/counter-store";
import { operatorFactorStore } from "./operator-two-factor";

/**
 * Platform operators log in on the root domain only; their sessions live in a global table. An
 * operator with two-factor sign-in also needs `second.code` (app or recovery code), with the same
 * answers as a tenant user's login: "totp_required" only once the password was right,
 * "totp_invalid" for a wrong or used code. Every try, with or without a code, counts against the
 * login limits first (which fail closed). A recovery code spent is written to platform_audit_logs.
 */
export async function operatorLogin(db: Database, counters: CounterStore, email: string, password: string, meta: LoginMeta, now: Date, second: SecondStep) {
  await assertRateLimit(counters, "login:ip", meta.ip ?? "unknown", now.getTime());
  await assertRateLimit(counters, "login:email", `operator:${email}`, now.getTime());
  const op = await db.selectFrom("platform_operators").select(["id", "password_hash"]).where("email", "=", email.toLowerCase()).executeTakeFirst();
  if (!(await verifyPassword(password, op?.password_hash ?? null)) || !op) throw new DomainError("UNAUTHORIZED", "E-mail ou senha incorretos.");
  return db.transaction().execute(async (trx) => {
    const store = operatorFactorStore(trx, op.id);
    let factor = null;
    if (await store.enabled()) {
      const code = second.code?.trim();
      if (!code) throw new DomainError("UNAUTHORIZED", "Digite o código do aplicativo autenticador.", { reason: "totp_required" });
      factor = await spendFactor(store, second.keyring, code, now);
      if (!factor) throw new DomainError("UNAUTHORIZED", "Código incorreto ou já usado.", { reason: "totp_invalid" });
    }
    const s = await trx
      .insertInto("platform_sessions")
      .values({ operator_id: op.id, expires_at: new Date(now.getTime() + SESSION_TTL_MS) })
      .returning("id")
      .executeTakeFirstOrThrow();
    if (factor === "recovery_code") await recordPlatformAudit(trx, { actorOperatorId: op.id, ...meta }, { action: "auth.recovery_code_used", entityType: "operator", entityId: op.id });
    return { operatorId: op.id, sessionId: s.id, twoFactor: factor !== null };
  });
}

export async function validateOperatorSession(db: Database, sessionId: string, now: Date) {
  const row = await db
    .selectFrom("platform_sessions as s")
    .innerJoin("platform_operators as o", "o.id", "s.operator_id")
    .select(["s.id as sessionId", "o.id as operatorId", "o.email", "o.name"])
    .select((eb) => eb.exists(eb.selectFrom("platform_operator_two_factor as f").select("f.id").whereRef("f.operator_id", "=", "o.id").where("f.enabled_at", "is not", null)).as("twoFactor"))
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
