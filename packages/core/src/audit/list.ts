import type { TenantTx } from "@vendaflow/db/with-tenant";
import { decodeCursor, keysetPage } from "../keyset";
import { prefixPattern } from "../like-pattern";

export interface AuditFilter {
  action?: string;
  entityType?: string;
  actorUserId?: string;
  from?: Date;
  to?: Date;
  cursor?: string;
  limit: number;
}

/** Keyset pagination on (created_at, id), newest first; cursor = "<iso>|<id>". */
export async function listAudit(tx: TenantTx, f: AuditFilter) {
  let q = tx
    .selectFrom("audit_logs as a")
    .leftJoin("users as u", "u.id", "a.actor_user_id")
    .select(["a.id", "a.action", "a.entity_type", "a.entity_id", "a.before", "a.after", "a.ip", "a.user_agent", "a.created_at", "a.actor_operator_id", "u.email as actor_email", "u.name as actor_name"])
    .orderBy("a.created_at", "desc")
    .orderBy("a.id", "desc")
    .limit(f.limit + 1);
  // A code ending in "." is an area ("user." → every user.* action); any other value is one code, so
  // "user.invite" does not list "user.invite_accepted" too.
  if (f.action) q = f.action.endsWith(".") ? q.where("a.action", "like", prefixPattern(f.action)) : q.where("a.action", "=", f.action);
  if (f.entityType) q = q.where("a.entity_type", "=", f.entityType);
  if (f.actorUserId) q = q.where("a.actor_user_id", "=", f.actorUserId);
  if (f.from) q = q.where("a.created_at", ">=", f.from);
  if (f.to) q = q.where("a.created_at", "<=", f.to);
  const cursor = decodeCursor(f.cursor);
  if (cursor) q = q.where((eb) => eb.or([eb("a.created_at", "<", cursor.at), eb.and([eb("a.created_at", "=", cursor.at), eb("a.id", "<", cursor.id)])]));
  return keysetPage(await q.execute(), f.limit, (r) => r.created_at);
}
