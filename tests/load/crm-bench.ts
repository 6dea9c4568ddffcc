// CRM figures, in-process against Postgres (no HTTP): the lead list's first page and a deep keyset
// page with CRM_BENCH_LEADS leads (default 100,000) in each of CRM_BENCH_TENANTS tenants (default
// 10), as the app role under RLS and the same statement as the owner without it (the RLS overhead).
// `BENCH_ONLY=crm pnpm bench` runs only this section (no build needed).
import pg from "pg";
import { sql } from "kysely";
import { runImportChunk, startImport, uploadImport } from "@vendaflow/core/crm/import/run";
import { listLeads } from "@vendaflow/core/crm/leads";
import { afterCommit } from "@vendaflow/core/after-commit";
import type { ScheduledJob } from "@vendaflow/core/ports/scheduler";
import { createDb, type Database } from "@vendaflow/db/create-db";
import { appUrlFrom, migrate } from "@vendaflow/db/migrate";
import { withTenant } from "@vendaflow/db/with-tenant";
import { leadListInput, type LeadListInput } from "@vendaflow/validators/crm";
import { APP_ROLE } from "./setup-db";
import { fmt, fmtInt, summarize, table } from "./stats";

const TARGET = { p95Ms: 30, rlsOverhead: 0.1 };
const log = (s: string) => process.stderr.write(`[bench crm] ${s}\n`);

/** Realistic enough rows in bulk: names, e-mails, Brazilian mobiles, stages, scores, tags, a year of dates. */
const FILL = `
  insert into leads (tenant_id, name, email, phone, company, source, stage, bant_score, tags, created_at)
  select $1::uuid,
    (array['Ana','João','Maria','José','Francisca','Antônio','Adriana','Carlos','Juliana','Paulo'])[1 + (g % 10)] || ' ' ||
      (array['Silva','Santos','Oliveira','Souza','Rodrigues','Ferreira','Alves','Pereira','Lima','Gomes'])[1 + ((g / 10) % 10)] || ' ' || g,
    'lead' || g || '@empresa' || (g % 5000) || '.com.br',
    '+55' || (11 + (g % 80)) || '9' || lpad((g % 100000000)::text, 8, '0'),
    'Empresa ' || (g % 5000),
    (array['web','whatsapp','api','import','manual'])[1 + (g % 5)],
    (array['new','qualified','nurture','converted'])[1 + (g % 4)],
    (g * 7919) % 101,
    case when g % 3 = 0 then array['quente'] when g % 3 = 1 then array['frio','evento'] else '{}'::text[] end,
    date_trunc('milliseconds', now() - make_interval(secs => (g * 31.536)::double precision))
  from generate_series(1, $2::int) g`;

async function time(n: number, fn: () => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < Math.min(20, n); i++) await fn();
  const ms: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await fn();
    ms.push(performance.now() - t0);
  }
  return ms;
}

export interface CrmBench {
  lines: string[];
}

export async function crmBench(adminUrl: string, opts: { leads?: number; tenants?: number; runs?: number } = {}): Promise<CrmBench> {
  const leads = opts.leads ?? Number(process.env.CRM_BENCH_LEADS ?? 100_000);
  const tenants = opts.tenants ?? Number(process.env.CRM_BENCH_TENANTS ?? 10);
  const runs = opts.runs ?? Number(process.env.CRM_BENCH_RUNS ?? 200);
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  const dbName = `vf_bench_crm_${process.pid}_${Date.now().toString(36)}`;
  await admin.query(`create database ${dbName}`);
  let app: { db: Database; close: () => Promise<void> } | null = null;
  let own: { db: Database; close: () => Promise<void> } | null = null;
  try {
    const u = new URL(adminUrl);
    u.pathname = `/${dbName}`;
    const ownerUrl = u.toString();
    await migrate(ownerUrl, APP_ROLE);
    const owner = new pg.Client({ connectionString: ownerUrl });
    await owner.connect();
    const ids: string[] = [];
    const t0 = performance.now();
    for (let i = 0; i < tenants; i++) {
      const { rows } = await owner.query<{ id: string }>("insert into tenants (slug, name) values ($1, $2) returning id", [`bench-crm-${i}`, `Bench ${i}`]);
      ids.push(rows[0]!.id);
      await owner.query(FILL, [rows[0]!.id, leads]);
      log(`tenant ${i + 1}/${tenants}: ${fmtInt(leads)} leads`);
    }
    await owner.query("vacuum analyze leads");
    const fillSeconds = (performance.now() - t0) / 1000;
    // The tenant measured sits in the middle of the table's physical order.
    const tenantId = ids[Math.floor(tenants / 2)]!;
    const deep = await owner.query<{ created_at: Date; id: string; bant_score: number }>(
      "select created_at, id, bant_score from leads where tenant_id = $1 order by created_at desc, id desc offset $2 limit 1",
      [tenantId, Math.floor(leads * 0.9)],
    );
    const deepScore = await owner.query<{ created_at: Date; id: string; bant_score: number }>(
      "select created_at, id, bant_score from leads where tenant_id = $1 order by bant_score desc, created_at desc, id desc offset $2 limit 1",
      [tenantId, Math.floor(leads * 0.9)],
    );
    await owner.end();
    const d = deep.rows[0]!;
    const ds = deepScore.rows[0]!;

    app = createDb({ url: appUrlFrom(ownerUrl, APP_ROLE), max: 2 });
    own = createDb({ url: ownerUrl, max: 2 });
    const cases: [string, LeadListInput][] = [
      ["first page (25, newest)", leadListInput.parse({})],
      [`deep page (after row ${fmtInt(leads * 0.9)})`, leadListInput.parse({ cursor: `${d.created_at.toISOString()}|${d.id}` })],
      ["first page by score", leadListInput.parse({ sort: "score" })],
      ["deep page by score", leadListInput.parse({ sort: "score", cursor: `${ds.bant_score}|${ds.created_at.toISOString()}|${ds.id}` })],
      ["filtered: stage + tag + score ≥ 50", leadListInput.parse({ stage: "qualified", tag: "quente", minScore: 50 })],
      ['search "joao silva"', leadListInput.parse({ q: "joao silva" })],
    ];
    const rows: string[][] = [];
    const verdicts: string[] = [];
    for (const [name, input] of cases) {
      const rls = summarize(await time(runs, () => withTenant(app!.db, tenantId, (tx) => listLeads(tx, tenantId, input), { readOnly: true })));
      const bare = summarize(await time(runs, () => own!.db.transaction().setAccessMode("read only").execute((tx) => listLeads(tx, tenantId, input))));
      // The owner with withTenant's extra round trip (set_config) but no policy: what the policy itself costs.
      const sameTrips = summarize(
        await time(runs, () =>
          own!.db.transaction().setAccessMode("read only").execute(async (tx) => {
            await sql`select set_config('app.tenant_id', ${tenantId}, true)`.execute(tx);
            return listLeads(tx, tenantId, input);
          }),
        ),
      );
      const overhead = (rls.p95 - bare.p95) / bare.p95;
      const policy = (rls.p95 - sameTrips.p95) / sameTrips.p95;
      rows.push([name, fmt(rls.p50, 2), fmt(rls.p95, 2), fmt(bare.p50, 2), fmt(bare.p95, 2), `${fmt(overhead * 100, 1)}%`, fmt(sameTrips.p95, 2), `${fmt(policy * 100, 1)}%`]);
      if (name.startsWith("first page (") || name.startsWith("deep page (")) {
        verdicts.push(
          `${name}: p95 ${fmt(rls.p95, 2)} ms (target < ${TARGET.p95Ms}: ${rls.p95 < TARGET.p95Ms ? "ok" : "MISSED"}), RLS overhead ${fmt(overhead * 100, 1)}% (target < ${TARGET.rlsOverhead * 100}%: ${overhead < TARGET.rlsOverhead ? "ok" : "MISSED"}; of which the policy itself ${fmt(policy * 100, 1)}%, the rest is withTenant's set_config round trip)`,
        );
      }
    }
    // Import throughput: a CSV of IMPORT_ROWS leads (2% bad rows, 1% duplicates) into a fresh tenant,
    // upload (decode, parse, store) then the job's chunks back to back, as the scheduler would run them.
    const importRows = Number(process.env.CRM_BENCH_IMPORT_ROWS ?? 50_000);
    const lines = ["Nome;E-mail;Celular;Empresa"];
    for (let i = 1; i <= importRows; i++) {
      if (i % 50 === 0) lines.push(`Ruim ${i};sem-arroba;12;X`);
      else if (i % 100 === 1 && i > 1) lines.push(`Repetido ${i};lead${i - 2}@bench.com.br;;Y`);
      else lines.push(`Lead ${i} Conceição;lead${i}@bench.com.br;(11) 9${String(10_000_000 + i).slice(-8)};Empresa ${i % 500}`);
    }
    const file = new TextEncoder().encode(lines.join("\r\n"));
    const ownerForImport = new pg.Client({ connectionString: ownerUrl });
    await ownerForImport.connect();
    const imp = await ownerForImport.query<{ id: string }>("insert into tenants (slug, name) values ('bench-import', 'Bench import') returning id");
    const importTenant = imp.rows[0]!.id;
    const user = await ownerForImport.query<{ id: string }>("insert into users (tenant_id, email, name, role) values ($1, 'admin@bench.test', 'Admin', 'admin') returning id", [importTenant]);
    await ownerForImport.end();
    const actor = { userId: user.rows[0]!.id, role: "admin" as const };
    const queued: ScheduledJob[] = [];
    const deps = { db: app.db, now: () => new Date(), scheduler: { kind: "local" as const, schedule: async (j: ScheduledJob) => void queued.push(j) } };
    const u0 = performance.now();
    const preview = await withTenant(app.db, importTenant, (tx) => uploadImport(tx, importTenant, actor, { name: "bench.csv", bytes: file }, {}));
    const after = afterCommit();
    await withTenant(app.db, importTenant, (tx) => startImport(tx, importTenant, actor, { importId: preview.id, mapping: preview.mapping }, {}, after));
    const u1 = performance.now();
    let chunks = 0;
    for (let r = await runImportChunk(deps, { tenantId: importTenant, importId: preview.id }); ; r = await runImportChunk(deps, { tenantId: importTenant, importId: preview.id })) {
      chunks++;
      if (r.done) break;
    }
    const u2 = performance.now();
    const check = await withTenant(app.db, importTenant, (tx) => tx.selectFrom("lead_imports").select(["inserted", "duplicates", "failed"]).where("id", "=", preview.id).executeTakeFirstOrThrow());
    const rowsPerSec = importRows / ((u2 - u0) / 1000);
    return {
      lines: [
        `CRM lead list: ${fmtInt(leads)} leads in each of ${tenants} tenants (${fmtInt(leads * tenants)} rows, filled in ${fmt(fillSeconds, 0)} s), ${runs} runs per case after 20 warm-up, one tenant, one connection`,
        table(["case", "RLS p50 ms", "RLS p95 ms", "owner p50 ms", "owner p95 ms", "p95 overhead", "owner+set_config p95 ms", "policy overhead"], rows),
        ...verdicts,
        `CRM import: ${fmtInt(importRows)} rows (${fmt(file.byteLength / 1024 / 1024, 1)} MB, ${fmtInt(check.inserted)} inserted, ${fmtInt(check.duplicates)} duplicates, ${fmtInt(check.failed)} bad) — upload + mapping ${fmt(u1 - u0, 0)} ms, ${chunks} job chunks ${fmt(u2 - u1, 0)} ms: ${fmtInt(rowsPerSec)} rows/s end to end (target >= 5,000: ${rowsPerSec >= 5000 ? "ok" : "MISSED"})`,
      ],
    };
  } finally {
    await app?.close();
    await own?.close();
    await admin.query(`drop database if exists ${dbName} with (force)`);
    await admin.end();
  }
}
