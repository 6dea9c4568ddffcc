import type { TenantTx } from "@vendaflow/db/with-tenant";
import { searchConditions, type SearchTarget } from "./search-candidates";

/** How many of each kind the search shows; the kind's list, filtered by the same words, has the rest. */
export const GLOBAL_SEARCH_PER_KIND = 5;

/** Up to `GLOBAL_SEARCH_PER_KIND` rows, and whether the query matched more. */
const page = <T>(rows: T[]) => ({ items: rows.slice(0, GLOBAL_SEARCH_PER_KIND), more: rows.length > GLOBAL_SEARCH_PER_KIND });

/** The four kinds' search columns, as their lists read them; their probes go in one statement. */
const TARGETS: readonly SearchTarget[] = [
  { kind: "leads", column: "search", phoneColumn: "phone" },
  { kind: "deals", column: "d.search" },
  { kind: "contacts", column: "c.search", phoneColumn: "c.phone" },
  { kind: "companies", column: "search" },
];

/**
 * The header's search: leads, deals, contacts and companies matching `q` (the lists' own match, so
 * "ver todos" on a kind shows the same records and the rest), the newest first. Phone numbers are
 * found however they are typed. Each kind is one query; RLS keeps it to the tenant. A rare
 * term's ids come from the GIN index first, the four kinds' in one statement (`searchConditions`, docs/scaling.md "The CRM searches under RLS").
 */
export async function searchEverything(tx: TenantTx, q: string) {
  const [leadMatch, dealMatch, contactMatch, companyMatch] = await searchConditions(tx, TARGETS, q);
  if (!leadMatch || !dealMatch || !contactMatch || !companyMatch) {
    const empty = { items: [], more: false };
    return { leads: empty, deals: empty, contacts: empty, companies: empty };
  }
  const take = GLOBAL_SEARCH_PER_KIND + 1;
  const leads = await tx
    .selectFrom("leads")
    .select(["id", "name", "email", "phone", "stage", "bant_score", "created_at"])
    .where(leadMatch)
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .limit(take)
    .execute();
  const deals = await tx
    .selectFrom("deals as d")
    .innerJoin("pipeline_stages as s", "s.id", "d.stage_id")
    .select(["d.id", "d.title", "d.value_cents", "d.status", "s.name as stage_name", "d.created_at"])
    .where("d.deleted_at", "is", null)
    .where(dealMatch)
    .orderBy("d.created_at", "desc")
    .orderBy("d.id", "desc")
    .limit(take)
    .execute();
  const contacts = await tx
    .selectFrom("contacts as c")
    .leftJoin("companies as co", (j) => j.onRef("co.id", "=", "c.company_id").on("co.deleted_at", "is", null))
    .select(["c.id", "c.name", "c.email", "c.phone", "co.name as company_name", "c.created_at"])
    .where("c.deleted_at", "is", null)
    .where(contactMatch)
    .orderBy("c.created_at", "desc")
    .orderBy("c.id", "desc")
    .limit(take)
    .execute();
  const companies = await tx
    .selectFrom("companies")
    .select(["id", "name", "domain", "created_at"])
    .where("deleted_at", "is", null)
    .where(companyMatch)
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .limit(take)
    .execute();
  return { leads: page(leads), deals: page(deals), contacts: page(contacts), companies: page(companies) };
}
