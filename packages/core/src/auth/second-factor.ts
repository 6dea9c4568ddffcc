import type { TenantTx } from "@vendaflow/db/with-tenant";
import { decryptCredentials } from "../inboxes/credentials";
import { hashRecoveryCode, isRecoveryCode } from "./recovery-codes";
import { matchTotp } from "./totp";

/** What the sealed user_two_factor.secret_encrypted holds. */
export interface TwoFactorSecret {
  secret: string;
}

export type SecondFactor = "totp" | "recovery_code";

/** Whether the user signs in with a second factor (a pending enrolment does not count). */
export async function twoFactorEnabled(tx: TenantTx, userId: string): Promise<boolean> {
  const row = await tx.selectFrom("user_two_factor").select("id").where("user_id", "=", userId).where("enabled_at", "is not", null).executeTakeFirst();
  return Boolean(row);
}

/**
 * Checks and spends a second factor of a user with 2FA on: an authenticator code (its time step
 * is recorded, so it is never accepted twice) or a recovery code (marked used). Both spends are
 * conditional updates, so two requests racing with one code cannot both win. Null: wrong, used,
 * or 2FA is off.
 */
export async function spendSecondFactor(tx: TenantTx, keyring: string, userId: string, typed: string, now: Date): Promise<SecondFactor | null> {
  const row = await tx
    .selectFrom("user_two_factor")
    .select(["secret_encrypted", "last_used_step"])
    .where("user_id", "=", userId)
    .where("enabled_at", "is not", null)
    .executeTakeFirst();
  if (!row) return null;
  if (isRecoveryCode(typed)) {
    const used = await tx
      .updateTable("user_recovery_codes")
      .set({ used_at: now })
      .where("user_id", "=", userId)
      .where("code_hash", "=", hashRecoveryCode(typed))
      .where("used_at", "is", null)
      .returning("id")
      .executeTakeFirst();
    return used ? "recovery_code" : null;
  }
  const { secret } = decryptCredentials<TwoFactorSecret>(row.secret_encrypted, keyring);
  const step = secret ? matchTotp(secret, typed.replace(/\s/g, ""), now.getTime(), row.last_used_step) : null;
  if (step === null) return null;
  const spent = await tx
    .updateTable("user_two_factor")
    .set({ last_used_step: step })
    .where("user_id", "=", userId)
    .where((eb) => eb.or([eb("last_used_step", "is", null), eb("last_used_step", "<", step)]))
    .returning("id")
    .executeTakeFirst();
  return spent ? "totp" : null;
}
