import { sql } from "kysely";
import { withTenant, type TenantTx } from "@vendaflow/db/with-tenant";
import { recordAudit, type AuditMeta } from "../audit/record";
import type { AppDeps } from "../deps";
import { tenantMail } from "../email/sender";
import { twoFactorChangedMail } from "../email/templates";
import { DomainError } from "../errors";
import { assertRateLimit } from "../rate-limit/assert-rate-limit";
import type { Tenant } from "../tenancy/tenants";
import { verifyPassword } from "./password";
import { RECOVERY_CODES_LOW } from "./recovery-codes";
import { assertFirstCode, newEnrolment, newRecoveryCodes, spendSecondFactor, wrongCode, wrongPassword } from "./second-factor";
import { revokeUserSessions } from "./sessions";

/**
 * "Verificação em duas etapas" in Meu perfil: enrolment (password → secret and QR → a first code),
 * turning it off and a new set of recovery codes (password and a current code). Each action opens
 * its own tenant transaction and mails its notice after the commit (like the e-mail change).
 * Turning it on, turning it off and a new set of recovery codes each end the user's other sessions
 * in the same transaction (a second factor changed: whoever was signed in elsewhere signs in again
 * under the new rule); `currentSessionId`, the session doing it, stays (null for an API key: none
 * is spared, as with "Sair dos outros dispositivos").
 */
type Deps = Pick<AppDeps, "db" | "now" | "counters" | "email" | "encryptionKey">;

/** Every password or code typed here counts: a stolen session cannot guess its way through. */
const limit = (deps: Deps, tenantId: string, userId: string) => assertRateLimit(deps.counters, "two-factor:user", `${tenantId}:${userId}`, deps.now().getTime());

async function userOf(tx: TenantTx, userId: string) {
  return tx.selectFrom("users").select(["name", "email", "password_hash"]).where("id", "=", userId).executeTakeFirstOrThrow();
}

async function storeRecoveryCodes(tx: TenantTx, tenantId: string, userId: string) {
  const { codes, hashes } = newRecoveryCodes();
  await tx.deleteFrom("user_recovery_codes").where("user_id", "=", userId).execute();
  await tx.insertInto("user_recovery_codes").values(hashes.map((h) => ({ tenant_id: tenantId, user_id: userId, code_hash: h }))).execute();
  return codes;
}

export async function twoFactorStatus(tx: TenantTx, userId: string) {
  const row = await tx.selectFrom("user_two_factor").select("enabled_at").where("user_id", "=", userId).where("enabled_at", "is not", null).executeTakeFirst();
  if (!row) return { enabled: false as const, enabledAt: null, recoveryCodesLeft: 0, recoveryCodesLow: false };
  const { n } = await tx.selectFrom("user_recovery_codes").select((eb) => eb.fn.countAll<number>().as("n")).where("user_id", "=", userId).where("used_at", "is", null).executeTakeFirstOrThrow();
  const left = Number(n);
  return { enabled: true as const, enabledAt: row.enabled_at, recoveryCodesLeft: left, recoveryCodesLow: left <= RECOVERY_CODES_LOW };
}

/** Step 1: with the password, a new pending secret (sealed) and what the app needs to read it. Issuer: the workspace's name. */
export async function startTwoFactorEnrolment(deps: Deps, tenant: Tenant, userId: string, password: string) {
  await limit(deps, tenant.id, userId);
  return withTenant(deps.db, tenant.id, async (tx) => {
    const user = await userOf(tx, userId);
    if (!(await verifyPassword(password, user.password_hash))) throw wrongPassword();
    const { sealed, view } = await newEnrolment(deps.encryptionKey, tenant.name, user.email);
    // A pending secret is replaced (a new QR each time); an enabled one is never touched here.
    const row = await tx
      .insertInto("user_two_factor")
      .values({ tenant_id: tenant.id, user_id: userId, secret_encrypted: sealed })
      .onConflict((oc) => oc.columns(["tenant_id", "user_id"]).doUpdateSet({ secret_encrypted: sealed, last_used_step: null, updated_at: sql<Date>`now()` }).where("user_two_factor.enabled_at", "is", null))
      .returning("id")
      .executeTakeFirst();
    if (!row) throw new DomainError("CONFLICT", "A verificação em duas etapas já está ativa.");
    return view;
  });
}

/** Step 2: the first code from the app turns 2FA on; the recovery codes are returned this once. */
export async function confirmTwoFactorEnrolment(deps: Deps, tenant: Tenant, userId: string, currentSessionId: string | null, code: string, meta: AuditMeta) {
  await limit(deps, tenant.id, userId);
  const now = deps.now();
  const done = await withTenant(deps.db, tenant.id, async (tx) => {
    const row = await tx.selectFrom("user_two_factor").select(["secret_encrypted", "enabled_at"]).where("user_id", "=", userId).forUpdate().executeTakeFirst();
    if (!row || row.enabled_at) throw new DomainError("PRECONDITION_FAILED", "Comece de novo: confirme a senha para gerar um novo QR code.");
    const step = assertFirstCode(row.secret_encrypted, deps.encryptionKey, code, now);
    await tx.updateTable("user_two_factor").set({ enabled_at: now, last_used_step: step, updated_at: sql<Date>`now()` }).where("user_id", "=", userId).execute();
    const codes = await storeRecoveryCodes(tx, tenant.id, userId);
    const otherSessionsEnded = await revokeUserSessions(tx, userId, { except: currentSessionId });
    await recordAudit(tx, tenant.id, meta, { action: "auth.two_factor_enabled", entityType: "user", entityId: userId, after: { otherSessionsEnded } });
    return { codes, otherSessionsEnded, user: await userOf(tx, userId) };
  });
  await deps.email.send(tenantMail(tenant, done.user.email, twoFactorChangedMail(tenant, done.user.name, "enabled")));
  return { recoveryCodes: done.codes, otherSessionsEnded: done.otherSessionsEnded };
}

/** Password and a current code (or a recovery code), spent like at sign-in. */
async function assertBothFactors(deps: Deps, tx: TenantTx, userId: string, input: { password: string; code: string }) {
  const user = await userOf(tx, userId);
  if (!(await verifyPassword(input.password, user.password_hash))) throw wrongPassword();
  if (!(await spendSecondFactor(tx, deps.encryptionKey, userId, input.code, deps.now()))) throw wrongCode();
  return user;
}

export async function disableTwoFactor(deps: Deps, tenant: Tenant, userId: string, currentSessionId: string | null, input: { password: string; code: string }, meta: AuditMeta) {
  await limit(deps, tenant.id, userId);
  const done = await withTenant(deps.db, tenant.id, async (tx) => {
    const user = await assertBothFactors(deps, tx, userId, input);
    await tx.deleteFrom("user_recovery_codes").where("user_id", "=", userId).execute();
    await tx.deleteFrom("user_two_factor").where("user_id", "=", userId).execute();
    const otherSessionsEnded = await revokeUserSessions(tx, userId, { except: currentSessionId });
    await recordAudit(tx, tenant.id, meta, { action: "auth.two_factor_disabled", entityType: "user", entityId: userId, after: { otherSessionsEnded } });
    return { user, otherSessionsEnded };
  });
  await deps.email.send(tenantMail(tenant, done.user.email, twoFactorChangedMail(tenant, done.user.name, "disabled")));
  return { otherSessionsEnded: done.otherSessionsEnded };
}

/** A new set of 10 recovery codes; the old ones stop working. */
export async function regenerateRecoveryCodes(deps: Deps, tenant: Tenant, userId: string, currentSessionId: string | null, input: { password: string; code: string }, meta: AuditMeta) {
  await limit(deps, tenant.id, userId);
  return withTenant(deps.db, tenant.id, async (tx) => {
    await assertBothFactors(deps, tx, userId, input);
    const codes = await storeRecoveryCodes(tx, tenant.id, userId);
    const otherSessionsEnded = await revokeUserSessions(tx, userId, { except: currentSessionId });
    await recordAudit(tx, tenant.id, meta, { action: "auth.recovery_codes_regenerated", entityType: "user", entityId: userId, after: { otherSessionsEnded } });
    return { recoveryCodes: codes, otherSessionsEnded };
  });
}
