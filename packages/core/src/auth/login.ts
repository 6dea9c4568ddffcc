import { sql } from "kysely";
import type { Database } from "@vendaflow/db/create-db";
import { withTenant } from "@vendaflow/db/with-tenant";
import { DomainError } from "../errors";
import { assertRateLimit } from "../rate-limit/assert-rate-limit";
import type { CounterStore } from "../ports/counter-store";
import { recordAudit } from "../audit/record";
import { verifyPassword } from "./password";
import { spendSecondFactor, twoFactorEnabled } from "./second-factor";
import { createSession } from "./sessions";

export interface LoginMeta {
  ip: string | null;
  userAgent: string | null;
  /** The verified custom domain the sign-in came on (null or absent: the tenant's subdomain); kept on the session (createSession). */
  customDomain?: string | null;
}

/** The second step of a user with 2FA: the code typed (app or recovery code), and the keyring that opens their secret. */
export interface SecondStep {
  code?: string | null;
  keyring: string;
}

/**
 * Email + password for one tenant → a new session row. Errors never say which part was wrong.
 * A user with 2FA also needs `second.code`: without one, the refusal says so (reason
 * "totp_required") only once the password was right; a wrong or used code is "totp_invalid".
 * Every try, with or without a code, counts against the login limits.
 */
export async function login(db: Database, store: CounterStore, tenantId: string, email: string, password: string, meta: LoginMeta, now: Date, second: SecondStep) {
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
    let factor = null;
    if (await twoFactorEnabled(tx, user.id)) {
      const code = second.code?.trim();
      if (!code) throw new DomainError("UNAUTHORIZED", "Digite o código do aplicativo autenticador.", { reason: "totp_required" });
      factor = await spendSecondFactor(tx, second.keyring, user.id, code, now);
      if (!factor) throw new DomainError("UNAUTHORIZED", "Código incorreto ou já usado.", { reason: "totp_invalid" });
    }
    const sessionId = await createSession(tx, tenantId, user.id, meta, now);
    await tx.updateTable("users").set({ last_login_at: sql<Date>`now()` }).where("id", "=", user.id).execute();
    await recordAudit(tx, tenantId, { actorUserId: user.id, ...meta }, { action: "auth.login", entityType: "session", entityId: sessionId, after: factor ? { secondFactor: factor } : undefined });
    if (factor === "recovery_code") await recordAudit(tx, tenantId, { actorUserId: user.id, ...meta }, { action: "auth.recovery_code_used", entityType: "user", entityId: user.id });
    return { sessionId, userId: user.id, role: user.role };
  });
}
