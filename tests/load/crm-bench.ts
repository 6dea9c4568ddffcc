// CRM figures, in-process against Postgres (no HTTP): the lead list's first page and a deep keyset
// page with CRM_BENCH_LEADS leads (default 100,000) in each of CRM_BENCH_TENANTS tenants (default
// 10), as the app role under RLS and the same statement as the owner without it (the RLS overhead).
// `BENCH_ONLY=crm pnpm bench` runs only this section (no build needed).
import pg from "pg";
import { PostgresQueryCompiler, sql, type CompiledQuery, type KyselyPlugin } from "kysely";
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

/**
 * Times several variants of one query interleaved (a, b, c, a, b, c, …) so load from elsewhere on
 * the machine falls on all of them alike; 20 warm-up rounds first.
 */
async function timeInterleaved(n: number, variants: (() => Promise<unknown>)[]): Promise<number[][]> {
  for (let i = 0; i < Math.min(20, n); i++) for (const fn of variants) await fn();
  const ms: number[][] = variants.map(() => []);
  for (let i = 0; i < n; i++) {
    for (let v = 0; v < variants.length; v++) {
      const t0 = performance.now();
      await variants[v]!();
      ms[v]!.push(performance.now() - t0);
    }
  }
  return ms;
}

/** The statements a call sends, compiled as the app sends them (to EXPLAIN them in both roles). */
function captureStatements(): { plugin: KyselyPlugin; statements: CompiledQuery[] } {
  const statements: CompiledQuery[] = [];
  const compiler = new PostgresQueryCompiler();
  return {
    statements,
    plugin: {
      transformQuery: ({ node, queryId }) => {
        statements.push(compiler.compileQuery(node, queryId));
        return node;
      },
      transformResult: async ({ result }) => result,
    },
  };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

/**
 * The server's own planning and execution times of one statement (EXPLAIN ANALYZE's summary, no
 * per-node timing), interleaved between the app role under RLS and the owner: the RLS overhead
 * without the network, the client or the machine's other load in it.
 */
async function serverTimes(urls: { app: string; owner: string }, tenantId: string, q: CompiledQuery, rounds: number) {
  const clients = { app: new pg.Client({ connectionString: urls.app }), owner: new pg.Client({ connectionString: urls.owner }) };
  const times = { app: { plan: [] as number[], exec: [] as number[] }, owner: { plan: [] as number[], exec: [] as number[] } };
  for (const c of Object.values(clients)) await c.connect();
  try {
    for (let i = 0; i < rounds + 30; i++) {
      for (const who of ["app", "owner"] as const) {
        const c = clients[who];
        await c.query(`begin read only; select set_config('app.tenant_id', '${tenantId}', true)`);
        const r = await c.query<{ "QUERY PLAN": { "Planning Time": number; "Execution Time": number }[] }>(`explain (analyze, timing off, summary, format json) ${q.sql}`, q.parameters as unknown[]);
        await c.query("commit");
        const plan = r.rows[0]!["QUERY PLAN"][0]!;
        if (i >= 30) {
          times[who].plan.push(plan["Planning Time"]);
          times[who].exec.push(plan["Execution Time"]);
        }
      }
    }
  } finally {
    for (const c of Object.values(clients)) await c.end();
  }
  return { app: { plan: median(times.app.plan), exec: median(times.app.exec) }, owner: { plan: median(times.owner.plan), exec: median(times.owner.exec) } };
}

export interface CrmBench {
  lines: string[];
}

export async function crmBench(adminUrl: string, opts: { leads?: number; tenants?: number; runs?: number } = {}): Promise<CrmBench> {
  const leads = opts.leads ?? Number(process.env.CRM_BENCH_LEADS ?? 100_000);
  const tenants = opts.tenants ?? Number(process.env.CRM_BENCH_TENANTS ?? 10);
  const runs = opts.runs ?? Number(process.env.CRM_BENCH_RUNS ?? 1000);
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  const dbName = `vf_bench_crm_${process.pid}_${Date.now().toString(36)}`;
  await admin.query(`create database ${dbName}`);
  const pools: { db: Database; close: () => Promise<void> }[] = [];
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

    const pool = (url: string) => {
      const p = createDb({ url, max: 1 });
      pools.push(p);
      return p.db;
    };
    const appUrl = appUrlFrom(ownerUrl, APP_ROLE);
    const [appDb, beforeDb, ownerDb, bareDb] = [pool(appUrl), pool(appUrl), pool(ownerUrl), pool(ownerUrl)];
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
    // Four ways to run the same statement, each one read-only transaction on its own connection:
    //  app     the app role through withTenant (BEGIN and the tenant binding in one round trip): what requests do
    //  before  the app role with the binding as its own statement after BEGIN (withTenant until this change)
    //  owner   the owner (superuser: no policy applies) through the same withTenant: same round trips and statements
    //  bare    the owner in a plain read-only transaction, no binding at all
    // The overhead compares app with owner (like with like: only the role differs). End to end, a 1-3 ms
    // statement on 2 shared cores mostly measures the scheduler, so the server's own planning and
    // execution times of the statement are taken too, and the verdict reads those.
    const serverRows: string[][] = [];
    const pct = (a: number, b: number) => `${fmt(((a - b) / b) * 100, 1)}%`;
    for (const [name, input] of cases) {
      const [rlsMs, beforeMs, ownerMs, bareMs] = await timeInterleaved(runs, [
        () => withTenant(appDb, tenantId, (tx) => listLeads(tx, tenantId, input), { readOnly: true }),
        () =>
          beforeDb.transaction().setAccessMode("read only").execute(async (tx) => {
            await sql`select set_config('app.tenant_id', ${tenantId}, true)`.execute(tx);
            return listLeads(tx, tenantId, input);
          }),
        () => withTenant(ownerDb, tenantId, (tx) => listLeads(tx, tenantId, input), { readOnly: true }),
        () => bareDb.transaction().setAccessMode("read only").execute((tx) => listLeads(tx, tenantId, input)),
      ]);
      const [rls, before, owner, bare] = [rlsMs!, beforeMs!, ownerMs!, bareMs!].map(summarize) as [ReturnType<typeof summarize>, ReturnType<typeof summarize>, ReturnType<typeof summarize>, ReturnType<typeof summarize>];
      rows.push([name, fmt(rls.p50, 2), fmt(owner.p50, 2), pct(rls.p50, owner.p50), fmt(rls.p95, 2), fmt(owner.p95, 2), pct(rls.p95, owner.p95), fmt(bare.p50, 2), fmt(before.p50, 2), pct(before.p50, owner.p50)]);
      if (name.startsWith("first page (") || name.startsWith("deep page (")) {
        const capture = captureStatements();
        await withTenant(appDb.withPlugin(capture.plugin), tenantId, (tx) => listLeads(tx, tenantId, input), { readOnly: true });
        const list = capture.statements.find((q) => q.sql.includes('from "leads"'))!;
        const srv = await serverTimes({ app: appUrl, owner: ownerUrl }, tenantId, list, 300);
        const added = srv.app.plan + srv.app.exec - (srv.owner.plan + srv.owner.exec);
        serverRows.push([name, fmt(srv.app.plan, 3), fmt(srv.owner.plan, 3), fmt(srv.app.exec, 3), fmt(srv.owner.exec, 3), fmt(added, 3), `${fmt((added / rls.p50) * 100, 1)}%`]);
        // Both paths send the same statements over the same round trips; only the role differs, so the
        // time RLS can add is the server's. Measured there, it is free of the client's scheduling noise.
        const overhead = added / owner.p50;
        verdicts.push(
          `${name}: p95 ${fmt(rls.p95, 2)} ms (target < ${TARGET.p95Ms}: ${rls.p95 < TARGET.p95Ms ? "ok" : "MISSED"}); RLS overhead: the server spends ${fmt(added, 3)} ms more per query under RLS, ${fmt(overhead * 100, 1)}% of the owner's median (target < ${TARGET.rlsOverhead * 100}%: ${overhead < TARGET.rlsOverhead ? "ok" : "MISSED"}); end to end on this run, median ${pct(rls.p50, owner.p50)}, p95 ${pct(rls.p95, owner.p95)}`,
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
    const deps = { db: appDb, now: () => new Date(), scheduler: { kind: "local" as const, schedule: async (j: ScheduledJob) => void queued.push(j) } };
    const u0 = performance.now();
    const preview = await withTenant(appDb, importTenant, (tx) => uploadImport(tx, importTenant, actor, { name: "bench.csv", bytes: file }, {}));
    const after = afterCommit();
    await withTenant(appDb, importTenant, (tx) => startImport(tx, importTenant, actor, { importId: preview.id, mapping: preview.mapping }, {}, after));
    const u1 = performance.now();
    let chunks = 0;
    for (let r = await runImportChunk(deps, { tenantId: importTenant, importId: preview.id }); ; r = await runImportChunk(deps, { tenantId: importTenant, importId: preview.id })) {
      chunks++;
      if (r.done) break;
    }
    const u2 = performance.now();
    const check = await withTenant(appDb, importTenant, (tx) => tx.selectFrom("lead_imports").select(["inserted", "duplicates", "failed"]).where("id", "=", preview.id).executeTakeFirstOrThrow());
    const rowsPerSec = importRows / ((u2 - u0) / 1000);
    return {
      lines: [
        `CRM lead list: ${fmtInt(leads)} leads in each of ${tenants} tenants (${fmtInt(leads * tenants)} rows, filled in ${fmt(fillSeconds, 0)} s), ${runs} runs per variant per case, interleaved, after 20 warm-up rounds, one tenant, one connection per variant`,
        table(["case", "app p50", "owner p50", "ovh p50", "app p95", "owner p95", "ovh p95", "bare p50", "before p50", "before ovh"], rows),
        "  (ms; app = app role under RLS via withTenant, binding folded into BEGIN; owner = owner, same withTenant path, no policy applies; bare = owner, plain transaction, no binding; before = app role with set_config as its own round trip, the previous withTenant)",
        "  the list statement in the server (EXPLAIN ANALYZE summary, ms, median of 300 interleaved runs):",
        table(["case", "app plan", "owner plan", "app exec", "owner exec", "RLS adds", "of app p50"], serverRows),
        ...verdicts,
        `CRM import: ${fmtInt(importRows)} rows (${fmt(file.byteLength / 1024 / 1024, 1)} MB, ${fmtInt(check.inserted)} inserted, ${fmtInt(check.duplicates)} duplicates, ${fmtInt(check.failed)} bad) — upload + mapping ${fmt(u1 - u0, 0)} ms, ${chunks} job chunks ${fmt(u2 - u1, 0)} ms: ${fmtInt(rowsPerSec)} rows/s end to end (target >= 5,000: ${rowsPerSec >= 5000 ? "ok" : "MISSED"})`,
      ],
    };
  } finally {
    for (const p of pools) await p.close();
    await admin.query(`drop database if exists ${dbName} with (force)`);
    await admin.end();
  }
}
