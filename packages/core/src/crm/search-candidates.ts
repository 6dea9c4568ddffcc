import { sql, type RawBuilder } from "kysely";
import type { TenantTx } from "@vendaflow/db/with-tenant";
import { phoneDigits, searchMatch, searchQuery } from "./search";

/** At most this many matching ids replace the `@@`; more means a common term, searched as before. */
export const SEARCH_CANDIDATES_MAX = 1000;

/** The definer function of each searched kind (migration 0171). */
const MATCHING = {
  leads: sql.raw("app_leads_matching"),
  contacts: sql.raw("app_contacts_matching"),
  companies: sql.raw("app_companies_matching"),
  deals: sql.raw("app_deals_matching"),
} as const;

/** One kind's search: its `search` column (e.g. "c.search") and, when it has one, its phone column. */
export type SearchTarget = { kind: keyof typeof MATCHING; column: string; phoneColumn?: string };

/** Whether the target's condition takes the probe: a query with words that does not read as a phone number (its `phone like` has no index either way). */
const probes = (t: SearchTarget, q: string | undefined) => searchQuery(q) !== null && !(t.phoneColumn && phoneDigits(q ?? ""));

/** The one decision: without a probe, or with more than 1,000 ids (a common term), `searchMatch`; else the ids. */
function conditionOf(t: SearchTarget, q: string | undefined, ids: string[] | null): RawBuilder<boolean> | null {
  const match = searchMatch(t.column, q, t.phoneColumn);
  if (!match || ids === null || ids.length > SEARCH_CANDIDATES_MAX) return match;
  const idColumn = t.column.replace(/search$/, "id");
  return sql<boolean>`${sql.ref(idColumn)} in (select unnest(${ids}::uuid[]))`;
}

/**
 * The CRM searches' conditions, one per target, as `searchMatch` but through the GIN index. Under
 * RLS `search @@ …` is not leakproof, so for the app role it is never an index condition and a rare
 * term walks all the tenant's rows (docs/scaling.md "The CRM searches under RLS"). So first each
 * kind's definer function reads the index for the bound tenant, all targets in one statement (one
 * round trip for the header's four kinds): up to 1,000 ids are every live match, and the statement
 * (still under RLS, its other filters unchanged) takes `id in (select unnest(ids))` (`= any(ids)`
 * had the planner walk the tenant's rows); 1,001 is a common term, whose newest rows fill a page
 * early, so the `@@` stays. A query that reads as a phone number keeps `searchMatch`. Null for a
 * target when `q` has no words.
 */
export async function searchConditions(tx: TenantTx, targets: readonly SearchTarget[], q: string | undefined): Promise<(RawBuilder<boolean> | null)[]> {
  const probed = targets.flatMap((t, i) => (probes(t, q) ? [i] : []));
  const ids = new Map<number, string[]>(probed.map((i) => [i, []]));
  if (probed.length) {
    const query = searchQuery(q)!;
    const parts = probed.map((i) => sql`select ${sql.lit(i)}::int as i, id from ${MATCHING[targets[i]!.kind]}(${query}, ${sql.lit(SEARCH_CANDIDATES_MAX + 1)})`);
    const { rows } = await sql<{ i: number; id: string }>`${sql.join(parts, sql` union all `)}`.execute(tx);
    for (const r of rows) ids.get(r.i)!.push(r.id);
  }
  return targets.map((t, i) => conditionOf(t, q, ids.get(i) ?? null));
}

/** One kind's condition (a list, the deal board): `searchConditions` for one target. */
export async function searchCondition(tx: TenantTx, kind: SearchTarget["kind"], column: string, q: string | undefined, phoneColumn?: string) {
  const [condition] = await searchConditions(tx, [{ kind, column, phoneColumn }], q);
  return condition ?? null;
}
