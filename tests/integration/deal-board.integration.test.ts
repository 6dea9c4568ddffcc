import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CompiledQuery } from "kysely";
import { dealBoard, dealBoardPage, firstPages } from "@vendaflow/core/crm/deal-board";
import { createDb } from "@vendaflow/db/create-db";
import { withTenant } from "@vendaflow/db/with-tenant";
import type { DealBoardInput } from "@vendaflow/validators/crm";
import { closeOwner, createTenant, env, owner, type FixtureTenant } from "../support/fixtures";

/**
 * The kanban's pages (core/crm/deal-board.ts): each column's count and value under the owner and
 * search filters, the first page and "Carregar mais" walking the rest in order (ties on the move
 * instant broken by id) without a card twice or missed; read as the app role under RLS, tenant B's
 * pipeline is not found from tenant A and its cards never come back.
 */

const q = async (text: string, params: unknown[]) => (await owner().query(text, params)).rows[0] as { id: string };

let a: FixtureTenant;
let b: FixtureTenant;
let app: ReturnType<typeof createDb>;
const ids = { pipeline: "", open: "", won: "", bPipeline: "", bStage: "" };

async function pipeline(t: FixtureTenant, name: string) {
  const p = (await q("insert into pipelines (tenant_id, name) values ($1, $2) returning id", [t.id, name])).id;
  const open = (await q("insert into pipeline_stages (tenant_id, pipeline_id, name, position, probability) values ($1, $2, 'Proposta', 0, 50) returning id", [t.id, p])).id;
  const won = (await q("insert into pipeline_stages (tenant_id, pipeline_id, name, position, probability, kind) values ($1, $2, 'Ganho', 1, 100, 'won') returning id", [t.id, p])).id;
  return { p, open, won };
}

const deal = (t: FixtureTenant, p: string, stage: string, title: string, cents: number, ownerId: string | null, at: string | null, extra = "") =>
  q(`insert into deals (tenant_id, pipeline_id, stage_id, title, value_cents, probability, owner_id, stage_changed_at${extra ? ", deleted_at" : ""})
     values ($1, $2, $3, $4, $5, 50, $6, coalesce($7::timestamptz, date_trunc('milliseconds', clock_timestamp()))${extra ? ", now()" : ""}) returning id`, [t.id, p, stage, title, cents, ownerId, at]);

beforeAll(async () => {
  [a, b] = await Promise.all([createTenant(), createTenant()]);
  app = createDb({ url: env().appUrl, max: 1 });
  const pa = await pipeline(a, "Quadro A");
  Object.assign(ids, { pipeline: pa.p, open: pa.open, won: pa.won });
  const agent = a.users.agent.id;
  const admin = a.users.admin.id;
  // "Proposta": 7 of the agent's (two moved at the same instant) and 3 of the admin's; a deleted one counts nowhere.
  for (let i = 1; i <= 7; i++) await deal(a, pa.p, pa.open, `Obra ${i}`, i * 100_00, agent, i === 4 ? "2026-11-10T12:00:03Z" : `2026-11-10T12:00:0${i}Z`);
  await deal(a, pa.p, pa.open, "Reforma Especial", 50_000_00, admin, "2026-11-09T12:00:00Z");
  await deal(a, pa.p, pa.open, "Pintura", 1_00, admin, "2026-11-08T12:00:00Z");
  await deal(a, pa.p, pa.open, "Telhado", 2_00, admin, null);
  await deal(a, pa.p, pa.open, "Apagado", 9_999_00, agent, "2026-11-10T13:00:00Z", "deleted");
  await deal(a, pa.p, pa.won, "Obra fechada", 300_00, agent, "2026-11-01T12:00:00Z");

  const pb = await pipeline(b, "Quadro B");
  Object.assign(ids, { bPipeline: pb.p, bStage: pb.open });
  await deal(b, pb.p, pb.open, "Obra de B", 777_00, b.users.agent.id, null);
});
afterAll(async () => {
  await app?.close();
  await closeOwner();
});

const asA = <T>(fn: Parameters<typeof withTenant<T>>[2]) => withTenant(app.db, a.id, fn);
/** The column's cards: the first page, then every "Carregar mais" until there is no cursor. */
async function walk(f: DealBoardInput, stageId: string, perPage: number): Promise<string[]> {
  const board = await asA((tx) => dealBoard(tx, f, perPage));
  const column = board.find((c) => c.id === stageId)!;
  const titles = column.deals.map((d) => d.title);
  let cursor = column.nextCursor;
  while (cursor) {
    const page = await asA((tx) => dealBoardPage(tx, { ...f, stageId, cursor: cursor ?? undefined, limit: perPage }));
    titles.push(...page.items.map((d) => d.title));
    cursor = page.nextCursor;
  }
  return titles;
}

/** The order the board promises, straight from the table (newest move first, then id descending). */
const expectedOrder = async (stageId: string, ownerId?: string) =>
  (
    await owner().query<{ title: string }>(
      "select title from deals where stage_id = $1 and deleted_at is null and ($2::uuid is null or owner_id = $2) order by stage_changed_at desc, id desc",
      [stageId, ownerId ?? null],
    )
  ).rows.map((r) => r.title);

describe("deal board pages", () => {
  it("each column's count and value cover every matching deal; the first page stops at the page size with a cursor", async () => {
    const board = await asA((tx) => dealBoard(tx, { pipelineId: ids.pipeline }, 3));
    expect(board.map((c) => [c.name, c.count, c.totalCents, c.deals.length, c.nextCursor !== null])).toEqual([
      ["Proposta", 10, 2_800_00 + 50_000_00 + 1_00 + 2_00, 3, true],
      ["Ganho", 1, 300_00, 1, false],
    ]);
  });

  it("'Carregar mais' walks the rest in board order, ties included, no card twice or missed", async () => {
    const all = await walk({ pipelineId: ids.pipeline }, ids.open, 3);
    expect(all).toEqual(await expectedOrder(ids.open));
    expect(all).toHaveLength(10);
    expect(await walk({ pipelineId: ids.pipeline }, ids.open, 1)).toEqual(all);
  });

  it("the owner filter narrows counts, values and pages to that owner's deals", async () => {
    const f = { pipelineId: ids.pipeline, ownerId: a.users.agent.id };
    const board = await asA((tx) => dealBoard(tx, f, 3));
    expect(board.map((c) => [c.count, c.totalCents])).toEqual([[7, 2_800_00], [1, 300_00]]);
    expect(await walk(f, ids.open, 3)).toEqual(await expectedOrder(ids.open, a.users.agent.id));
  });

  it("the search narrows them too", async () => {
    const board = await asA((tx) => dealBoard(tx, { pipelineId: ids.pipeline, q: "especial" }, 3));
    expect(board.map((c) => [c.count, c.totalCents, c.deals.map((d) => d.title)])).toEqual([[1, 50_000_00, ["Reforma Especial"]], [0, 0, []]]);
  });

  it("tenant B's pipeline is not found from tenant A, its cards never come back, and B sees only its own", async () => {
    await expect(asA((tx) => dealBoard(tx, { pipelineId: ids.bPipeline }))).rejects.toMatchObject({ code: "NOT_FOUND" });
    const page = await asA((tx) => dealBoardPage(tx, { pipelineId: ids.bPipeline, stageId: ids.bStage, limit: 50 }));
    expect(page).toEqual({ items: [], nextCursor: null });
    const bBoard = await withTenant(app.db, b.id, (tx) => dealBoard(tx, { pipelineId: ids.bPipeline }));
    expect(bBoard.map((c) => [c.count, c.totalCents, c.deals.map((d) => d.title)])).toEqual([[1, 777_00, ["Obra de B"]], [0, 0, []]]);
    // Over HTTP too: A's admin asking for B's column gets nothing.
    const admin = await a.loginAs("admin");
    const r = await admin.trpc<{ items: unknown[] }>("query", "crm.deals.boardPage", { pipelineId: ids.bPipeline, stageId: ids.bStage });
    expect(r.data?.items).toEqual([]);
    const own = await admin.trpc<{ count: number }[]>("query", "crm.deals.board", { pipelineId: ids.pipeline, ownerId: a.users.admin.id });
    expect(own.data?.map((c) => c.count)).toEqual([3, 0]);
    // An edited cursor is refused by the input, not a failed query.
    const bad = await admin.trpc("query", "crm.deals.boardPage", { pipelineId: ids.pipeline, stageId: ids.open, cursor: "2026-11-01T12:00:00.000Z|x" });
    expect(bad.error?.data.code).toBe("BAD_REQUEST");
  });

  it("each card carries when its next open work is due: the earliest open call, e-mail, meeting, task or booked meeting; not notes, done, deleted or other system lines", async () => {
    const idOf = async (title: string) => (await q("select id from deals where tenant_id = $1 and title = $2", [a.id, title])).id;
    const [pintura, telhado] = [await idOf("Pintura"), await idOf("Telhado")];
    const act = (t: FixtureTenant, dealId: string, type: string, due: string, extra = "") =>
      owner().query(`insert into activities (tenant_id, type, subject, deal_id, due_at${extra ? `, ${extra}` : ""}) values ($1, $2, 'x', $3, $4${extra ? ", now()" : ""})`, [t.id, type, dealId, due]);
    await act(a, pintura, "call", "2026-12-20T13:00:00Z");
    await act(a, pintura, "task", "2026-12-10T13:00:00Z");
    await act(a, pintura, "task", "2026-12-01T13:00:00Z", "completed_at");
    await act(a, pintura, "meeting", "2026-12-02T13:00:00Z", "deleted_at");
    await act(a, pintura, "note", "2026-12-03T13:00:00Z");
    await owner().query("insert into activities (tenant_id, type, subject, deal_id, due_at, system_event, completed_at) values ($1, 'note', 'Etapa', $2, '2026-12-04T13:00:00Z', 'stage_changed', null)", [a.id, pintura]);
    const board = await asA((tx) => dealBoard(tx, { pipelineId: ids.pipeline }));
    const next = Object.fromEntries(board[0]!.deals.map((d) => [d.title, d.next_activity_at?.toISOString() ?? null]));
    expect([next.Pintura, next.Telhado]).toEqual(["2026-12-10T13:00:00.000Z", null]);
    // A meeting the lead booked (its line is the system's, open until held, missed or canceled) counts; a canceled one does not.
    await owner().query("insert into activities (tenant_id, type, subject, deal_id, due_at, system_event, completed_at) values ($1, 'meeting', 'Demonstração', $2, '2026-12-08T13:00:00Z', 'meeting_scheduled', null), ($1, 'meeting', 'Cancelada', $3, '2026-12-07T13:00:00Z', 'meeting_scheduled', now())", [a.id, pintura, telhado]);
    const again = Object.fromEntries((await asA((tx) => dealBoard(tx, { pipelineId: ids.pipeline })))[0]!.deals.map((d) => [d.title, d.next_activity_at?.toISOString() ?? null]));
    expect([again.Pintura, again.Telhado]).toEqual(["2026-12-08T13:00:00.000Z", null]);
    // "Carregar mais" carries it too.
    const page = await asA((tx) => dealBoardPage(tx, { pipelineId: ids.pipeline, stageId: ids.open, limit: 50 }));
    expect(page.items.find((d) => d.id === pintura)?.next_activity_at?.toISOString()).toBe("2026-12-08T13:00:00.000Z");
    expect(page.items.find((d) => d.id === telhado)?.next_activity_at).toBeNull();
  });

  it("new deals' move instants are kept to the millisecond (what a cursor holds)", async () => {
    const { rows } = await owner().query<{ n: number }>("select count(*)::int as n from deals where stage_changed_at <> date_trunc('milliseconds', stage_changed_at)");
    expect(rows[0]!.n).toBe(0);
    const d = (await q("insert into deals (tenant_id, pipeline_id, stage_id, title, probability) values ($1, $2, $3, 'Padrão', 50) returning id", [a.id, ids.pipeline, ids.won])).id;
    const { rows: r2 } = await owner().query<{ ok: boolean }>("select stage_changed_at = date_trunc('milliseconds', stage_changed_at) as ok from deals where id = $1", [d]);
    expect(r2[0]!.ok).toBe(true);
    await owner().query("delete from deals where id = $1", [d]);
  });
});

/** A plan's nodes, depth first, each with the chain of node types above it. */
type PlanNode = { "Node Type": string; "Index Name"?: string; Plans?: PlanNode[] };
function nodes(n: PlanNode, above: string[] = []): { node: PlanNode; above: string[] }[] {
  return [{ node: n, above }, ...(n.Plans ?? []).flatMap((c) => nodes(c, [...above, n["Node Type"]]))];
}

describe("deal board first pages at scale", () => {
  const s = { pipeline: "", a: "", b: "", c: "" };
  beforeAll(async () => {
    s.pipeline = (await q("insert into pipelines (tenant_id, name) values ($1, 'Quadro grande') returning id", [a.id])).id;
    const stage = async (name: string, position: number) => (await q("insert into pipeline_stages (tenant_id, pipeline_id, name, position, probability) values ($1, $2, $3, $4, 10) returning id", [a.id, s.pipeline, name, position])).id;
    [s.a, s.b, s.c] = [await stage("Entrada", 0), await stage("Contato", 1), await stage("Vazia", 2)];
    const agent = a.users.agent.id;
    const admin = a.users.admin.id;
    // "Entrada": 6 cards (4 of the agent's, one of them "Galpão"), more than a page of 3; "Contato": 2.
    for (let i = 1; i <= 6; i++) await deal(a, s.pipeline, s.a, i === 5 ? "Galpão Norte" : `Casa ${i}`, i * 10_00, i % 3 === 0 ? admin : agent, `2026-10-0${i}T12:00:00Z`);
    await deal(a, s.pipeline, s.b, "Galpão Sul", 5_00, agent, "2026-10-01T12:00:00Z");
    await deal(a, s.pipeline, s.b, "Loja", 7_00, admin, "2026-10-02T12:00:00Z");
  });

  const titles = (board: Awaited<ReturnType<typeof dealBoard>>) => board.map((c) => [c.name, c.count, c.deals.map((d) => d.title), c.nextCursor !== null]);

  it("each column gets its own first page in board order, under the owner and search filters, with the cursor 'Carregar mais' continues from", async () => {
    expect(titles(await asA((tx) => dealBoard(tx, { pipelineId: s.pipeline }, 3)))).toEqual([
      ["Entrada", 6, ["Casa 6", "Galpão Norte", "Casa 4"], true],
      ["Contato", 2, ["Loja", "Galpão Sul"], false],
      ["Vazia", 0, [], false],
    ]);
    const byAgent = { pipelineId: s.pipeline, ownerId: a.users.agent.id };
    expect(titles(await asA((tx) => dealBoard(tx, byAgent, 3)))).toEqual([
      ["Entrada", 4, ["Galpão Norte", "Casa 4", "Casa 2"], true],
      ["Contato", 1, ["Galpão Sul"], false],
      ["Vazia", 0, [], false],
    ]);
    expect(await walk(byAgent, s.a, 3)).toEqual(["Galpão Norte", "Casa 4", "Casa 2", "Casa 1"]);
    expect(titles(await asA((tx) => dealBoard(tx, { pipelineId: s.pipeline, q: "galpão" }, 1)))).toEqual([
      ["Entrada", 1, ["Galpão Norte"], false],
      ["Contato", 1, ["Galpão Sul"], false],
      ["Vazia", 0, [], false],
    ]);
    // Cards keep every column the list reads.
    const card = (await asA((tx) => dealBoard(tx, { pipelineId: s.pipeline }, 3)))[1]!.deals[0]!;
    expect(card).toMatchObject({ title: "Loja", stage_name: "Contato", owner_name: expect.any(String), next_activity_at: null });
  });

  it("the board's statement reads a bounded first page per stage, by the stage's index, with no window over the pipeline", async () => {
    const plan = await asA(async (tx) => {
      // Sorting priced out, so the plan shows the index can give each column's order by itself.
      await tx.executeQuery(CompiledQuery.raw("set local enable_sort = off"));
      const c = firstPages(tx, { pipelineId: s.pipeline, ownerId: a.users.agent.id }, null, 4).compile();
      const r = await tx.executeQuery<{ "QUERY PLAN": { Plan: PlanNode }[] }>(CompiledQuery.raw(`explain (format json) ${c.sql}`, [...c.parameters]));
      return r.rows[0]!["QUERY PLAN"][0]!.Plan;
    });
    const all = nodes(plan);
    expect(all.map((n) => n.node["Node Type"])).not.toContain("WindowAgg");
    const limits = all.filter((n) => n.node["Node Type"] === "Limit" && n.above.includes("Nested Loop"));
    expect(limits.length).toBeGreaterThan(0);
    expect(all.some((n) => n.node["Index Name"] === "deals_tenant_stage_changed_idx" && n.above.includes("Limit"))).toBe(true);
  });
});

