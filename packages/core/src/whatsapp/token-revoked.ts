import { sql } from "kysely";
import { withTenant, type TenantTx } from "@vendaflow/db/with-tenant";
import type { InboxSettings } from "@vendaflow/validators/inbox";
import { invalidateAfterCommit, type AfterCommit } from "../after-commit";
import { recordAudit, type AuditMeta } from "../audit/record";
import { inboxesById } from "../cache/hot-reads";
import type { AppDeps } from "../deps";
import { decryptCredentials } from "../inboxes/credentials";
import { cachedInbox, findInbox, type Inbox } from "../inboxes/inboxes";

/** Meta's 190: invalid or revoked OAuth token. */
const isOAuth190 = (err: unknown) => (err as { code?: unknown } | null)?.code === 190;

/**
 * The business token this inbox is called with, when Meta refused it with 190 (invalid or revoked
 * OAuth token): a business integration token does not expire on a schedule, so 190 means the
 * business revoked it, without the account_update PARTNER_REMOVED would bring. Anything else (5xx,
 * timeouts, other codes, an own app's or the platform's token) is null: nothing is marked. Called
 * on the failure path only; decrypting the credentials again costs nothing on a send that worked.
 */
export function revokedBusinessToken(deps: Pick<AppDeps, "encryptionKey">, inbox: Pick<Inbox, "channel" | "webhookKey" | "credentialsEncrypted">, err: unknown): string | null {
  if (!isOAuth190(err) || inbox.channel !== "whatsapp" || inbox.webhookKey !== null) return null;
  const creds = decryptCredentials(inbox.credentialsEncrypted, deps.encryptionKey);
  return creds.accessToken === undefined && creds.businessToken !== undefined ? creds.businessToken : null;
}

/**
 * Marks the inbox disconnected (settings.waDisconnected `token_revoked`) in `tx`, audited
 * `whatsapp.token_revoked`, once: an inbox already disconnected, or whose business token is no
 * longer `token` (reconnected since the call that failed), is left alone. The reconnect (Embedded
 * Signup, embedded-signup.ts) lifts it. Returns whether it marked.
 */
export async function markTokenRevoked(tx: TenantTx, deps: Pick<AppDeps, "encryptionKey">, tenantId: string, inboxId: string, token: string, o: { meta: AuditMeta; at: Date; after?: AfterCommit }): Promise<boolean> {
  const row = await tx.selectFrom("inboxes").select(["settings", "credentials_encrypted"]).where("id", "=", inboxId).forUpdate().executeTakeFirst();
  if (!row) return false;
  const settings = row.settings as InboxSettings;
  if (settings.waDisconnected || decryptCredentials(row.credentials_encrypted, deps.encryptionKey).businessToken !== token) return false;
  const waDisconnected = { reason: "token_revoked" as const, event: "OAUTH_190", at: o.at.toISOString() };
  await tx.updateTable("inboxes").set({ settings: JSON.stringify({ ...settings, waDisconnected }), updated_at: sql<Date>`now()` }).where("id", "=", inboxId).execute();
  await recordAudit(tx, tenantId, o.meta, { action: "whatsapp.token_revoked", entityType: "inbox", entityId: inboxId, before: { waDisconnected: null }, after: { waDisconnected } });
  invalidateAfterCommit(o.after, inboxesById, `${tenantId}:${inboxId}`);
  return true;
}

/**
 * After a failed Cloud API call (a send, template sync, media download, read receipt): when Meta
 * refused the inbox's business token with 190 (revokedBusinessToken), marks the inbox in a
 * transaction of its own and drops the process's cached inbox. `inbox` is the one the call used, or
 * its id, read from the cache the call filled. Only a 190 does any work, so a success or a transient
 * failure costs nothing. Best effort: the caller reports its call's own failure, so a failed mark
 * (the database away) returns, and the next refusal marks. Returns whether Meta refused the
 * business token, marked now or already.
 */
export async function markIfTokenRevoked(deps: Pick<AppDeps, "db" | "counters" | "encryptionKey" | "now">, tenantId: string, inbox: Inbox | string, err: unknown): Promise<boolean> {
  if (!isOAuth190(err)) return false;
  let refused = false;
  try {
    const read = typeof inbox === "string" ? await cachedInbox(tenantId, inbox, () => withTenant(deps.db, tenantId, (tx) => findInbox(tx, inbox))) : inbox;
    const token = read && revokedBusinessToken(deps, read, err);
    if (!token) return false;
    refused = true;
    const marked = await withTenant(deps.db, tenantId, (tx) => markTokenRevoked(tx, deps, tenantId, read.id, token, { meta: {}, at: deps.now() }));
    if (marked) await inboxesById.invalidate(deps.counters, `${tenantId}:${read.id}`);
  } catch {
    // Left unmarked: the next refused call marks it.
  }
  return refused;
}
