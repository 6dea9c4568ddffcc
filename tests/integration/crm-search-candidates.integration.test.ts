import { randomUUID } from "node:crypto";
import { Kysely, PostgresDialect, sql, type LogEvent } from "kysely";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listCompanies } from "@vendaflow/core/crm/companies";
import { listContacts } from "@vendaflow/core/crm/contacts";
import { listDeals } from "@vendaflow/core/crm/deals";
import { GLOBAL_SEARCH_PER_KIND, searchEverything } from "@vendaflow/core/crm/global-search";
import { listLeads } from "@vendaflow/core/crm/leads";
import { searchMatch, searchQuery } from "@vendaflow/core/crm/search";
import type { Database } from "@vendaflow/db/create-db";
import type { DB } from "@vendaflow/db/types";
import { withTenant, type TenantTx } from "@vendaflow/db/with-tenant";
import { companyListInput, contactListInput, dealListInput, leadListInput } from "@vendaflow/validators/crm";
import { closeOwner, createTenant, env, owner, type FixtureTenant } from "../support/fixtures";

// The CRM searches through the GIN index (core/crm/search-candidates.ts, migration 0171): a rare
// term's ids come from app_<kind>_matching and replace the `@@`; more than 1,000 matches keep it.
// Either way the lists and the header's search give what today's predicate gives under RLS, and
// tenant B's rows (the same words, more than 1,000 of the rare one) never show. Tenant A has
// 10,000 rows per kind, vacuumed and analysed, so the plan test is about a tenant where the GIN index pays.

type Kind = "leads" | "contacts" | "companies" | "deals";
const KINDS: Kind[] = ["leads", "contacts", "companies", "deals"];
// Letters only: a word the parser keeps whole.
const word = (p: string) => p + randomUUID().slice(0, 8).replace(/\d/g, (d) => "ghijklmnop"[Number(d)]!);
const rare = word("raro");
const common = word("comum");
const lone = word("unico");

let a: FixtureTenant;
let b: FixtureTenant;
let statements: string[] = [];
const pool = new pg.Pool({ connectionString: env().appUrl, max: 1 });
const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }), log: (e: LogEvent) => void (e.level === "query" && statements.push(e.query.sql)) }) as unknown as Database;

/** `count` rows of each kind in the tenant, row g named with `name` (a SQL expression of g), the newest first by g; `deleted`: contacts, companies and deals deleted. */
async function fill(tenantId: string, count: number, name: string, deleted = false) {
  const o = owner();
  const { id: stage, pipeline_id: pipeline } = (await o.query("select id, pipeline_id from pipeline_stages where tenant_id = $1 order by position limit 1", [tenantId])).rows[0] as { id: string; pipeline_id: string };
  const at = "now() - g * interval '1 minute'";
  // Leads have no deleted_at.
  if (!deleted) await o.query(`insert into leads (tenant_id, name, source, created_at) select $1, ${name}, 'web', ${at} from generate_series(1, $2::int) g`, [tenantId, count]);
  await o.query(`insert into contacts (tenant_id, name, created_at, deleted_at) select $1, ${name}, ${at}, ${deleted ? "now()" : "null"} from generate_series(1, $2::int) g`, [tenantId, count]);
  await o.query(`insert into companies (tenant_id, name, created_at, deleted_at) select $1, ${name}, ${at}, ${deleted ? "now()" : "null"} from generate_series(1, $2::int) g`, [tenantId, count]);
  await o.query(
    `insert into deals (tenant_id, pipeline_id, stage_id, title, probability, created_at, deleted_at) select $1, $3, $4, ${name}, 10, ${at}, ${deleted ? "now()" : "null"} from generate_series(1, $2::int) g`,
    [tenantId, count, pipeline, stage],
  );
}

beforeAll(async () => {
  [a, b] = await Promise.all([createTenant(), createTenant()]);
  // A: 1,200 rows of each kind with the common word, 3 with the rare one (one of them the oldest), 1
  // with a word nobody else has (the plan test's: the rare one is common in B, and statistics are global),
  // and a deleted contact, company and deal with the rare word.
  await fill(a.id, 10000, `'Registro ' || g || case when g <= 1200 then ' ${common}' else '' end || case when g in (10, 1500, 10000) then ' ${rare}' else '' end || case when g = 2000 then ' ${lone}' else '' end`);
  await fill(a.id, 1, `'Apagado ${rare}'`, true);
  // B: the same words, 1,100 rows with the rare one.
  await fill(b.id, 1100, `'Outro ' || g || ' ${rare} ${common}'`);
  // Vacuumed too: rows still in a GIN's pending list make the planner price the index out.
  for (const t of KINDS) await owner().query(`vacuum analyze ${t}`);
}, 120_000);
afterAll(async () => {
  await db.destroy();
  await closeOwner();
});

type Page = { items: { id: string }[]; nextCursor: string | null };
const lists: Record<Kind, (tx: TenantTx, q: string, cursor?: string) => Promise<Page>> = {
  leads: (tx: TenantTx, q: string, cursor?: string) => listLeads(tx, a.id, leadListInput.parse({ q, cursor, limit: 25 })),
  contacts: (tx: TenantTx, q: string, cursor?: string) => listContacts(tx, contactListInput.parse({ q, cursor, limit: 25 })),
  companies: (tx: TenantTx, q: string, cursor?: string) => listCompanies(tx, companyListInput.parse({ q, cursor, limit: 25 })),
  deals: (tx: TenantTx, q: string, cursor?: string) => listDeals(tx, dealListInput.parse({ q, cursor, limit: 25 })),
};

/** Today's predicate (`searchMatch`'s `@@`) under RLS: the ids a kind's list showed before, newest first. */
function before(tx: TenantTx, kind: Kind, q: string, limit: number) {
  let query = tx
    .selectFrom(`${kind} as x` as "leads as x")
    .select(["x.id"])
    .where(searchMatch("x.search", q)!);
  if (kind !== "leads") query = query.where(sql<boolean>`x.deleted_at is null`);
  return query.orderBy("x.created_at", "desc").orderBy("x.id", "desc").limit(limit).execute().then((r) => r.map((x) => x.id));
}

const probe = (tx: TenantTx, kind: Kind, q: string) => sql<{ n: number }>`select count(*)::int as n from ${sql.raw(`app_${kind}_matching`)}(${searchQuery(q)}, 1001)`.execute(tx).then((r) => r.rows[0]!.n);

describe("the CRM searches through the GIN index", () => {
  it("the probe counts the bound tenant's live matches only, up to 1,001", async () => {
    await withTenant(db, a.id, async (tx) => {
      for (const kind of KINDS) {
        expect(await probe(tx, kind, rare), kind).toBe(3);
        expect(await probe(tx, kind, common), kind).toBe(1001);
      }
    });
  });

  it.each(KINDS)("%s list: a rare term through the ids, a common one as before, the same rows, never B's", async (kind) => {
    await withTenant(db, a.id, async (tx) => {
      statements = [];
      const r = await lists[kind](tx, rare);
      expect(statements.some((s) => s.includes("unnest(")) && !statements.some((s) => s.includes("@@")), "the rare term's page takes the ids").toBe(true);
      expect(r.items.map((x) => x.id)).toEqual(await before(tx, kind, rare, 100));
      expect(r.items).toHaveLength(3);
      expect(r.nextCursor).toBeNull();

      statements = [];
      const first = await lists[kind](tx, common);
      expect(statements.some((s) => s.includes("@@")) && !statements.some((s) => s.includes("unnest(")), "the common term keeps the @@").toBe(true);
      const second = await lists[kind](tx, common, first.nextCursor!);
      expect([...first.items, ...second.items].map((x) => x.id)).toEqual(await before(tx, kind, common, 50));

      // Both words: row 10 alone, through the ids.
      expect((await lists[kind](tx, `${rare} ${common}`)).items.map((x) => x.id)).toEqual(await before(tx, kind, `${rare} ${common}`, 100));
      expect((await lists[kind](tx, `${rare} ${common}`)).items).toHaveLength(1);
    });
    const ofB = await owner().query(`select count(*)::int as n from ${kind} where tenant_id = $1 and id = any($2::uuid[])`, [
      b.id,
      (await withTenant(db, a.id, (tx) => lists[kind](tx, rare))).items.map((x) => x.id),
    ]);
    expect(ofB.rows[0].n).toBe(0);
  });

  it("the header's search probes the four kinds in one statement and gives the same rows for a rare and a common term", async () => {
    await withTenant(db, a.id, async (tx) => {
      for (const q of [rare, common]) {
        statements = [];
        const found = await searchEverything(tx, q);
        expect(statements.filter((s) => s.includes("unnest(")), `"${q}": the statements over ids`).toHaveLength(q === rare ? 4 : 0);
        // One round trip probes the four kinds, then one page per kind.
        const probes = statements.filter((s) => s.includes("_matching("));
        expect(probes, `"${q}": one probe statement`).toHaveLength(1);
        for (const kind of KINDS) expect(probes[0]).toContain(`app_${kind}_matching(`);
        expect(statements, `"${q}": the probe and four pages`).toHaveLength(5);
        for (const kind of KINDS) {
          const expected = await before(tx, kind, q, GLOBAL_SEARCH_PER_KIND + 1);
          expect(found[kind].items.map((x) => x.id), `${kind} "${q}"`).toEqual(expected.slice(0, GLOBAL_SEARCH_PER_KIND));
          expect(found[kind].more).toBe(expected.length > GLOBAL_SEARCH_PER_KIND);
        }
      }
    });
  });

  it.each(KINDS)("%s: the function's statement reads the kind's search index (as its owner); under RLS the @@ reads no index", async (kind) => {
    const src = (await owner().query("select prosrc from pg_proc where proname = $1", [`app_${kind}_matching`])).rows[0].prosrc as string;
    const statement = /execute '([^']+)'/.exec(src)![1]!.replace("$1", "$1::uuid").replace("$2", "$2::tsquery").replace("$3", "$3::int");
    const tsquery = (await owner().query("select (websearch_to_tsquery('portuguese', app_unaccent($1)) || to_tsquery('simple', $2))::text as q", [lone, `${lone}:*`])).rows[0].q as string;
    // Sequential scans priced out (as tests/integration/rls-plans does): this database's tables are
    // small; the choice that matters is the GIN against the tenant's btree and a filter.
    const o = await owner().connect();
    let plan: string;
    try {
      await o.query("begin; set local enable_seqscan = off");
      plan = (await o.query(`explain ${statement}`, [a.id, tsquery, 1001])).rows.map((r) => r["QUERY PLAN"]).join("\n");
    } finally {
      await o.query("rollback");
      o.release();
    }
    expect(plan).toMatch(new RegExp(`Bitmap Index Scan on ${kind}_search_idx`));
    // Why the function: the app role's `@@` waits for the policy and is no index condition.
    const appPlan = await withTenant(db, a.id, async (tx) =>
      (await sql<{ "QUERY PLAN": string }>`explain select id from ${sql.raw(kind)} where search @@ ${tsquery}::tsquery`.execute(tx)).rows.map((r) => r["QUERY PLAN"]).join("\n"),
    );
    expect(appPlan).not.toMatch(/search_idx/);
  });
});
