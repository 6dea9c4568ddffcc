import { sql } from "kysely";
import type { Database } from "@vendaflow/db/create-db";
import { withTenant, type TenantTx } from "@vendaflow/db/with-tenant";
import type { Role } from "@vendaflow/validators/users";
import { recordAudit, type AuditMeta } from "../audit/record";
import { DomainError } from "../errors";

export const SESSION_TTL_MS = 30 * 24 * 3600_000;

export interface SessionUser {
  sessionId: string;
  userId: string;
  tenantId: string;
  role: Role;
  name: string;
  email: string;
}

/** A new session row. `customDomain`: the verified custom domain its cookie belongs to (an address change spares it, revokeTenantSessions). */
export async function createSession(tx: TenantTx, tenantId: string, userId: string, meta: { ip?: string | null; userAgent?: string | null; customDomain?: string | null }, now: Date) {
  const row = await tx
    .insertInto("sessions")
    .values({ tenant_id: tenantId, user_id: userId, ip: meta.ip ?? null, user_agent: meta.userAgent ?? null, custom_domain: meta.customDomain ?? null, expires_at: new Date(now.getTime() + SESSION_TTL_MS) })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * The JWT only names a session; this row decides whether it is alive. Checked on every request,
 * so logout, password or role change and deactivation end live sessions at once.
 */
export async function validateSession(db: Database, tenantId: string, sessionId: string, now: Date): Promise<SessionUser | null> {
  const row = await withTenant(db, tenantId, (tx) =>
    tx
      .selectFrom("sessions as s")
      .innerJoin("users as u", "u.id", "s.user_id")
      .select(["s.id as sessionId", "u.id as userId", "u.role", "u.name", "u.email"])
      .where("s.id", "=", sessionId)
      .where("s.revoked_at", "is", null)
      .where("s.expires_at", ">", now)
      .where("u.is_active", "=", true)
      .executeTakeFirst(),
  );
  return row ? { ...row, tenantId, role: row.role as Role } : null;
}

/** True when this call ended a live session (false: unknown, already revoked, or not `userId`'s). */
export async function revokeSession(tx: TenantTx, sessionId: string, opts: { userId?: string } = {}): Promise<boolean> {
  let q = tx.updateTable("sessions").set({ revoked_at: sql<Date>`now()` }).where("id", "=", sessionId).where("revoked_at", "is", null);
  if (opts.userId) q = q.where("user_id", "=", opts.userId);
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Ends every live session of a user, optionally keeping the one making the change; how many ended. */
export async function revokeUserSessions(tx: TenantTx, userId: string, opts: { except?: string | null } = {}): Promise<number> {
  let q = tx.updateTable("sessions").set({ revoked_at: sql<Date>`now()` }).where("user_id", "=", userId).where("revoked_at", "is", null);
  if (opts.except) q = q.where("id", "!=", opts.except);
  return Number((await q.executeTakeFirst()).numUpdatedRows);
}

/**
 * Ends the live sessions of the workspace's subdomain, of every user (its address changed); how
 * many ended. A session signed in on the workspace's verified custom domain stays: its host is not
 * the address that changed. One with no domain recorded (the subdomain, or from before migration
 * 0167) or another domain (no longer the workspace's) ends. API keys are not sessions.
 */
export async function revokeTenantSessions(tx: TenantTx, tenantId: string): Promise<number> {
  const r = await tx
    .updateTable("sessions")
    .set({ revoked_at: sql<Date>`now()` })
    .where("tenant_id", "=", tenantId)
    .where("revoked_at", "is", null)
    .where((eb) =>
      eb.or([
        eb("custom_domain", "is", null),
        eb.not(eb.exists(eb.selectFrom("tenants as t").select(sql`1`.as("one")).where("t.id", "=", tenantId).whereRef("t.custom_domain", "=", "sessions.custom_domain").where("t.custom_domain_verified_at", "is not", null))),
      ]),
    )
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export async function logout(db: Database, tenantId: string, sessionId: string, meta: { ip?: string | null; userAgent?: string | null; actorUserId?: string | null }) {
  // Both sign-out paths (auth.logout and Auth.js's signout) land here: the audit row is written once.
  await withTenant(db, tenantId, async (tx) => {
    if (await revokeSession(tx, sessionId)) await recordAudit(tx, tenantId, meta, { action: "auth.logout", entityType: "session", entityId: sessionId });
  });
}

/** A user's live sessions, newest first: where they are signed in (their profile lists them). */
export async function listUserSessions(tx: TenantTx, userId: string, now: Date) {
  return tx
    .selectFrom("sessions")
    .select(["id", "created_at as createdAt", "expires_at as expiresAt", "ip", "user_agent as userAgent"])
    .where("user_id", "=", userId)
    .where("revoked_at", "is", null)
    .where("expires_at", ">", now)
    .orderBy("created_at", "desc")
    .limit(100)
    .execute();
}

/**
 * Ends one of the user's own sessions (a lost phone, a shared computer). Another user's session,
 * even in the same workspace, is "not found": the row filter is the user, not only the tenant.
 */
export async function endOwnSession(tx: TenantTx, tenantId: string, userId: string, sessionId: string, meta: AuditMeta) {
  if (!(await revokeSession(tx, sessionId, { userId }))) throw new DomainError("NOT_FOUND", "Sessão não encontrada ou já encerrada.");
  await recordAudit(tx, tenantId, meta, { action: "auth.session_ended", entityType: "session", entityId: sessionId });
}

/** "Sair dos outros dispositivos": every live session of the user but the one asking (none spared for an API key). */
export async function endOtherSessions(tx: TenantTx, tenantId: string, userId: string, currentSessionId: string | null, meta: AuditMeta) {
  let q = tx.updateTable("sessions").set({ revoked_at: sql<Date>`now()` }).where("user_id", "=", userId).where("revoked_at", "is", null);
  if (currentSessionId) q = q.where("id", "!=", currentSessionId);
  const rows = await q.returning("id").execute();
  if (rows.length) await recordAudit(tx, tenantId, meta, { action: "auth.other_sessions_ended", entityType: "user", entityId: userId, after: { sessions: rows.length } });
  return rows.length;
}
