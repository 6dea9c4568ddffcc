import type { crmSync } from "@vendaflow/connectors/crm/crm-sync";
import type { ScheduledJob } from "@vendaflow/core/ports/scheduler";
import type { Database } from "@vendaflow/db/create-db";
import { TEST_KEYS } from "./app-env";
import { owner, type FixtureTenant } from "./fixtures";

// What the CRM sync tests (Pipedrive, HubSpot) read and write around the sync, as the owner.

export const q1 = async <T = Record<string, unknown>>(sql: string, params: unknown[]) => (await owner().query(sql, params)).rows[0] as T;

/** A new web lead of `t`, written straight to the table (no push queued). */
export const lead = (t: FixtureTenant, email: string | null, name = "Mariana Costa") =>
  q1<{ id: string }>("insert into leads (tenant_id, name, email, source, stage) values ($1, $2, $3, 'web', 'new') returning id", [t.id, name, email]).then((r) => r.id);

export const leadRow = (id: string) => q1<{ name: string | null; email: string | null; phone: string | null; company: string | null }>("select name, email, phone, company from leads where id = $1", [id]);

/** The remote record a local one is linked to, if any. */
export const link = (t: FixtureTenant, type: string, localId: string) =>
  q1<{ remote_id: string; remote_version: string } | undefined>("select remote_id, remote_version from crm_sync_links where tenant_id = $1 and entity_type = $2 and local_id = $3", [t.id, type, localId]);

/** The crm_sync.* audit entries of one record, oldest first. */
export const audits = async (t: FixtureTenant, entityId: string) =>
  (await owner().query("select action, before, after from audit_logs where tenant_id = $1 and entity_id = $2 and action like 'crm_sync.%' order by created_at", [t.id, entityId])).rows as { action: string; before: Record<string, unknown> | null; after: Record<string, unknown> }[];

/** Pushes of a record still queued (0 once the push job recorded it). */
export const outboxRows = async (t: FixtureTenant, id: string) => Number((await q1<{ n: number }>("select count(*)::int as n from crm_sync_outbox where tenant_id = $1 and entity_id = $2", [t.id, id])).n);

/** Deps to run the push and pull jobs in the test: the jobs they schedule are collected in `jobs`, not sent. */
export const crmJobDeps = (db: Database, crm: ReturnType<typeof crmSync>, jobs: ScheduledJob[]) => ({
  db,
  now: () => new Date(),
  scheduler: { kind: "local" as const, schedule: async (j: ScheduledJob) => void jobs.push(j) },
  crm,
  encryptionKey: TEST_KEYS.encryptionKey,
});
