import { sql } from "kysely";
import type { Database } from "@vendaflow/db/create-db";
import { withTenant } from "@vendaflow/db/with-tenant";
import { DomainError } from "../errors";
import { assertRateLimit } from "../rate-limit/assert-rate-limit";
import type { CounterStore } from "../ports/counter-store";
import { recordAudit } from "../audit/record";
import { verifyPassword } from "./password";
import { createSession } from "./sessions";

export interface LoginMeta {
  ip: string | null;
  userAgent: string | null;
}

/** Email + password for one tenant → a new session row. Errors never say which part was wrong. */
export async function login(db: Database, store: CounterStore, tenantId: string, email: string, password: string, meta: LoginMeta, now: Date) {
  await assertRateLimit(store, "login:ip", meta.ip ?? "unknown", now.getTime());
  await assertRateLimit(store, "login:email", `${tenantId}:${email}`, now.getTime());
  return withTenant(db, tenantId, async (tx) => {
    const user = await tx
      .selectFrom("users")
      .select(["id", "password_hash", "is_active", "email_verified_at", "role"])
      .where("email_key", "=", email.toLowerCase())
      .executeTakeFirst();
    const ok = await verifyPassword(password, user?.password_hash ?? null);
    if (!user || !ok || !user.is_active) throw new DomainError("UNAUTHORIZED", "E-mail ou senha incorretos.");
    if (!user.email_verified_at) throw new DomainError("PRECONDITION_FAILED", "Confirme seu e-mail antes de entrar: enviamos um link na criação da conta.", { reason: "email_not_verified" });
    const sessionId = await createSession(tx, tenantId, user.id, meta, now);
    await tx.updateTable("users").set({ last_login_at: sql<Date>`now()` }).where("id", "=", user.id).execute();
    await recordAudit(tx, tenantId, { actorUserId: user.id, ...meta }, { action: "auth.login", entityType: "session", entityId: sessionId });
    return { sessionId, userId: user.id, role: user.role };
  });
}
