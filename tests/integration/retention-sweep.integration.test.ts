import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppDeps } from "@vendaflow/core/deps";
import { afterCommit } from "@vendaflow/core/after-commit";
import { applyRetention, runRetentionSweep, saveRetention } from "@vendaflow/core/privacy/retention";
import { memoryStore } from "@vendaflow/connectors/upstash/memory-store";
import { createDb } from "@vendaflow/db/create-db";
import { withTenant } from "@vendaflow/db/with-tenant";
import { closeOwner, createTenant, env, owner, type FixtureTenant } from "../support/fixtures";

/**
 * The retention run at scale (core/privacy/retention.ts, migration 0165): a tenant's overdue leads
 * are anonymised in short batches, each its own transaction, that go round the due tenants within a
 * time budget; a tenant with leads left stays due in the next sweeps, its report sums the run and
 * says what is left, and the 23 h wait starts only once it has drained. A run the admin stops (the
 * policy turned off) before it drains gets its one summary audit row then. Run as the app role.
 */

const BATCH = 2;
const { db, close } = createDb({ url: env().appUrl, max: 2 });
let big: FixtureTenant;
let small: FixtureTenant;
let converted = "";

/** A time budget that lets exactly `n` batches start: the clock ticks once per batch. */
function batches(n: number) {
  let t = 0;
  return { budgetMs: n + 1, clock: () => t++, batch: BATCH };
}
const sweep = (now: Date, budget: ReturnType<typeof batches>) =>
  runRetentionSweep({ db, now: () => now, counters: memoryStore() } as unknown as AppDeps, budget);

const idleLeads = async (t: FixtureTenant, n: number) => {
  for (let i = 0; i < n; i++) await owner().query("insert into leads (tenant_id, name, email, source, created_at) values ($1, $2, $3, 'web', now() - interval '30 months')", [t.id, `Antigo ${i}`, `antigo${i}@exemplo.com.br`]);
};
const anonymised = async (t: FixtureTenant) => (await owner().query<{ n: number }>("select count(*)::int as n from leads where tenant_id = $1 and anonymised_at is not null", [t.id])).rows[0]!.n;
const policy = async (t: FixtureTenant) =>
  (await owner().query<{ last_run_at: Date | null; run_started_at: Date | null; last_report: { startedAt: string; at: string; anonymised: number; remaining: number } }>(
    "select last_run_at, run_started_at, last_report from privacy_retention where tenant_id = $1",
    [t.id],
  )).rows[0]!;

beforeAll(async () => {
  [big, small] = [await createTenant(), await createTenant()];
  // The sweep reads across tenants: earlier files' policies would take turns in these budgets.
  await owner().query("update privacy_retention set enabled = false where not (tenant_id = any($1))", [[big.id, small.id]]);
  await idleLeads(big, 7);
  await idleLeads(small, 3);
  const contact = (await owner().query("insert into contacts (tenant_id, name) values ($1, 'Cliente') returning id", [big.id])).rows[0].id;
  converted = (await owner().query("insert into leads (tenant_id, name, source, created_at, contact_id) values ($1, 'Convertido', 'web', now() - interval '30 months', $2) returning id", [big.id, contact])).rows[0].id;
  for (const t of [big, small]) await owner().query("insert into privacy_retention (tenant_id, enabled) values ($1, true) on conflict (tenant_id) do update set enabled = true, last_run_at = null", [t.id]);
});
afterAll(async () => {
  await close();
  await closeOwner();
});

describe("retention sweep", () => {
  const t0 = new Date();
  const at = (ms: number) => new Date(t0.getTime() + ms);

  it("a sweep stops starting batches once its budget is spent, and the due tenants take turns", async () => {
    expect(await sweep(t0, batches(2))).toBe(2 * BATCH);
    expect([await anonymised(big), await anonymised(small)]).toEqual([BATCH, BATCH]);
    const [b, s] = [await policy(big), await policy(small)];
    expect(b.last_report).toMatchObject({ startedAt: t0.toISOString(), anonymised: 2, remaining: 5 });
    expect(s.last_report).toMatchObject({ startedAt: t0.toISOString(), anonymised: 2, remaining: 1 });
    expect(b.run_started_at).toEqual(t0);
    // No budget, no batch.
    expect(await sweep(at(1_000), batches(0))).toBe(0);
  });

  it("tenants with leads left stay due in the next sweep until drained, the report summing the run", async () => {
    // Round robin: big 2, small 1 (drained), big 2, big 1 (drained).
    expect(await sweep(at(30_000), batches(100))).toBe(6);
    expect([await anonymised(big), await anonymised(small)]).toEqual([7, 3]);
    const b = await policy(big);
    expect(b.last_report).toMatchObject({ startedAt: t0.toISOString(), at: at(30_000).toISOString(), anonymised: 7, remaining: 0 });
    expect(b.run_started_at).toBeNull();
    expect(b.last_run_at).toEqual(at(30_000));
    expect((await policy(small)).last_report).toMatchObject({ anonymised: 3, remaining: 0 });
    const kept = await owner().query("select anonymised_at from leads where id = $1", [converted]);
    expect(kept.rows[0].anonymised_at).toBeNull();
  });

  it("each batch was its own transaction of at most a batch of leads; one audit row per run", async () => {
    // Rows written by one transaction share its xmin.
    const { rows } = await owner().query<{ n: number }>("select count(*)::int as n from leads where tenant_id = $1 and anonymised_at is not null group by xmin::text", [big.id]);
    expect(rows.map((r) => r.n).sort()).toEqual([1, 2, 2, 2]);
    const audit = await owner().query<{ after: { anonymised: number; remaining: number } }>("select after from audit_logs where tenant_id = $1 and action = 'privacy.retention_applied'", [big.id]);
    expect(audit.rows.map((r) => r.after)).toEqual([expect.objectContaining({ anonymised: 7, remaining: 0, startedAt: t0.toISOString() })]);
    const perLead = await owner().query<{ n: number }>("select count(*)::int as n from audit_logs where tenant_id = $1 and action = 'privacy.lead_anonymised'", [big.id]);
    expect(perLead.rows[0]!.n).toBe(7);
  });

  it("once drained, the tenant waits 23 h from the run's last batch, then a new run starts", async () => {
    await idleLeads(big, 1);
    const drainedAt = 30_000;
    expect(await sweep(at(drainedAt + 22 * 3_600_000), batches(100))).toBe(0);
    expect(await anonymised(big)).toBe(7);
    const next = at(drainedAt + 23 * 3_600_000 + 1_000);
    expect(await sweep(next, batches(100))).toBe(1);
    expect(await anonymised(big)).toBe(8);
    expect((await policy(big)).last_report).toMatchObject({ startedAt: next.toISOString(), anonymised: 1, remaining: 0 });
  });
});

describe("a run stopped before it drains", () => {
  let halt: FixtureTenant;
  const t1 = new Date(Date.now() + 10 * 24 * 3_600_000);
  const at = (ms: number) => new Date(t1.getTime() + ms);
  /** The admin saves the policy (retention card), as privacy.saveRetention does. */
  const save = (enabled: boolean, now: Date) => withTenant(db, halt.id, (tx) => saveRetention(tx, halt.id, { enabled, unconvertedLeadMonths: 24 }, {}, now));
  const summaries = async () =>
    (await owner().query<{ action: string; after: Record<string, unknown> }>("select action, after from audit_logs where tenant_id = $1 and action in ('privacy.retention_applied', 'privacy.retention_stopped') order by created_at, id", [halt.id])).rows;

  beforeAll(async () => {
    halt = await createTenant();
    // Only this tenant is due in these sweeps.
    await owner().query("update privacy_retention set enabled = false where tenant_id <> $1", [halt.id]);
    await idleLeads(halt, 5);
    await owner().query("insert into privacy_retention (tenant_id, enabled) values ($1, true) on conflict (tenant_id) do update set enabled = true, last_run_at = null", [halt.id]);
  });

  it("turning the policy off mid-run writes one summary with what was done, and clears the run", async () => {
    expect(await sweep(t1, batches(1))).toBe(BATCH);
    expect((await policy(halt)).run_started_at).toEqual(t1);
    expect(await summaries()).toEqual([]);

    await save(false, at(60_000));
    const p = await policy(halt);
    expect(p.run_started_at).toBeNull();
    const report = { startedAt: t1.toISOString(), at: t1.toISOString(), anonymised: 2, remaining: 3, stoppedAt: at(60_000).toISOString() };
    expect(p.last_report).toMatchObject(report);
    expect(await summaries()).toEqual([{ action: "privacy.retention_stopped", after: expect.objectContaining(report) }]);
  });

  it("afterwards nothing adds to it: sweeps, saving it off again, turning it back on within 23 h", async () => {
    expect(await sweep(at(120_000), batches(100))).toBe(0);
    await save(false, at(180_000));
    await save(true, at(240_000));
    expect(await sweep(at(300_000), batches(100))).toBe(0);
    expect(await anonymised(halt)).toBe(2);
    expect((await summaries()).map((r) => r.action)).toEqual(["privacy.retention_stopped"]);
  });

  it("the next run, 23 h after the stopped one's last batch, drains with its own single summary", async () => {
    const next = at(23 * 3_600_000 + 1_000);
    expect(await sweep(next, batches(100))).toBe(3);
    expect(await sweep(at(23 * 3_600_000 + 2_000), batches(100))).toBe(0);
    expect(await anonymised(halt)).toBe(5);
    expect(await summaries()).toEqual([
      { action: "privacy.retention_stopped", after: expect.objectContaining({ anonymised: 2, remaining: 3 }) },
      { action: "privacy.retention_applied", after: expect.objectContaining({ startedAt: next.toISOString(), anonymised: 3, remaining: 0 }) },
    ]);
    expect((await summaries())[1]!.after).not.toHaveProperty("stoppedAt");
  });
});

describe("\"Aplicar agora\" with the policy off", () => {
  it("is refused before anything is anonymised or a run starts (no sweep would continue it): never saved, and saved off", async () => {
    const off = await createTenant();
    await idleLeads(off, 3);
    const now = new Date();
    const apply = () => withTenant(db, off.id, (tx) => applyRetention(tx, off.id, {}, now, afterCommit()));
    const refused = { code: "PRECONDITION_FAILED", message: "Ative e salve a política de retenção antes de aplicá-la agora." };
    await expect(apply()).rejects.toMatchObject(refused);
    await withTenant(db, off.id, (tx) => saveRetention(tx, off.id, { enabled: false, unconvertedLeadMonths: 24 }, {}, now));
    await expect(apply()).rejects.toMatchObject(refused);
    expect(await anonymised(off)).toBe(0);
    expect(await policy(off)).toMatchObject({ last_run_at: null, run_started_at: null, last_report: {} });
    const audit = await owner().query("select action from audit_logs where tenant_id = $1 and action like 'privacy.retention_%' order by created_at", [off.id]);
    expect(audit.rows.map((r) => r.action)).toEqual(["privacy.retention_saved"]);
  });
});
