import type { Kysely } from "kysely";
import type { DB } from "@vendaflow/db/types";
import type { TenantTx } from "@vendaflow/db/with-tenant";
import { redact } from "./redact";

export interface AuditMeta {
  actorUserId?: string | null;
  actorOperatorId?: string | null;
  /** A call made with an API key (developer platform). */
  actorApiKeyId?: string | null;
  ip?: string | null;
  userAgent?: string | null;
}

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId?: string | null;
  before?: unknown;
  after?: unknown;
}

/** What a row of either log (the tenant's audit_logs, platform_audit_logs) says happened, redacted. */
const entryColumns = (meta: { ip?: string | null; userAgent?: string | null }, entry: AuditEntry) => ({
  action: entry.action,
  entity_type: entry.entityType,
  entity_id: entry.entityId ?? null,
  before: entry.before === undefined ? null : JSON.stringify(redact(entry.before)),
  after: entry.after === undefined ? null : JSON.stringify(redact(entry.after)),
  ip: meta.ip ?? null,
  user_agent: meta.userAgent ?? null,
});

const row = (tenantId: string, meta: AuditMeta, entry: AuditEntry) => ({
  tenant_id: tenantId,
  actor_user_id: meta.actorUserId ?? null,
  actor_operator_id: meta.actorOperatorId ?? null,
  actor_api_key_id: meta.actorApiKeyId ?? null,
  ...entryColumns(meta, entry),
});

/** Appends one audit row inside the caller's tenant transaction (the app role cannot alter it later). */
export async function recordAudit(tx: TenantTx, tenantId: string, meta: AuditMeta, entry: AuditEntry) {
  await tx.insertInto("audit_logs").values(row(tenantId, meta, entry)).execute();
}

/** Rows per insert of recordAudits: 10 parameters each, well under Postgres' 65,535. */
const AUDIT_BATCH = 1_000;

/** The same for many entries (a bulk action's one row per record), a statement per thousand rows instead of one per row. */
export async function recordAudits(tx: TenantTx, tenantId: string, meta: AuditMeta, entries: AuditEntry[]) {
  for (let i = 0; i < entries.length; i += AUDIT_BATCH) {
    await tx.insertInto("audit_logs").values(entries.slice(i, i + AUDIT_BATCH).map((e) => row(tenantId, meta, e))).execute();
  }
}

/** Who did something on the root host, for platform_audit_logs (no tenant's log holds it). */
export interface PlatformAuditMeta {
  actorOperatorId: string;
  ip?: string | null;
  userAgent?: string | null;
}

/**
 * Appends one platform_audit_logs row (operators' changes to global catalogs and to their own
 * sign-in) in the caller's transaction; append-only for the app role like audit_logs.
 */
export async function recordPlatformAudit(db: Kysely<DB>, meta: PlatformAuditMeta, entry: AuditEntry) {
  await db
    .insertInto("platform_audit_logs")
    .values({ actor_operator_id: meta.actorOperatorId, ...entryColumns(meta, entry) })
    .execute();
}
