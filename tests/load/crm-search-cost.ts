import { CompiledQuery, Kysely, PostgresDialect, sql, type LogEvent } from "kysely";
import pg from "pg";
import { listCompanies } from "@vendaflow/core/crm/companies";
import { listContacts } from "@vendaflow/core/crm/contacts";
import { listDeals } from "@vendaflow/core/crm/deals";
import { searchEverything } from "@vendaflow/core/crm/global-search";
import { listLeads } from "@vendaflow/core/crm/leads";
import { searchWords } from "@vendaflow/core/crm/search";
import type { Database } from "@vendaflow/db/create-db";
import type { DB } from "@vendaflow/db/types";
import { withTenant, type TenantTx } from "@vendaflow/db/with-tenant";
import { withScratchDb } from "./scratch-db";
import { companyListInput, contactListInput, dealListInput, leadListInput } from "@vendaflow/validators/crm";

// What the CRM lists' search (`search @@ …`, core/crm/search.ts) and the header's global search
// cost under RLS, and whether their GIN indexes (leads_search_idx, contacts_, companies_,
// deals_search_idx) serve them (docs/scaling.md "The CRM searches under RLS").
// Not part of `pnpm bench`: run it by hand; it makes a scratch database and drops it.
//
//   TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres pnpm tsx tests/load/crm-search-cost.ts
//   (CRM_SEARCH_ROWS per kind and tenant, 100,000 by default; CRM_SEARCH_DB names the scratch database)
//
// Tenant A and tenant B each get ROWS leads, contacts, companies and deals (pt-BR names; "Silva" in
// ~1 row in 7, "Wolff" in ~1 in 1,000, "Zanfirescu" in one old row of each kind). For each list and
// the global search, the statements as this tree builds them (captured from the core functions),
// EXPLAIN (ANALYZE, BUFFERS) as the app role under RLS, warm cache (a rare term's statements are the
// probe, app_<kind>_matching of migration 0171, and the page over its ids; a common term's the `@@`
// walk); then the lead list's statements as the owner (no RLS), and the lead function on its own:
// the matching ids through the GIN index, past RLS, and the page over them.

const ROWS = Number(process.env.CRM_SEARCH_ROWS ?? 100_000);
const adminUrl = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const dbName = process.env.CRM_SEARCH_DB ?? `crm_search_cost_${process.pid}`;
const TERMS = ["Zanfirescu", "Wolff", "Silva", "joa"] as const;

const FIRST = "João Joana Maria José Ana Pedro Paulo Lucas Mariana Gabriel Juliana Rafael Fernanda Bruno Camila Tiago Beatriz Carlos Letícia Felipe Larissa Rodrigo Aline Marcos Patrícia Diego Renata André Vanessa Gustavo".split(" ");
const LAST = "Silva Santos Oliveira Souza Rodrigues Ferreira Alves Pereira Lima Gomes Costa Ribeiro Martins Carvalho Almeida Lopes Soares Fernandes Vieira Barbosa".split(" ");
const SECTOR = "Alimentos Tecnologia Construções Logística Consultoria Móveis Autopeças Farmácia Educação Transportes".split(" ");

// A name per row (g) from the lists; "Silva" gets 1 row in 7, "Wolff" 1 in 1,000.
const surname = (g: string) => `case when (hashint4(${g} + 7) & 2147483647) % 1000 = 0 then 'Wolff' when (hashint4(${g} + 3) & 2147483647) % 7 = 0 then 'Silva'
  else (array[${LAST.slice(1).map((f) => `'${f}'`).join(",")}])[1 + (hashint4(${g} + 5) & 2147483647) % ${LAST.length - 1}] end`;
const person = (g: string) => `(array[${FIRST.map((f) => `'${f}'`).join(",")}])[1 + (hashint4(${g}) & 2147483647) % ${FIRST.length}] || ' ' || ${surname(g)}`;
const firm = (g: string) => `${surname(`${g} + 1`)} || ' ' || (array[${SECTOR.map((s) => `'${s}'`).join(",")}])[1 + (hashint4(${g} + 11) & 2147483647) % ${SECTOR.length}] || ' Ltda'`;
const when = (g: string) => `now() - ((hashint4(${g} + 13) & 2147483647) % 63072000) * interval '1 second'`;

async function fill(o: pg.Client, slug: string) {
  const t = (await o.query<{ id: string }>("insert into tenants (slug, name) values ($1, $1) returning id", [slug])).rows[0]!.id;
  // A new tenant comes with its default pipeline and stages.
  const { pipeline, stage } = (
    await o.query<{ pipeline: string; stage: string }>("select pipeline_id as pipeline, id as stage from pipeline_stages where tenant_id = $1 and kind = 'open' order by position limit 1", [t])
  ).rows[0]!;
  const g = "g";
  await o.query(
    `insert into leads (tenant_id, name, email, phone, company, source, created_at)
     select $1, ${person(g)}, 'lead' || g || '@exemplo.com.br', '+55119' || lpad(g::text, 8, '0'), ${firm(g)}, 'web', ${when(g)}
     from generate_series(1, $2::int) g`,
    [t, ROWS],
  );
  await o.query(
    `insert into companies (tenant_id, name, domain, created_at)
     select $1, ${firm(g)}, 'empresa' || g || '.com.br', ${when(g)} from generate_series(1, $2::int) g`,
    [t, ROWS],
  );
  await o.query(
    `insert into contacts (tenant_id, name, email, phone, created_at)
     select $1, ${person(g)}, 'contato' || g || '@exemplo.com.br', '+55219' || lpad(g::text, 8, '0'), ${when(g)} from generate_series(1, $2::int) g`,
    [t, ROWS],
  );
  await o.query(
    `insert into deals (tenant_id, pipeline_id, stage_id, title, probability, created_at)
     select $1, $2, $3, (array['Proposta','Renovação','Expansão','Plano anual'])[1 + (hashint4(g + 17) & 2147483647) % 4] || ' ' || ${firm(g)}, 50, ${when(g)}
     from generate_series(1, $4::int) g`,
    [t, pipeline, stage, ROWS],
  );
  // The rare term: once per kind, in the tenant's oldest row (the walk reaches it last).
  for (const [table, col, value] of [
    ["leads", "name", "Otávio Zanfirescu"],
    ["companies", "name", "Zanfirescu Importadora Ltda"],
    ["contacts", "name", "Otávio Zanfirescu"],
    ["deals", "title", "Proposta Zanfirescu Importadora"],
  ] as const) {
    await o.query(`update ${table} set ${col} = $2 where id = (select id from ${table} where tenant_id = $1 order by created_at limit 1)`, [t, value]);
  }
  return t;
}

type Captured = { sql: string; parameters: readonly unknown[] };

async function main() {
  await withScratchDb(adminUrl, dbName, async (o, { ownerUrl, appUrl }) => {
    const t0 = Date.now();
    const a = await fill(o, "busca-a");
    await fill(o, "busca-b");
    for (const table of ["leads", "companies", "contacts", "deals"]) await o.query(`vacuum analyze ${table}`);
    console.log(`filled ${ROWS} rows per kind and tenant in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
    for (const term of TERMS) {
      const r = await o.query(
        `select (select count(*) from leads where tenant_id = $1 and search @@ q)::int as leads, (select count(*) from contacts where tenant_id = $1 and search @@ q)::int as contacts,
                (select count(*) from companies where tenant_id = $1 and search @@ q)::int as companies, (select count(*) from deals where tenant_id = $1 and search @@ q)::int as deals
         from (select websearch_to_tsquery('portuguese', app_unaccent($2)) || to_tsquery('simple', $3) as q) x`,
        [a, term, searchWords(term).map((w) => `${w}:*`).join(" & ")],
      );
      console.log(`tenant A rows matching "${term}": ${JSON.stringify(r.rows[0])}`);
    }
    await reads(o, ownerUrl, appUrl, a);
  });
}

// Prints a plan's shape (scans, filters, rows removed, buffers) and returns its execution time in ms.
function show(label: string, lines: string[]) {
  const time = lines.find((l) => l.startsWith("Execution Time"));
  const shape = lines.filter((l) => /Scan|Sort|Limit|Filter|Index Cond|Rows Removed|Heap Blocks|Buffers/.test(l)).slice(0, 18);
  console.log(`\n-- ${label}: ${time}\n${shape.map((l) => (l.length > 240 ? `${l.slice(0, 240)}…` : l)).join("\n")}`);
  return Number(/([\d.]+) ms/.exec(time ?? "")?.[1] ?? Number.NaN);
}

async function reads(o: pg.Client, ownerUrl: string, appUrl: string, tenant: string) {
  // A Kysely over a plain pool that logs every statement: the lists' own SQL, captured.
  let log: Captured[] = [];
  const kysely = (url: string) => {
    const pool = new pg.Pool({ connectionString: url, max: 1 });
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }), log: (e: LogEvent) => void (e.level === "query" && log.push({ sql: e.query.sql, parameters: e.query.parameters })) });
    return db as unknown as Database;
  };
  const app = kysely(appUrl);
  const owner = kysely(ownerUrl);
  const plan = async (db: Database, c: Captured) =>
    withTenant(db, tenant, async (tx) => (await tx.executeQuery<{ "QUERY PLAN": string }>(CompiledQuery.raw(`explain (analyze, buffers) ${c.sql}`, [...c.parameters]))).rows.map((r) => r["QUERY PLAN"]));
  const capture = async (fn: (tx: TenantTx) => Promise<unknown>) => {
    log = [];
    const t0 = process.hrtime.bigint();
    await withTenant(app, tenant, fn);
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    return { ms, statements: log.filter((c) => /@@|unnest\(|_matching\(/.test(c.sql)) };
  };
  const lists = {
    leads: (tx: TenantTx, q: string) => listLeads(tx, tenant, leadListInput.parse({ q })),
    contacts: (tx: TenantTx, q: string) => listContacts(tx, contactListInput.parse({ q })),
    companies: (tx: TenantTx, q: string) => listCompanies(tx, companyListInput.parse({ q })),
    deals: (tx: TenantTx, q: string) => listDeals(tx, dealListInput.parse({ q })),
  };
  const summary: string[] = [];
  try {
    for (const [kind, list] of Object.entries(lists)) {
      for (const term of [...TERMS, ...(kind === "leads" ? ["(11) 90000-0042"] : [])]) {
        await capture((tx) => list(tx, term)); // warm-up
        const { ms, statements } = await capture((tx) => list(tx, term));
        let exec = 0;
        for (const [i, c] of statements.entries()) {
          await plan(app, c);
          exec += show(`${kind} list, "${term}", statement ${i + 1} of ${statements.length}, app role under RLS`, await plan(app, c));
        }
        summary.push(`${kind.padEnd(9)} "${term}"`.padEnd(34) + ` ${exec.toFixed(1).padStart(8)} ms execution (${statements.length} statements), ${ms.toFixed(1).padStart(8)} ms the core call`);
        if (kind === "leads" && !term.startsWith("(")) {
          let ownerExec = 0;
          for (const c of statements) {
            await plan(owner, c);
            ownerExec += show(`${kind} list, "${term}", as the owner (no RLS)`, await plan(owner, c));
          }
          summary.push(`${"".padEnd(34)} ${ownerExec.toFixed(1).padStart(8)} ms as the owner (no RLS)`);
        }
      }
    }
    for (const term of TERMS) {
      await capture((tx) => searchEverything(tx, term));
      const { ms, statements } = await capture((tx) => searchEverything(tx, term));
      let total = 0;
      for (const [i, c] of statements.entries()) {
        await plan(app, c);
        total += show(`global search, "${term}", statement ${i + 1} of ${statements.length}, app role`, await plan(app, c));
      }
      summary.push(`global    "${term}"`.padEnd(34) + ` ${total.toFixed(1).padStart(8)} ms execution (${statements.length} statements), ${ms.toFixed(1).padStart(8)} ms the core call`);
    }
    summary.push(...(await definerAlone(o, app, tenant)));
  } finally {
    await app.destroy();
    await owner.destroy();
  }
  console.log(`\n== summary (tenant A: ${ROWS} rows per kind; tenant B as many beside) ==\n${summary.join("\n")}`);
}

// The fix (migration 0171, core/crm/search-candidates.ts) on its own: the definer function (owned by
// the database owner, who bypasses RLS) reads the GIN index with the bound tenant as an explicit
// condition and returns at most p_limit matching ids; the list's statement, still under RLS, takes
// `id in (select unnest(ids))` when fewer came back (a rare term; `id = any(ids)` had the planner
// walk the tenant's rows), and walks as before when p_limit did (a common one: the newest rows fill
// a page early).
async function definerAlone(o: pg.Client, app: Database, tenant: string) {
  const out: string[] = [];
  for (const term of TERMS) {
    const prefix = searchWords(term).map((w) => `${w}:*`).join(" & ");
    const inner = await o.query<{ "QUERY PLAN": string }>(
      "explain (analyze, buffers) select id from leads where tenant_id = $1 and search @@ (websearch_to_tsquery('portuguese', app_unaccent($2)) || to_tsquery('simple', $3)) limit 1001",
      [tenant, term, prefix],
    );
    show(`definer function, "${term}": the function's statement (as it runs inside, past RLS)`, inner.rows.map((r) => r["QUERY PLAN"]));
    const query = sql<string>`(websearch_to_tsquery('portuguese', app_unaccent(${term})) || to_tsquery('simple', ${prefix}))`;
    const ms = await withTenant(app, tenant, async (tx) => {
      await sql`select count(*) from app_leads_matching(${query}, 1001)`.execute(tx); // warm-up
      const t0 = process.hrtime.bigint();
      const ids = (await sql<{ id: string }>`select id from app_leads_matching(${query}, 1001)`.execute(tx)).rows.map((r) => r.id);
      const t1 = process.hrtime.bigint();
      let page = Number.NaN;
      if (ids.length <= 1000) {
        const c = tx.selectFrom("leads").select(["id", "name", "email", "phone", "created_at"]).where("tenant_id", "=", tenant).where("id", "in", sql<string>`(select unnest(${ids}::uuid[]))`).orderBy("created_at", "desc").orderBy("id", "desc").limit(26).compile();
        const lines = (await tx.executeQuery<{ "QUERY PLAN": string }>(CompiledQuery.raw(`explain (analyze, buffers) ${c.sql}`, [...c.parameters]))).rows.map((r) => r["QUERY PLAN"]);
        page = show(`definer function, "${term}": the page over ${ids.length} ids, app role under RLS`, lines);
      }
      return { ids: ids.length, fn: Number(t1 - t0) / 1e6, page };
    });
    out.push(
      `definer function "${term}"`.padEnd(34) +
        ` ${ms.fn.toFixed(1).padStart(8)} ms for ${ms.ids} ids through the GIN index` +
        (Number.isNaN(ms.page) ? " (1,001: common, the walk stays)" : `, then ${ms.page.toFixed(1)} ms the page over them under RLS`),
    );
  }
  return out;
}

await main();
