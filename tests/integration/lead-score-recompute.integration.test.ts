import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signQStashRequest } from "@vendaflow/connectors/qstash/sign-request";
import { afterCommit } from "@vendaflow/core/after-commit";
import { LEAD_SCORE_RECOMPUTE_JOB_PATH, recomputeStatus, runLeadScoreRecompute } from "@vendaflow/core/crm/lead-score/recompute-job";
import { saveScoreWeights } from "@vendaflow/core/crm/lead-score/settings";
import type { AppDeps } from "@vendaflow/core/deps";
import type { ScheduledJob } from "@vendaflow/core/ports/scheduler";
import { createDb, type Database } from "@vendaflow/db/create-db";
import { withTenant } from "@vendaflow/db/with-tenant";
import type { LeadScoreRecomputeJob, LeadScoreWeights } from "@vendaflow/validators/lead-score";
import { TEST_KEYS } from "../support/app-env";
import { closeOwner, createTenant, env, owner, type FixtureTenant } from "../support/fixtures";
import { request } from "../support/http";
import { waiterOn } from "../support/lock-waits";

// Saving the lead-score weights only stores them and queues /api/jobs/lead-score-recompute, which
// recomputes the tenant's leads in batches by id (a time budget per run, the next run queued at
// once); a save during a recompute restarts it with the new weights and the older run stops;
// redelivered runs count nothing twice; another tenant's leads are never touched.

const meta = { actorUserId: null, ip: "127.0.0.1", userAgent: "test" };
let app: { db: Database; close: () => Promise<void> };
let a: FixtureTenant;
let b: FixtureTenant;
let leadsA: string[];
let leadsB: string[];
/** The jobs the runs queue (the recording scheduler the job is given instead of QStash). */
const queued: ScheduledJob[] = [];
const scheduler = { kind: "local" as const, schedule: async (job: ScheduledJob) => void queued.push(job) };
// What the job reads of the app: the database, the clock and where it queues (runAfterCommit).
const deps = () => ({ db: app.db, scheduler, now: () => new Date() }) as unknown as AppDeps;

/** `n` leads of the tenant, each with one meeting (its score is perMeeting once recomputed). */
async function leadsWithAMeeting(tenantId: string, n: number): Promise<string[]> {
  const { rows } = await owner().query<{ id: string }>("insert into leads (tenant_id, name, source) select $1, 'Lead ' || g, 'web' from generate_series(1, $2) g returning id", [tenantId, n]);
  const ids = rows.map((r) => r.id);
  await owner().query("insert into activities (tenant_id, type, subject, lead_id) select $1, 'meeting', 'Reunião', unnest($2::uuid[])", [tenantId, ids]);
  return ids;
}
const scores = async (ids: string[]) => (await owner().query<{ id: string; score: number }>("select id, score from leads where id = any($1) order by id", [ids])).rows.map((r) => r.score);
const status = (tenantId: string) => withTenant(app.db, tenantId, (tx) => recomputeStatus(tx));
async function save(tenantId: string, input: Partial<LeadScoreWeights>) {
  const after = afterCommit();
  const saved = await withTenant(app.db, tenantId, (tx) => saveScoreWeights(tx, tenantId, input, meta, after));
  return { saved, jobs: after.jobs };
}
const recomputeJobs = () => queued.filter((j) => j.path === LEAD_SCORE_RECOMPUTE_JOB_PATH).map((j) => j.body as LeadScoreRecomputeJob);

beforeAll(async () => {
  app = createDb({ url: env().appUrl, max: 4 });
  a = await createTenant();
  b = await createTenant();
  leadsA = await leadsWithAMeeting(a.id, 5);
  leadsB = await leadsWithAMeeting(b.id, 2);
});
afterAll(async () => {
  await app?.close();
  await closeOwner();
});

describe("lead score recompute job", () => {
  it("a save stores the weights and queues the job; the scores change only when it runs, in batches, with 'score changed' automations", async () => {
    const admin = await a.loginAs("admin");
    const automation = await admin.trpc<{ id: string }>("mutation", "automations.save", { name: "Pontuação mudou", trigger: "score_changed", maxPerEntityPerHour: 20, conditions: [], actions: [{ type: "add_tag", tag: "pontuado" }] });
    expect(automation.error).toBeNull();

    const { saved, jobs } = await save(a.id, { perMeeting: 15 });
    expect(saved.weights.perMeeting).toBe(15);
    expect(saved.recompute).toMatchObject({ running: true, done: 0, total: 5 });
    expect(jobs).toEqual([{ path: LEAD_SCORE_RECOMPUTE_JOB_PATH, body: { tenantId: a.id, generation: 1 }, delaySeconds: 0, deduplicationId: `lead-score-recompute:${a.id}:1:start` }]);
    // Committed: the weights and the audit, not the scores.
    expect(await scores(leadsA)).toEqual([0, 0, 0, 0, 0]);
    expect((await owner().query("select count(*)::int as n from audit_logs where tenant_id = $1 and action = 'lead_score.weights'", [a.id])).rows[0].n).toBe(1);
    expect(await status(a.id)).toMatchObject({ running: true, done: 0, total: 5 });

    // One run with room for every batch: 2 + 2 + 1 leads, three transactions, nothing queued after.
    const run = await runLeadScoreRecompute(deps(), { tenantId: a.id, generation: 1 }, { batchSize: 2 });
    expect(run).toEqual({ recomputed: 5, stopped: true, more: false });
    expect(await scores(leadsA)).toEqual([15, 15, 15, 15, 15]);
    expect(await status(a.id)).toMatchObject({ running: false, done: 5, total: 5, finishedAt: expect.any(Date) });
    expect(recomputeJobs()).toEqual([]);
    // Every lead's score changed: one automation run each, its job queued after its batch's commit.
    const runs = await owner().query<{ entity_id: string }>("select entity_id from automation_runs where automation_id = $1", [automation.data.id]);
    expect(runs.rows.map((r) => r.entity_id).sort()).toEqual([...leadsA].sort());
    expect(queued.filter((j) => j.path === "/api/jobs/automation-run")).toHaveLength(5);
    await owner().query("update automations set is_active = false where id = $1", [automation.data.id]);

    // A redelivery of the finished generation changes nothing.
    expect(await runLeadScoreRecompute(deps(), { tenantId: a.id, generation: 1 }, { batchSize: 2 })).toEqual({ recomputed: 0, stopped: true, more: false });
    expect((await status(a.id)).done).toBe(5);
  });

  it("a run past its time budget queues the next from its cursor; a redelivered run continues from the committed cursor and counts nothing twice", async () => {
    queued.length = 0;
    const { saved } = await save(a.id, { perMeeting: 20 });
    expect(saved.recompute).toMatchObject({ running: true, done: 0, total: 5 });
    const first = await runLeadScoreRecompute(deps(), { tenantId: a.id, generation: 2 }, { batchSize: 2, budgetMs: 0 });
    expect(first).toEqual({ recomputed: 2, stopped: false, more: true });
    expect(await status(a.id)).toMatchObject({ running: true, done: 2, total: 5 });
    // By id: the first two leads.
    expect(await scores(leadsA)).toEqual([20, 20, 15, 15, 15]);
    expect(recomputeJobs()).toEqual([{ tenantId: a.id, generation: 2 }]);
    expect(queued[0]!.deduplicationId).toMatch(new RegExp(`^lead-score-recompute:${a.id}:2:[0-9a-f-]{36}$`));

    // The queued run delivered twice: the second continues where the first committed.
    const next = recomputeJobs()[0]!;
    queued.length = 0;
    expect(await runLeadScoreRecompute(deps(), next, { batchSize: 2, budgetMs: 0 })).toEqual({ recomputed: 2, stopped: false, more: true });
    expect(await runLeadScoreRecompute(deps(), next, { batchSize: 2, budgetMs: 0 })).toEqual({ recomputed: 1, stopped: true, more: false });
    expect(await status(a.id)).toMatchObject({ running: false, done: 5, total: 5 });
    expect(await scores(leadsA)).toEqual([20, 20, 20, 20, 20]);
    // The run the first of them queued finds the generation done.
    expect(recomputeJobs()).toHaveLength(1);
    expect(await runLeadScoreRecompute(deps(), recomputeJobs()[0]!, { batchSize: 2, budgetMs: 0 })).toEqual({ recomputed: 0, stopped: true, more: false });
    expect((await status(a.id)).done).toBe(5);
  });

  it("a save during a recompute restarts it from the first lead with the new weights; the older run stops", async () => {
    queued.length = 0;
    await save(a.id, { perMeeting: 30 });
    expect(await runLeadScoreRecompute(deps(), { tenantId: a.id, generation: 3 }, { batchSize: 2, budgetMs: 0 })).toMatchObject({ recomputed: 2, more: true });
    expect(await scores(leadsA)).toEqual([30, 30, 20, 20, 20]);
    const stale = recomputeJobs()[0]!;

    const { saved, jobs } = await save(a.id, { perMeeting: 40 });
    expect(saved.recompute).toMatchObject({ running: true, done: 0, total: 5 });
    expect(jobs.map((j) => j.body)).toEqual([{ tenantId: a.id, generation: 4 }]);
    // The older generation's next run stops without touching a lead.
    expect(await runLeadScoreRecompute(deps(), stale, { batchSize: 2, budgetMs: 0 })).toEqual({ recomputed: 0, stopped: true, more: false });
    expect(await scores(leadsA)).toEqual([30, 30, 20, 20, 20]);
    expect(await status(a.id)).toMatchObject({ running: true, done: 0, total: 5 });

    // The new one goes over every lead from the first, with the new weights.
    expect(await runLeadScoreRecompute(deps(), { tenantId: a.id, generation: 4 }, { batchSize: 2 })).toEqual({ recomputed: 5, stopped: true, more: false });
    expect(await scores(leadsA)).toEqual([40, 40, 40, 40, 40]);
    expect(await status(a.id)).toMatchObject({ running: false, done: 5, total: 5 });
  });

  it("a save while a batch runs waits for that batch's commit; the old run stops at the first batch after the save's commit and the new generation starts over", async () => {
    await save(a.id, { perMeeting: 50 });
    // The first batch (leads 1 and 2) waits on the second lead, held here, with the settings row
    // locked; the save then waits on the batch (waits of these backends only: the shared app's
    // own work may wait on locks too).
    const blocker = await owner().connect();
    let run: ReturnType<typeof runLeadScoreRecompute>;
    let saving: ReturnType<typeof save>;
    try {
      await blocker.query("begin");
      await blocker.query("select id from leads where id = $1 for update", [leadsA[1]]);
      const blockerPid = (await blocker.query<{ pid: number }>("select pg_backend_pid() as pid")).rows[0]!.pid;
      run = runLeadScoreRecompute(deps(), { tenantId: a.id, generation: 5 }, { batchSize: 2 });
      const batchPid = await waiterOn(blockerPid);
      saving = save(a.id, { perMeeting: 60 });
      await waiterOn(batchPid);
    } finally {
      await blocker.query("commit");
      blocker.release();
    }
    // The batch committed with generation 5's weights. Its run's next batches race the save for the
    // settings row: those that win still see generation 5 (the save is not committed), the first
    // after the save's commit finds generation 6 and stops. Either way the run ends without
    // queuing more, and the new generation recomputes every lead.
    const stale = await run;
    expect(stale).toMatchObject({ stopped: true, more: false });
    expect(stale.recomputed).toBeGreaterThanOrEqual(2);
    const { saved, jobs } = await saving;
    expect(jobs.map((j) => j.body)).toEqual([{ tenantId: a.id, generation: 6 }]);
    expect(saved.recompute).toMatchObject({ running: true, done: 0, total: 5 });
    expect((await scores(leadsA)).filter((s) => s === 50)).toHaveLength(stale.recomputed);
    expect(await runLeadScoreRecompute(deps(), { tenantId: a.id, generation: 5 }, { batchSize: 2 })).toEqual({ recomputed: 0, stopped: true, more: false });
    expect(await runLeadScoreRecompute(deps(), { tenantId: a.id, generation: 6 }, { batchSize: 2 })).toEqual({ recomputed: 5, stopped: true, more: false });
    expect(await scores(leadsA)).toEqual([60, 60, 60, 60, 60]);
  });

  it("a tenant's job never touches another tenant's leads; the endpoint refuses a bad signature with 401", async () => {
    // Tenant B never saved: its leads were not recomputed by A's runs, and a run in its name finds nothing to do.
    expect(await scores(leadsB)).toEqual([0, 0]);
    expect(await status(b.id)).toEqual({ running: false, done: 0, total: 0, finishedAt: null });
    expect(await runLeadScoreRecompute(deps(), { tenantId: b.id, generation: 6 }, { batchSize: 2 })).toEqual({ recomputed: 0, stopped: true, more: false });
    expect(await scores(leadsB)).toEqual([0, 0]);

    // B saves and runs its own recompute: only its 2 leads, with its weights; A's keep theirs.
    const { saved } = await save(b.id, { perMeeting: 7 });
    expect(saved.recompute).toMatchObject({ running: true, done: 0, total: 2 });
    expect(await runLeadScoreRecompute(deps(), { tenantId: b.id, generation: 1 }, { batchSize: 1 })).toEqual({ recomputed: 2, stopped: true, more: false });
    expect(await scores(leadsB)).toEqual([7, 7]);
    expect(await scores(leadsA)).toEqual([60, 60, 60, 60, 60]);
    expect((await status(a.id)).done).toBe(5);

    const raw = JSON.stringify({ tenantId: a.id, generation: 6 });
    const post = (signature: string) => request(env().port, env().rootDomain, "POST", LEAD_SCORE_RECOMPUTE_JOB_PATH, { headers: { "content-type": "application/json", "upstash-signature": signature }, body: raw });
    const forged = await signQStashRequest({ url: `http://${env().rootDomain}${LEAD_SCORE_RECOMPUTE_JOB_PATH}`, rawBody: raw, signingKey: "not-the-signing-key" });
    expect((await post(forged)).status).toBe(401);
    expect((await post("x.y.z")).status).toBe(401);
    // Signed for another endpoint: refused too.
    expect((await post(await signQStashRequest({ url: `http://${env().rootDomain}/api/jobs/crm-import`, rawBody: raw, signingKey: TEST_KEYS.qstashCurrent }))).status).toBe(401);
    // Well signed: the generation is done, so the run answers and changes nothing.
    const okRes = await post(await signQStashRequest({ url: `http://${env().rootDomain}${LEAD_SCORE_RECOMPUTE_JOB_PATH}`, rawBody: raw, signingKey: TEST_KEYS.qstashCurrent }));
    expect(okRes.status).toBe(200);
    expect(okRes.json()).toEqual({ recomputed: 0, stopped: true, more: false });
  });
});
