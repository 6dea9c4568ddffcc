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

/**
 * The CRM lists' search condition on `column` (e.g. "c.search"), as `searchMatch` but through the
 * GIN index. Under RLS `search @@ …` is not leakproof, so for the app role it is never an index
 * condition and a rare term walks all the tenant's rows (docs/scaling.md "The CRM searches under
 * RLS"). So first the kind's definer function reads the index for the bound tenant: up to 1,000
 * ids are every live match, and the statement (still under RLS, its other filters unchanged) takes
 * `id in (select unnest(ids))` (`= any(ids)` had the planner walk the tenant's rows); 1,001 is a
 * common term, whose newest rows fill a page early, so the `@@` stays. A query that reads as a phone
 * number keeps `searchMatch` (its `phone like` has no index either way). Null when `q` has no words.
 */
export async function searchCondition(
  tx: TenantTx,
  kind: keyof typeof MATCHING,
  column: string,
  q: string | undefined,
  phoneColumn?: string,
): Promise<RawBuilder<boolean> | null> {
  const match = searchMatch(column, q, phoneColumn);
  const query = searchQuery(q);
  if (!match || !query || (phoneColumn && phoneDigits(q ?? ""))) return match;
  const { rows } = await sql<{ id: string }>`select id from ${MATCHING[kind]}(${query}, ${SEARCH_CANDIDATES_MAX + 1})`.execute(tx);
  if (rows.length > SEARCH_CANDIDATES_MAX) return match;
  const idColumn = column.replace(/search$/, "id");
  return sql<boolean>`${sql.ref(idColumn)} in (select unnest(${rows.map((r) => r.id)}::uuid[]))`;
}
