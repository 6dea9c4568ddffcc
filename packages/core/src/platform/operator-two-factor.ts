import { sql, type Kysely } from "kysely";
import type { DB } from "@vendaflow/db/types";
import { recordPlatformAudit, type PlatformAuditMeta } from "../audit/record";
import { verifyPassword } from "../auth/password";
import { RECOVERY_CODES_LOW } from "../auth/recovery-codes";
import { assertFirstCode, newEnrolment, newRecoveryCodes, spendFactor, wrongCode, wrongPassword, type SecondFactorStore } from "../auth/second-factor";
import type { AppDeps } from "../deps";
import { platformMail } from "../email/sender";
import { operatorTwoFactorChangedMail } from "../email/templates";
import { DomainError } from "../errors";
import { assertRateLimit } from "../rate-limit/assert-rate-limit";

/**
 * "Verificação em duas etapas" of a platform operator, on the operator console: the tenant user's
 * rules (auth/second-factor.ts) over the global platform_operator_two_factor /
 * platform_operator_recovery_codes. Enrolment (password → QR and key → a first code → recovery
 * codes), turning it off and a new set of recovery codes (password and a current code). Turning it
 * on, off and new recovery codes end the operator's other sessions in the same transaction
 * (`currentSessionId` stays), each with a platform_audit_logs row (after.otherSessionsEnded); on
 * and off are also mailed to the operator, as a tenant user's are.
 */
type Deps = Pick<AppDeps, "db" | "now" | "counters" | "encryptionKey" | "email">;

/** What the authenticator app lists the key as: the product, so an operator's key stands apart from a workspace's. */
export const OPERATOR_TOTP_ISSUER = "Vendaflow (operador)";

/** Every password or code typed on the card counts (the tenant card's policy, keyed by operator): a stolen session cannot guess its way through. */
const limit = (deps: Deps, operatorId: string) => assertRateLimit(deps.counters, "two-factor:user", `operator:${operatorId}`, deps.now().getTime());

/** An operator's rows; `db` may be a transaction. */
export function operatorFactorStore(db: Kysely<DB>, operatorId: string): SecondFactorStore {
  return {
    async enabled() {
      const row = await db.selectFrom("platform_operator_two_factor").select(["secret_encrypted", "last_used_step"]).where("operator_id", "=", operatorId).where("enabled_at", "is not", null).executeTakeFirst();
      return row ? { secretEncrypted: row.secret_encrypted, lastUsedStep: row.last_used_step === null ? null : Number(row.last_used_step) } : null;
    },
    async spendRecoveryCode(codeHash, now) {
      const used = await db
        .updateTable("platform_operator_recovery_codes")
        .set({ used_at: now })
        .where("operator_id", "=", operatorId)
        .where("code_hash", "=", codeHash)
        .where("used_at", "is", null)
        .returning("id")
        .executeTakeFirst();
      return Boolean(used);
    },
    async advanceStep(step) {
      const spent = await db
        .updateTable("platform_operator_two_factor")
        .set({ last_used_step: step })
        .where("operator_id", "=", operatorId)
        .where((eb) => eb.or([eb("last_used_step", "is", null), eb("last_used_step", "<", step)]))
        .returning("id")
        .executeTakeFirst();
      return Boolean(spent);
    },
  };
}

/** Ends the operator's live sessions but `except` (the one doing it); how many ended. */
export async function revokeOperatorSessions(db: Kysely<DB>, operatorId: string, opts: { except?: string | null } = {}): Promise<number> {
  let q = db.updateTable("platform_sessions").set({ revoked_at: sql<Date>`now()` }).where("operator_id", "=", operatorId).where("revoked_at", "is", null);
  if (opts.except) q = q.where("id", "!=", opts.except);
  return Number((await q.executeTakeFirst()).numUpdatedRows);
}

const operatorOf = (db: Kysely<DB>, operatorId: string) => db.selectFrom("platform_operators").select(["email", "name", "password_hash"]).where("id", "=", operatorId).executeTakeFirstOrThrow();

async function storeRecoveryCodes(db: Kysely<DB>, operatorId: string) {
  const { codes, hashes } = newRecoveryCodes();
  await db.deleteFrom("platform_operator_recovery_codes").where("operator_id", "=", operatorId).execute();
  await db.insertInto("platform_operator_recovery_codes").values(hashes.map((h) => ({ operator_id: operatorId, code_hash: h }))).execute();
  return codes;
}

export async function operatorTwoFactorStatus(db: Kysely<DB>, operatorId: string) {
  const row = await db.selectFrom("platform_operator_two_factor").select("enabled_at").where("operator_id", "=", operatorId).where("enabled_at", "is not", null).executeTakeFirst();
  if (!row) return { enabled: false as const, enabledAt: null, recoveryCodesLeft: 0, recoveryCodesLow: false };
  const { n } = await db
    .selectFrom("platform_operator_recovery_codes")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("operator_id", "=", operatorId)
    .where("used_at", "is", null)
    .executeTakeFirstOrThrow();
  const left = Number(n);
  return { enabled: true as const, enabledAt: row.enabled_at, recoveryCodesLeft: left, recoveryCodesLow: left <= RECOVERY_CODES_LOW };
}

/** Step 1: with the password, a new pending secret (sealed) and what the app needs to read it. */
export async function startOperatorTwoFactor(deps: Deps, operatorId: string, password: string) {
  await limit(deps, operatorId);
  return deps.db.transaction().execute(async (trx) => {
    const op = await operatorOf(trx, operatorId);
    if (!(await verifyPassword(password, op.password_hash))) throw wrongPassword();
    const { sealed, view } = await newEnrolment(deps.encryptionKey, OPERATOR_TOTP_ISSUER, op.email);
    // A pending secret is replaced (a new QR each time); an enabled one is never touched here.
    const row = await trx
      .insertInto("platform_operator_two_factor")
      .values({ operator_id: operatorId, secret_encrypted: sealed })
      .onConflict((oc) => oc.column("operator_id").doUpdateSet({ secret_encrypted: sealed, last_used_step: null, updated_at: sql<Date>`now()` }).where("platform_operator_two_factor.enabled_at", "is", null))
      .returning("id")
      .executeTakeFirst();
    if (!row) throw new DomainError("CONFLICT", "A verificação em duas etapas já está ativa.");
    return view;
  });
}

/** Step 2: the first code from the app turns 2FA on; the recovery codes are returned this once. */
export async function confirmOperatorTwoFactor(deps: Deps, operatorId: string, currentSessionId: string | null, code: string, meta: PlatformAuditMeta) {
  await limit(deps, operatorId);
  const now = deps.now();
  const done = await deps.db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom("platform_operator_two_factor").select(["secret_encrypted", "enabled_at"]).where("operator_id", "=", operatorId).forUpdate().executeTakeFirst();
    if (!row || row.enabled_at) throw new DomainError("PRECONDITION_FAILED", "Comece de novo: confirme a senha para gerar um novo QR code.");
    const step = assertFirstCode(row.secret_encrypted, deps.encryptionKey, code, now);
    await trx.updateTable("platform_operator_two_factor").set({ enabled_at: now, last_used_step: step, updated_at: sql<Date>`now()` }).where("operator_id", "=", operatorId).execute();
    const recoveryCodes = await storeRecoveryCodes(trx, operatorId);
    const otherSessionsEnded = await revokeOperatorSessions(trx, operatorId, { except: currentSessionId });
    await recordPlatformAudit(trx, meta, { action: "auth.two_factor_enabled", entityType: "operator", entityId: operatorId, after: { otherSessionsEnded } });
    return { recoveryCodes, otherSessionsEnded, op: await operatorOf(trx, operatorId) };
  });
  await deps.email.send(platformMail(done.op.email, operatorTwoFactorChangedMail(done.op.name, "enabled")));
  return { recoveryCodes: done.recoveryCodes, otherSessionsEnded: done.otherSessionsEnded };
}

/** Password and a current code (or a recovery code), spent like at sign-in. */
async function assertBothFactors(deps: Deps, trx: Kysely<DB>, operatorId: string, input: { password: string; code: string }) {
  const op = await operatorOf(trx, operatorId);
  if (!(await verifyPassword(input.password, op.password_hash))) throw wrongPassword();
  if (!(await spendFactor(operatorFactorStore(trx, operatorId), deps.encryptionKey, input.code, deps.now()))) throw wrongCode();
  return op;
}

export async function disableOperatorTwoFactor(deps: Deps, operatorId: string, currentSessionId: string | null, input: { password: string; code: string }, meta: PlatformAuditMeta) {
  await limit(deps, operatorId);
  const done = await deps.db.transaction().execute(async (trx) => {
    const op = await assertBothFactors(deps, trx, operatorId, input);
    await trx.deleteFrom("platform_operator_recovery_codes").where("operator_id", "=", operatorId).execute();
    await trx.deleteFrom("platform_operator_two_factor").where("operator_id", "=", operatorId).execute();
    const otherSessionsEnded = await revokeOperatorSessions(trx, operatorId, { except: currentSessionId });
    await recordPlatformAudit(trx, meta, { action: "auth.two_factor_disabled", entityType: "operator", entityId: operatorId, after: { otherSessionsEnded } });
    return { otherSessionsEnded, op };
  });
  await deps.email.send(platformMail(done.op.email, operatorTwoFactorChangedMail(done.op.name, "disabled")));
  return { otherSessionsEnded: done.otherSessionsEnded };
}

/** A new set of 10 recovery codes; the old ones stop working. */
export async function regenerateOperatorRecoveryCodes(deps: Deps, operatorId: string, currentSessionId: string | null, input: { password: string; code: string }, meta: PlatformAuditMeta) {
  await limit(deps, operatorId);
  return deps.db.transaction().execute(async (trx) => {
    await assertBothFactors(deps, trx, operatorId, input);
    const recoveryCodes = await storeRecoveryCodes(trx, operatorId);
    const otherSessionsEnded = await revokeOperatorSessions(trx, operatorId, { except: currentSessionId });
    await recordPlatformAudit(trx, meta, { action: "auth.recovery_codes_regenerated", entityType: "operator", entityId: operatorId, after: { otherSessionsEnded } });
    return { recoveryCodes, otherSessionsEnded };
  });
}
