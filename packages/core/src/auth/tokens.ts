import { createHash, randomBytes } from "node:crypto";
import { sql } from "kysely";
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

/**
 * The one expiry rule, in SQL so that the page's check and the consuming UPDATE read the same
 * expression: a token is live until used or until its expiry instant (exclusive).
 */
const live = (now: Date) => sql<boolean>`used_at is null and expires_at > ${now}`;

/** Whether a link still works, without using it up: the public pages show their form only when live. */
export async function tokenState(tx: TenantTx, token: string, kinds: readonly TokenKind[], now: Date): Promise<LinkState> {
  // The token by its hash, of one of `kinds`, in the transaction's tenant (RLS).
  const row = await tx
    .selectFrom("auth_tokens")
    .select([live(now).as("live"), sql<boolean>`used_at is not null`.as("used")])
    .where("token_hash", "=", hashToken(token))
    .where("kind", "in", kinds)
    .executeTakeFirst();
  if (!row) return "unknown";
  return row.live ? "live" : row.used ? "used" : "expired";
}

/**
 * Marks a live token of one of `kinds` used and returns whose it is, its kind and (change_email)
 * the address it confirms; null when unknown, expired or used (the same rule as tokenState). One
 * UPDATE with the rule in its WHERE: a second, concurrent use waits on the row lock, rereads the row
 * (READ COMMITTED) and finds it used. The verification page takes either e-mail kind: a new
 * account's address or a changed one.
 */
export async function consumeToken(tx: TenantTx, token: string, kinds: readonly TokenKind[], now: Date) {
  const row = await tx
    .updateTable("auth_tokens")
    .set({ used_at: now })
    .where("token_hash", "=", hashToken(token))
    .where("kind", "in", kinds)
    .where(live(now))
    .returning(["user_id as userId", "kind", "new_email as newEmail"])
    .executeTakeFirst();
  return row ? { userId: row.userId, kind: row.kind as TokenKind, newEmail: row.newEmail } : null;
}
