import { sql, type RawBuilder, type SqlBool } from "kysely";
import type { TenantTx } from "@vendaflow/db/with-tenant";
import type { DealBoardInput, DealBoardPageInput } from "@vendaflow/validators/crm";
import { DomainError } from "../errors";
import { decodeCursor, keysetPage } from "../keyset";
import { dealsQuery } from "./deals";
import { searchCondition } from "./search-candidates";
import { isWork } from "./work";

/** Cards per column on the board's first load and per "Carregar mais". */
export const BOARD_PAGE = 50;

/** The board's search condition, as the deal list reads it (searchCondition: a rare term through the GIN index). */
const boardSearch = (tx: TenantTx, f: DealBoardInput) => searchCondition(tx, "deals", "d.search", f.q);

/** The board's filters on deals `d`: the pipeline, the owner ("Responsável") and the search (`boardSearch`'s). */
function boardWheres(f: DealBoardInput, match: RawBuilder<boolean> | null): RawBuilder<SqlBool>[] {
  const wheres = [sql<SqlBool>`d.pipeline_id = ${f.pipelineId}::uuid`];
  if (f.ownerId) wheres.push(sql<SqlBool>`d.owner_id = ${f.ownerId}::uuid`);
  if (match) wheres.push(match as RawBuilder<SqlBool>);
  return wheres;
}

/**
 * When the deal's next open piece of work is due (calls, e-mails, meetings, tasks, and a meeting the
 * lead booked, whose line stays open until it is held, missed or canceled; not notes nor the
 * system's other lines; work.ts says which): the card shows it, late in red, and an open deal with none says so.
 */
const nextActivityAt = sql<Date | null>`(select min(a.due_at) from activities a where a.deal_id = d.id and a.completed_at is null and ${isWork})`.as("next_activity_at");

/** The board's deals (every read's columns and the next activity's due time) under its filter. */
function boardDeals(tx: TenantTx, f: DealBoardInput, match: RawBuilder<boolean> | null) {
  let q = dealsQuery(tx).select(nextActivityAt);
  for (const w of boardWheres(f, match)) q = q.where(w);
  return q;
}

/** A column's order, newest move first; the keyset (stage_changed_at, id) is kept at millisecond precision (migration 0149). */
const after = (cursor: { at: Date; id: string }) => sql<SqlBool>`(d.stage_changed_at, d.id) < (${cursor.at}, ${cursor.id}::uuid)`;

/**
 * The kanban: every stage of the pipeline with the count and value (BRL cents) of the deals the
 * filter matches in it, its first page of cards (newest move first) and the cursor of the next.
 * The pages come from one query, each stage reading only its own first page (a lateral join, the
 * limit walking deals_tenant_stage_changed_idx of migration 0149): a window numbering every deal
 * of the pipeline would build each card's columns and next activity for all of them first.
 */
export async function dealBoard(tx: TenantTx, f: DealBoardInput, perStage = BOARD_PAGE) {
  const stages = await tx.selectFrom("pipeline_stages").select(["id", "name", "position", "probability", "kind"]).where("pipeline_id", "=", f.pipelineId).orderBy("position").execute();
  if (!stages.length) throw new DomainError("NOT_FOUND", "Funil não encontrado.");
  let totalsQuery = tx
    .selectFrom("deals as d")
    .select(["d.stage_id", sql<number>`count(*)::int`.as("count"), sql<string>`coalesce(sum(d.value_cents), 0)::bigint`.as("total_cents")])
    .where("d.deleted_at", "is", null);
  const match = await boardSearch(tx, f);
  for (const w of boardWheres(f, match)) totalsQuery = totalsQuery.where(w);
  const totals = await totalsQuery.groupBy("d.stage_id").execute();
  const rows = await firstPages(tx, f, match, perStage + 1).execute();
  return stages.map((s) => {
    const t = totals.find((x) => x.stage_id === s.id);
    const page = keysetPage(
      rows.filter((r) => r.stage_id === s.id),
      perStage,
      (d) => d.stage_changed_at,
    );
    return { ...s, count: t?.count ?? 0, totalCents: Number(t?.total_cents ?? 0), deals: page.items, nextCursor: page.nextCursor };
  });
}

/** Each stage's first `limit` cards of the pipeline, in column order: one statement, a bounded read per stage. */
export function firstPages(tx: TenantTx, f: DealBoardInput, match: RawBuilder<boolean> | null, limit: number) {
  return tx
    .selectFrom("pipeline_stages as ps")
    .innerJoinLateral(
      () => boardDeals(tx, f, match).where(sql<SqlBool>`d.stage_id = ps.id`).orderBy("d.stage_changed_at", "desc").orderBy("d.id", "desc").limit(limit).as("x"),
      (j) => j.onTrue(),
    )
    .selectAll("x")
    .where("ps.pipeline_id", "=", f.pipelineId)
    .orderBy("ps.position")
    .orderBy("x.stage_changed_at", "desc")
    .orderBy("x.id", "desc");
}

/** "Carregar mais" of one column: the next cards after `cursor`, with the same filter as the board. */
export async function dealBoardPage(tx: TenantTx, input: DealBoardPageInput) {
  let q = boardDeals(tx, input, await boardSearch(tx, input)).where("d.stage_id", "=", input.stageId);
  const cursor = decodeCursor(input.cursor);
  if (cursor) q = q.where(after(cursor));
  const rows = await q.orderBy("d.stage_changed_at", "desc").orderBy("d.id", "desc").limit(input.limit + 1).execute();
  return keysetPage(rows, input.limit, (d) => d.stage_changed_at);
}
