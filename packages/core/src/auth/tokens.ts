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

/** Where a link's token stands. The page checks it on load and submit consumes only a live one. */
export type LinkState = "live" | "expired" | "used" | "unknown";

/** The token kinds each public link page takes: its load check and its submit read the same list. */
export const LINK_KINDS = {
  verify: ["verify_email", "change_email"],
  reset: ["reset_password"],
  invite: ["invite"],
} as const satisfies Record<string, readonly TokenKind[]>;

/** The one expiry rule: a token is live until used or until its expiry instant (exclusive). */
function stateOf(row: { used_at: Date | null; expires_at: Date } | undefined, now: Date): LinkState {
  if (!row) return "unknown";
  if (row.used_at) return "used";
  return row.expires_at > now ? "live" : "expired";
}

/** The token by its hash, of one of `kinds`, in the transaction's tenant (RLS); locked when about to be consumed. */
function readToken(tx: TenantTx, token: string, kinds: readonly TokenKind[], lock: boolean) {
  const q = tx
    .selectFrom("auth_tokens")
    .select(["id", "user_id as userId", "kind", "new_email as newEmail", "used_at", "expires_at"])
    .where("token_hash", "=", hashToken(token))
    .where("kind", "in", kinds);
  return (lock ? q.forUpdate() : q).executeTakeFirst();
}

/** Whether a link still works, without using it up: the public pages show their form only when live. */
export async function tokenState(tx: TenantTx, token: string, kinds: readonly TokenKind[], now: Date): Promise<LinkState> {
  return stateOf(await readToken(tx, token, kinds, false), now);
}

/**
 * Marks a live token of one of `kinds` used and returns whose it is, its kind and (change_email)
 * the address it confirms; null when unknown, expired or used (the same rule as tokenState). The
 * row lock makes a second, concurrent use wait and then find it used. The verification page takes
 * either e-mail kind: a new account's address or a changed one.
 */
export async function consumeToken(tx: TenantTx, token: string, kinds: readonly TokenKind[], now: Date) {
  const row = await readToken(tx, token, kinds, true);
  if (!row || stateOf(row, now) !== "live") return null;
  await tx.updateTable("auth_tokens").set({ used_at: now }).where("id", "=", row.id).execute();
  return { userId: row.userId, kind: row.kind as TokenKind, newEmail: row.newEmail };
}
