import type { Database } from "@vendaflow/db/create-db";
import { withTenant, type TenantTx } from "@vendaflow/db/with-tenant";
import type { RetentionReport, RetentionSettings } from "@vendaflow/validators/privacy";
import { sql } from "kysely";
import { afterCommit, runAfterCommit, type AfterCommit } from "../after-commit";
import { recordAudit, type AuditMeta } from "../audit/record";
import type { AppDeps } from "../deps";
import { anonymiseLead } from "./anonymise";

/**
 * Retention policy (LGPD art. 15/16): leads that never converted (no CRM contact, no deal) and have
 * been idle for N months are anonymised. A dry run lists them first; the daily run (maintenance
 * sweep) applies the policy of tenants that turned it on, in batches.
 */

export const RETENTION_BATCH = 200;
const SAMPLE = 20;

export async function getRetention(tx: TenantTx): Promise<RetentionSettings & { lastRunAt: string | null; lastReport: Record<string, unknown> }> {
  const r = await tx.selectFrom("privacy_retention").selectAll().executeTakeFirst();
  return { enabled: r?.enabled ?? false, unconvertedLeadMonths: r?.unconverted_lead_months ?? 24, lastRunAt: r?.last_run_at ? new Date(r.last_run_at).toISOString() : null, lastReport: (r?.last_report as Record<string, unknown>) ?? {} };
}

export async function saveRetention(tx: TenantTx, tenantId: string, input: RetentionSettings, meta: AuditMeta, now: Date) {
  const before = await getRetention(tx);
  const values = { enabled: input.enabled, unconverted_lead_months: input.unconvertedLeadMonths, updated_at: now };
  await tx.insertInto("privacy_retention").values({ tenant_id: tenantId, ...values }).onConflict((oc) => oc.column("tenant_id").doUpdateSet(values)).execute();
  await recordAudit(tx, tenantId, meta, { action: "privacy.retention_saved", entityType: "privacy_retention", entityId: tenantId, before: { enabled: before.enabled, months: before.unconvertedLeadMonths }, after: { enabled: input.enabled, months: input.unconvertedLeadMonths } });
  return input;
}

const cutoffOf = (months: number, now: Date) => {
  const d = new Date(now);
  d.setUTCMonth(d.getUTCMonth() - months);
  return d;
};

function candidates(tx: TenantTx, months: number, now: Date) {
  const cutoff = cutoffOf(months, now);
  return tx
    .selectFrom("leads as l")
    .where("l.anonymised_at", "is", null)
    .where("l.contact_id", "is", null)
    .where(sql<boolean>`not exists (select 1 from deals d where d.lead_id = l.id)`)
    .where(sql<boolean>`coalesce(l.last_inbound_at, l.created_at) < ${cutoff}`);
}

/** What the policy would anonymise now: how many, and the oldest few. Changes nothing. */
export async function retentionDryRun(tx: TenantTx, months: number, now: Date): Promise<RetentionReport> {
  const q = candidates(tx, months, now);
  const { n } = await q.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  const sample = await q
    .select(["l.id", "l.name", sql<Date>`coalesce(l.last_inbound_at, l.created_at)`.as("last")])
    .orderBy(sql`coalesce(l.last_inbound_at, l.created_at)`)
    .limit(SAMPLE)
    .execute();
  return { months, cutoff: cutoffOf(months, now).toISOString(), count: Number(n), sample: sample.map((s) => ({ id: s.id, name: s.name, lastActivityAt: new Date(s.last).toISOString() })) };
}

/** Anonymises one batch of the policy's leads in the caller's transaction and records the report. */
export async function applyRetention(tx: TenantTx, tenantId: string, months: number, meta: AuditMeta, now: Date, after: AfterCommit) {
  const ids = await candidates(tx, months, now).select("l.id").orderBy("l.created_at").limit(RETENTION_BATCH).execute();
  for (const { id } of ids) await anonymiseLead(tx, tenantId, id, meta, now, after);
  const left = Number((await candidates(tx, months, now).select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);
  const report = { at: now.toISOString(), months, anonymised: ids.length, remaining: left };
  await tx
    .insertInto("privacy_retention")
    .values({ tenant_id: tenantId, unconverted_lead_months: months, last_run_at: now, last_report: JSON.stringify(report), updated_at: now })
    .onConflict((oc) => oc.column("tenant_id").doUpdateSet({ last_run_at: now, last_report: JSON.stringify(report) }))
    .execute();
  await recordAudit(tx, tenantId, meta, { action: "privacy.retention_applied", entityType: "privacy_retention", entityId: tenantId, after: report });
  return report;
}

/** Tenants run per sweep, never-run and longest-waiting first; the rest go in the next sweeps. */
const TENANTS_PER_SWEEP = 50;
/** A tenant's policy runs again once this long has passed since its last run. */
const RUN_EVERY_MS = 23 * 3_600_000;

/**
 * The daily run (maintenance sweep): the tenants with the policy on and no run in the last 23 h,
 * named by one read across tenants, each in its own transaction.
 */
export async function runRetentionSweep(deps: AppDeps) {
  const now = deps.now();
  const { rows } = await sql<{ tenant_id: string }>`select tenant_id from app_tenants_due_retention(${new Date(now.getTime() - RUN_EVERY_MS)}, ${TENANTS_PER_SWEEP})`.execute(deps.db);
  let anonymised = 0;
  for (const t of rows) anonymised += await runTenantRetention(deps, deps.db, t.tenant_id, now);
  return anonymised;
}

async function runTenantRetention(deps: AppDeps, db: Database, tenantId: string, now: Date) {
  const after = afterCommit();
  const n = await withTenant(db, tenantId, async (tx) => {
    const s = await tx.selectFrom("privacy_retention").selectAll().where("enabled", "=", true).executeTakeFirst();
    if (!s || (s.last_run_at && now.getTime() - new Date(s.last_run_at).getTime() < RUN_EVERY_MS)) return 0;
    return (await applyRetention(tx, tenantId, s.unconverted_lead_months, {}, now, after)).anonymised;
  });
  await runAfterCommit(deps, tenantId, after);
  return n;
}
