import type { TenantTx } from "@vendaflow/db/with-tenant";
import { DomainError } from "../errors";
import { decryptCredentials, encryptCredentials } from "../inboxes/credentials";
import { generateRecoveryCodes, hashRecoveryCode, isRecoveryCode } from "./recovery-codes";
import { generateTotpSecret, groupSecret, matchTotp, otpauthUri } from "./totp";
import { totpQrSvg } from "./totp-qr";

/**
 * The second factor, whoever holds it: tenant users (user_two_factor / user_recovery_codes, in
 * their tenant's transaction) and platform operators (platform_operator_two_factor /
 * platform_operator_recovery_codes, global). The rules live here once: the secret sealed with the
 * keyring, what the app needs to read it (QR drawn on the server), a first code to turn it on, a
 * code never accepted twice, a recovery code once; each holder's module only says where the rows are.
 */

/** What the sealed *_two_factor.secret_encrypted holds. */
export interface TwoFactorSecret {
  secret: string;
}

export type SecondFactor = "totp" | "recovery_code";

/** Where one holder's enabled secret and recovery codes are (the conditional updates that spend them). */
export interface SecondFactorStore {
  /** The enabled row (a pending enrolment does not count), or null. */
  enabled(): Promise<{ secretEncrypted: string; lastUsedStep: number | null } | null>;
  /** Marks an unused recovery code with this hash used; false when none was. */
  spendRecoveryCode(codeHash: string, now: Date): Promise<boolean>;
  /** Records `step` as the last accepted one, only if it is after the recorded one; false when it was not. */
  advanceStep(step: number): Promise<boolean>;
}

export const sealTotpSecret = (secret: string, keyring: string) => encryptCredentials<TwoFactorSecret>({ secret }, keyring);

/** The time step of a code from the app for a sealed secret (after `lastUsedStep`), or null. */
export function matchSealedTotp(sealed: string, keyring: string, typed: string, now: Date, lastUsedStep: number | null): number | null {
  const { secret } = decryptCredentials<TwoFactorSecret>(sealed, keyring);
  return secret ? matchTotp(secret, typed.replace(/\s/g, ""), now.getTime(), lastUsedStep) : null;
}

/** Enrolment's first step: a new secret, sealed for storing, and what the app reads (issuer and account name the key in the app). */
export async function newEnrolment(keyring: string, issuer: string, account: string) {
  const secret = generateTotpSecret();
  const uri = otpauthUri(issuer, account, secret);
  return { sealed: sealTotpSecret(secret, keyring), view: { uri, qrSvg: await totpQrSvg(uri), secret: groupSecret(secret) } };
}

/** A new set of recovery codes: shown once, only the hashes stored. */
export function newRecoveryCodes() {
  const codes = generateRecoveryCodes();
  return { codes, hashes: codes.map(hashRecoveryCode) };
}

/** The first code proves the app: its step, or the refusal every holder gives. */
export function assertFirstCode(sealed: string, keyring: string, code: string, now: Date): number {
  const step = matchSealedTotp(sealed, keyring, code, now, null);
  if (step === null) throw new DomainError("BAD_REQUEST", "Código incorreto. Confira se o relógio do celular está certo e digite o código atual do aplicativo.", { field: "code" });
  return step;
}

export const wrongPassword = () => new DomainError("BAD_REQUEST", "A senha está incorreta.", { field: "password" });
export const wrongCode = () => new DomainError("BAD_REQUEST", "Código incorreto ou já usado. Digite o código atual do aplicativo ou um código de recuperação.", { field: "code" });

/**
 * Checks and spends a second factor of a holder with 2FA on: an authenticator code (its time step
 * is recorded, so it is never accepted twice) or a recovery code (marked used). Both spends are
 * conditional updates, so two requests racing with one code cannot both win. Null: wrong, used,
 * or 2FA is off.
 */
export async function spendFactor(store: SecondFactorStore, keyring: string, typed: string, now: Date): Promise<SecondFactor | null> {
  const row = await store.enabled();
  if (!row) return null;
  if (isRecoveryCode(typed)) return (await store.spendRecoveryCode(hashRecoveryCode(typed), now)) ? "recovery_code" : null;
  const step = matchSealedTotp(row.secretEncrypted, keyring, typed, now, row.lastUsedStep);
  if (step === null) return null;
  return (await store.advanceStep(step)) ? "totp" : null;
}

/** A tenant user's rows, in their tenant's transaction. */
export function userFactorStore(tx: TenantTx, userId: string): SecondFactorStore {
  return {
    async enabled() {
      const row = await tx.selectFrom("user_two_factor").select(["secret_encrypted", "last_used_step"]).where("user_id", "=", userId).where("enabled_at", "is not", null).executeTakeFirst();
      return row ? { secretEncrypted: row.secret_encrypted, lastUsedStep: row.last_used_step === null ? null : Number(row.last_used_step) } : null;
    },
    async spendRecoveryCode(codeHash, now) {
      const used = await tx.updateTable("user_recovery_codes").set({ used_at: now }).where("user_id", "=", userId).where("code_hash", "=", codeHash).where("used_at", "is", null).returning("id").executeTakeFirst();
      return Boolean(used);
    },
    async advanceStep(step) {
      const spent = await tx
        .updateTable("user_two_factor")
        .set({ last_used_step: step })
        .where("user_id", "=", userId)
        .where((eb) => eb.or([eb("last_used_step", "is", null), eb("last_used_step", "<", step)]))
        .returning("id")
        .executeTakeFirst();
      return Boolean(spent);
    },
  };
}

/** Whether the user signs in with a second factor (a pending enrolment does not count). */
export async function twoFactorEnabled(tx: TenantTx, userId: string): Promise<boolean> {
  return Boolean(await userFactorStore(tx, userId).enabled());
}

/** A tenant user's second factor, spent (sign-in, turning it off, new recovery codes). */
export const spendSecondFactor = (tx: TenantTx, keyring: string, userId: string, typed: string, now: Date) => spendFactor(userFactorStore(tx, userId), keyring, typed, now);
