import { createHash, randomBytes } from "node:crypto";
import type { TenantTx } from "@vendaflow/db/with-tenant";

export type TokenKind = "verify_email" | "reset_password" | "invite" | "change_email";

export const TOKEN_TTL_MS: Record<TokenKind, number> = {
  verify_email: 48 * 3600_000,
  reset_password: 3600_000,
  invite: 7 * 24 * 3600_000,
  change_email: 24 * 3600_000,
};

export const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

/**
 * Issues a single-use token; only its hash is stored. Earlier unused tokens of the kind die.
 * A change_email token carries the address it confirms (`newEmail`).
 */
export async function issueToken(tx: TenantTx, tenantId: string, userId: string, kind: TokenKind, now: Date, newEmail: string | null = null) {
  const token = randomBytes(32).toString("base64url");
  await tx.updateTable("auth_tokens").set({ used_at: now }).where("user_id", "=", userId).where("kind", "=", kind).where("used_at", "is", null).execute();
  await tx
    .insertInto("auth_tokens")
    .values({ tenant_id: tenantId, user_id: userId, kind, token_hash: hashToken(token), expires_at: new Date(now.getTime() + TOKEN_TTL_MS[kind]), new_email: newEmail })
    .execute();
  return token;
}

/**
 * Marks a live token of one of `kinds` used and returns whose it is, its kind and (change_email)
 * the address it confirms; null when unknown, expired or used. The verification page takes either
 * e-mail kind: a new account's address or a changed one.
 */
export async function consumeToken(tx: TenantTx, token: string, kinds: readonly TokenKind[], now: Date) {
  const row = await tx
    .updateTable("auth_tokens")
    .set({ used_at: now })
    .where("token_hash", "=", hashToken(token))
    .where("kind", "in", kinds)
    .where("used_at", "is", null)
    .where("expires_at", ">", now)
    .returning(["user_id as userId", "kind", "new_email as newEmail"])
    .executeTakeFirst();
  return row ?? null;
}
