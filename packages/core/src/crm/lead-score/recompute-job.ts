import { sql } from "kysely";
import { withTenant, type TenantTx } from "@vendaflow/db/with-tenant";
import type { LeadScoreRecomputeJob } from "@vendaflow/validators/lead-score";
import { afterCommit, runAfterCommit, type AfterCommit } from "../../after-commit";
import type { AppDeps } from "../../deps";
import type { ScheduledJob } from "../../ports/scheduler";
import { recomputeLeadScoresAfter, scoreWeights } from "./recompute";

export const LEAD_SCORE_RECOMPUTE_JOB_PATH = "/api/jobs/lead-score-recompute";
/** Leads per transaction: each is 2-3 statements, so a batch holds its leads' locks for a second or two. */
export const RECOMPUTE_BATCH = 500;
/**
 * A run starts no new batch once this long has passed (the job route's 30 s limit, vercel.json,
 * with room for the batch in hand); the rest goes to the next run, queued at once.
 */
export const RECOMPUTE_BUDGET_MS = 15_000;

const job = (tenantId: string, generation: number, from: string | null): ScheduledJob => ({
  path: LEAD_SCORE_RECOMPUTE_JOB_PATH,
  body: { tenantId, generation } satisfies LeadScoreRecomputeJob,
  delaySeconds: 0,
  deduplicationId: `lead-score-recompute:${tenantId}:${generation}:${from ?? "start"}`,
});

export interface RecomputeStatus {
  running: boolean;
  /** Leads recomputed so far by the latest save's recompute. */
  done: number;
  /** The tenant's leads when it started (at least `done`: leads created since are recomputed too). */
  total: number;
  finishedAt: Date | null;
}

/** Where the recompute the latest save started stands (nothing running before any save). */
export async function recomputeStatus(tx: TenantTx): Promise<RecomputeStatus> {
  const row = await tx.selectFrom("lead_score_settings").select(["recompute_generation", "recompute_done", "recompute_total", "recompute_finished_at"]).executeTakeFirst();
  if (!row) return { running: false, done: 0, total: 0, finishedAt: null };
  return {
    running: row.recompute_generation > 0 && row.recompute_finished_at === null,
    done: row.recompute_done,
    total: Math.max(row.recompute_total, row.recompute_done),
    finishedAt: row.recompute_finished_at,
  };
}

/**
 * Called by the weights' save, which already wrote the settings row: a new generation from the
 * first lead (a run of an older generation stops at its next batch), queued after the commit.
 * A tenant without leads has nothing to run.
 */
export async function startRecompute(tx: TenantTx, tenantId: string, after: AfterCommit | null): Promise<RecomputeStatus> {
  const { n } = await tx.selectFrom("leads").select(sql<number>`count(*)::int`.as("n")).where("tenant_id", "=", tenantId).executeTakeFirstOrThrow();
  const row = await tx
    .updateTable("lead_score_settings")
    .set({
      recompute_generation: sql<number>`recompute_generation + 1`,
      recompute_cursor: null,
      recompute_done: 0,
      recompute_total: n,
      recompute_finished_at: n === 0 ? sql<Date>`now()` : null,
    })
    .where("tenant_id", "=", tenantId)
    .returning(["recompute_generation", "recompute_finished_at"])
    .executeTakeFirstOrThrow();
  if (n > 0) after?.jobs.push(job(tenantId, row.recompute_generation, null));
  return { running: n > 0, done: 0, total: n, finishedAt: row.recompute_finished_at };
}

export interface RecomputeRunResult {
  /** Leads recomputed by this run. */
  recomputed: number;
  /** The generation is done (or was replaced by a newer save): nothing was queued. */
  stopped: boolean;
  /** A next run was queued (time budget). */
  more: boolean;
}

/**
 * One run of /api/jobs/lead-score-recompute: batches of `batchSize` leads by id from the stored
 * cursor, each in its own transaction with the settings row locked (a redelivered or concurrent
 * run of the same generation continues from the committed cursor, so no lead is counted twice).
 * A batch whose generation is no longer the stored one (a newer save) stops the run. After
 * `budgetMs` it starts no new batch and queues the next run. "Score changed" automations fire as
 * they did when the save recomputed in its own transaction (queued after each batch's commit).
 */
export async function runLeadScoreRecompute(
  deps: AppDeps,
  input: LeadScoreRecomputeJob,
  opts: { batchSize?: number; budgetMs?: number } = {},
): Promise<RecomputeRunResult> {
  const started = deps.now().getTime();
  const batchSize = opts.batchSize ?? RECOMPUTE_BATCH;
  const budget = opts.budgetMs ?? RECOMPUTE_BUDGET_MS;
  let recomputed = 0;
  for (;;) {
    const after = afterCommit();
    const batch = await withTenant(deps.db, input.tenantId, async (tx) => {
      const s = await tx.selectFrom("lead_score_settings").select(["recompute_generation", "recompute_cursor", "recompute_finished_at"]).forNoKeyUpdate().executeTakeFirst();
      if (!s || s.recompute_generation !== input.generation || s.recompute_finished_at !== null) return null;
      const weights = await scoreWeights(tx);
      const { lastId, count } = await recomputeLeadScoresAfter(tx, input.tenantId, s.recompute_cursor, batchSize, weights, after);
      const finished = count < batchSize;
      await tx
        .updateTable("lead_score_settings")
        .set({ recompute_cursor: lastId ?? s.recompute_cursor, recompute_done: sql<number>`recompute_done + ${count}`, recompute_finished_at: finished ? deps.now() : null })
        .where("tenant_id", "=", input.tenantId)
        .execute();
      return { count, finished, cursor: lastId };
    });
    await runAfterCommit(deps, input.tenantId, after);
    if (!batch) return { recomputed, stopped: true, more: false };
    recomputed += batch.count;
    if (batch.finished) return { recomputed, stopped: true, more: false };
    if (deps.now().getTime() - started >= budget) {
      await deps.scheduler.schedule(job(input.tenantId, input.generation, batch.cursor));
      return { recomputed, stopped: false, more: true };
    }
  }
}
