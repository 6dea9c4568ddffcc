import type { Database } from "@vendaflow/db/create-db";
import { withTenant, type TenantTx } from "@vendaflow/db/with-tenant";
import type { RetentionReport, RetentionSettings } from "@vendaflow/validators/privacy";
import type { PrivacyRetention } from "@vendaflow/db/types";
import { sql, type Selectable } from "kysely";
import { afterCommit, runAfterCommit, type AfterCommit } from "../after-commit";
import { recordAudit, type AuditMeta } from "../audit/record";
import type { AppDeps } from "../deps";
import { DomainError } from "../errors";
import { anonymiseLead } from "./anonymise";

/**
 * Retention policy (LGPD art. 15/16): leads that never converted (no CRM contact, no deal) and have
 * been idle for N months are anonymised. A dry run lists them first; the daily run (maintenance
 * sweep) applies the policy of tenants that turned it on, in batches.
 *
 * A run is a series of short batches, each its own transaction, until the tenant has no overdue
 * lead left (migration 0165): while leads remain, `run_started_at` is set and the tenant stays due
 * in the next sweeps; the 23 h wait starts from the batch that drains it. The report sums the run's
 * batches; the audit trail gets one `privacy.retention_applied` row per run, when it drains (each
 * lead already has its own `privacy.lead_anonymised` row, so a row per batch would add nothing).
 * A run the admin stops before it drains (the policy turned off) gets its one summary row then,
 * `privacy.retention_stopped`, with what it did so far, and its run state is cleared.
 */

/** Leads per batch (one transaction): anonymising one touches many tables, so keep locks short. */
export const RETENTION_BATCH = 50;
const SAMPLE = 20;

export async function getRetention(tx: TenantTx): Promise<RetentionSettings & { lastRunAt: string | null; lastReport: Record<string, unknown> }> {
  return retentionOf(await tx.selectFrom("privacy_retention").selectAll().executeTakeFirst());
}

/** The policy as the admin sees it, from its row (none yet: off, 24 months). */
function retentionOf(r: Selectable<PrivacyRetention> | undefined) {
  return { enabled: r?.enabled ?? false, unconvertedLeadMonths: r?.unconverted_lead_months ?? 24, lastRunAt: r?.last_run_at ? new Date(r.last_run_at).toISOString() : null, lastReport: (r?.last_report as Record<string, unknown>) ?? {} };
}

export async function saveRetention(tx: TenantTx, tenantId: string, input: RetentionSettings, meta: AuditMeta, now: Date) {
  // Locked, so a batch of the sweep either commits before (and this sees what it left) or finds the policy off.
  const state = await tx.selectFrom("privacy_retention").selectAll().forUpdate().executeTakeFirst();
  const before = retentionOf(state);
  // Turning the policy off stops a run still draining: the sweep would never finish it.
  const stopped = !input.enabled && state?.run_started_at ? { ...before.lastReport, stoppedAt: now.toISOString() } : null;
  const values = { enabled: input.enabled, unconverted_lead_months: input.unconvertedLeadMonths, updated_at: now, ...(stopped ? { run_started_at: null, last_report: JSON.stringify(stopped) } : {}) };
  await tx.insertInto("privacy_retention").values({ tenant_id: tenantId, ...values }).onConflict((oc) => oc.column("tenant_id").doUpdateSet(values)).execute();
  await recordAudit(tx, tenantId, meta, { action: "privacy.retention_saved", entityType: "privacy_retention", entityId: tenantId, before: { enabled: before.enabled, months: before.unconvertedLeadMonths }, after: { enabled: input.enabled, months: input.unconvertedLeadMonths } });
  if (stopped) await recordAudit(tx, tenantId, meta, { action: "privacy.retention_stopped", entityType: "privacy_retention", entityId: tenantId, after: stopped });
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

/** What the last run did: the run's total so far and what was left after its latest batch. */
export interface RetentionRunReport {
  startedAt: string;
  at: string;
  months: number;
  anonymised: number;
  remaining: number;
  /** When the admin stopped the run before it drained (the policy turned off). */
  stoppedAt?: string;
}

/**
 * Anonymises one batch of the policy's leads in the caller's transaction, as part of the tenant's
 * current run (started here when none is under way), and records the run's report. The admin's
 * "Aplicar agora" is one batch; the sweep continues the run until it drains. Only for a policy that
 * is on: the sweep takes only those, so a run started with the policy off would stop after its
 * first batch and get its summary audit row only by chance (docs/privacy.md).
 */
export async function applyRetention(tx: TenantTx, tenantId: string, meta: AuditMeta, now: Date, after: AfterCommit, batch = RETENTION_BATCH): Promise<RetentionRunReport & { batch: number }> {
  // Locked as saveRetention locks it: the policy cannot be turned off (or its months changed) between this read and the batch.
  const state = await tx.selectFrom("privacy_retention").select(["enabled", "unconverted_lead_months", "run_started_at", "last_report"]).forUpdate().executeTakeFirst();
  if (!state?.enabled) throw new DomainError("PRECONDITION_FAILED", "Ative e salve a política de retenção antes de aplicá-la agora.");
  const months = state.unconverted_lead_months;
  const running = state.run_started_at ? new Date(state.run_started_at) : null;
  const ids = await candidates(tx, months, now).select("l.id").orderBy("l.created_at").orderBy("l.id").limit(batch + 1).execute();
  const take = ids.slice(0, batch);
  for (const { id } of take) await anonymiseLead(tx, tenantId, id, meta, now, after);
  // Counting is only needed when more than a batch was there (a tenant still draining).
  const remaining = ids.length > batch ? Number((await candidates(tx, months, now).select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n) : 0;
  const before = running ? Number((state.last_report as { anonymised?: unknown } | undefined)?.anonymised ?? 0) : 0;
  const startedAt = running ?? now;
  const report: RetentionRunReport = { startedAt: startedAt.toISOString(), at: now.toISOString(), months, anonymised: before + take.length, remaining };
  const runStartedAt = remaining > 0 ? startedAt : null;
  // The row exists: the policy is on (checked above).
  await tx.updateTable("privacy_retention").set({ last_run_at: now, run_started_at: runStartedAt, last_report: JSON.stringify(report) }).where("tenant_id", "=", tenantId).execute();
  if (remaining === 0) await recordAudit(tx, tenantId, meta, { action: "privacy.retention_applied", entityType: "privacy_retention", entityId: tenantId, after: report });
  return { ...report, batch: take.length };
}

/** Tenants named per sweep, least recently served first; the rest go in the next sweeps. */
const TENANTS_PER_SWEEP = 50;
/** A tenant's policy runs again once this long has passed since its last run drained. */
const RUN_EVERY_MS = 23 * 3_600_000;
/** The retention part of a sweep starts no batch past this (the sweep shares a ~30 s function budget). */
export const RETENTION_BUDGET_MS = 8_000;

export interface RetentionSweepOptions {
  /** Milliseconds after which no new batch starts. */
  budgetMs?: number;
  /** Leads per batch. */
  batch?: number;
  /** Elapsed-time clock in ms (tests drive it). */
  clock?: () => number;
}

/**
 * The daily run (maintenance sweep): the tenants with the policy on and a run due or still draining,
 * named by one read across tenants. Batches go round the tenants (one each, then again) until they
 * drain or the time budget is spent, so one tenant's backlog does not hold the others back.
 * Returns the leads anonymised.
 */
export async function runRetentionSweep(deps: AppDeps, opts: RetentionSweepOptions = {}) {
  const { budgetMs = RETENTION_BUDGET_MS, batch = RETENTION_BATCH, clock = () => performance.now() } = opts;
  const start = clock();
  const now = deps.now();
  const { rows } = await sql<{ tenant_id: string }>`select tenant_id from app_tenants_due_retention(${new Date(now.getTime() - RUN_EVERY_MS)}, ${TENANTS_PER_SWEEP})`.execute(deps.db);
  let queue = rows.map((r) => r.tenant_id);
  let anonymised = 0;
  while (queue.length) {
    const next: string[] = [];
    for (const tenantId of queue) {
      if (clock() - start >= budgetMs) return anonymised;
      const r = await runTenantBatch(deps, deps.db, tenantId, now, batch);
      anonymised += r?.done ?? 0;
      if (r && r.remaining > 0 && r.done > 0) next.push(tenantId);
    }
    queue = next;
  }
  return anonymised;
}

/** One batch of one tenant's run in its own transaction; null when the tenant is not due (any more). */
async function runTenantBatch(deps: AppDeps, db: Database, tenantId: string, now: Date, batch: number) {
  const after = afterCommit();
  const r = await withTenant(db, tenantId, async (tx) => {
    // Locked, so an overlapping sweep waits and then sees this batch's outcome.
    const s = await tx.selectFrom("privacy_retention").selectAll().where("enabled", "=", true).forUpdate().executeTakeFirst();
    if (!s) return null;
    const due = s.run_started_at || !s.last_run_at || now.getTime() - new Date(s.last_run_at).getTime() >= RUN_EVERY_MS;
    if (!due) return null;
    const report = await applyRetention(tx, tenantId, {}, now, after, batch);
    return { done: report.batch, remaining: report.remaining };
  });
  await runAfterCommit(deps, tenantId, after);
  return r;
}
