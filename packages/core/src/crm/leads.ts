import { sql } from "kysely";
import type { TenantTx } from "@vendaflow/db/with-tenant";
import type { LeadListInput } from "@vendaflow/validators/crm";
import { DomainError } from "../errors";
import { assertCustomFilter, createdAndCustomWheres } from "./list-filters";
import { searchCondition } from "./search-candidates";

const cols = ["id", "name", "email", "phone", "company", "source", "stage", "bant_score", "tags", "contact_id", "company_id", "converted_at", "custom_fields", "created_at"] as const;

/** "created": "<iso>|<id>"; "score": "<score>|<iso>|<id>" (the sort's keyset, newest / highest first). */
function decode(sort: LeadListInput["sort"], cursor: string | undefined) {
  if (!cursor) return null;
  const parts = cursor.split("|");
  const [score, iso, id] = sort === "score" ? parts : [undefined, parts[0], parts[1]];
  const at = new Date(iso ?? "");
  if (!id || Number.isNaN(at.getTime()) || (sort === "score" && !/^-?\d+$/.test(score ?? ""))) throw new DomainError("BAD_REQUEST", "Cursor de paginação inválido.", { field: "cursor" });
  return { score: Number(score), at, id };
}

/**
 * The lead list: keyset pages in the chosen order, filters on stage, source, tags, score range,
 * creation dates, custom field values and pt-BR search. The tenant filter is explicit as well as
 * enforced by RLS, so the same statement runs as the owner in the bench's RLS-overhead figure.
 */
export async function listLeads(tx: TenantTx, tenantId: string, input: LeadListInput) {
  let q = tx.selectFrom("leads").select(cols).where("tenant_id", "=", tenantId);
  const match = await searchCondition(tx, "leads", "search", input.q, "phone");
  if (match) q = q.where(match);
  if (input.stage) q = q.where("stage", "=", input.stage);
  if (input.source) q = q.where("source", "=", input.source);
  if (input.tag) q = q.where(sql<boolean>`tags @> array[${input.tag}]::text[]`);
  if (input.minScore !== undefined) q = q.where("bant_score", ">=", input.minScore);
  if (input.maxScore !== undefined) q = q.where("bant_score", "<=", input.maxScore);
  await assertCustomFilter(tx, "lead", input.custom);
  for (const w of createdAndCustomWheres(null, input)) q = q.where(w);
  const cursor = decode(input.sort, input.cursor);
  if (input.sort === "score") {
    if (cursor) q = q.where(sql<boolean>`(bant_score, created_at, id) < (${cursor.score}, ${cursor.at}, ${cursor.id}::uuid)`);
    q = q.orderBy("bant_score", "desc").orderBy("created_at", "desc").orderBy("id", "desc");
  } else {
    if (cursor) q = q.where(sql<boolean>`(created_at, id) < (${cursor.at}, ${cursor.id}::uuid)`);
    q = q.orderBy("created_at", "desc").orderBy("id", "desc");
  }
  const rows = await q.limit(input.limit + 1).execute();
  const items = rows.slice(0, input.limit);
  const last = items[items.length - 1];
  const nextCursor =
    rows.length > input.limit && last ? (input.sort === "score" ? `${last.bant_score}|${last.created_at.toISOString()}|${last.id}` : `${last.created_at.toISOString()}|${last.id}`) : null;
  return { items, nextCursor };
}
