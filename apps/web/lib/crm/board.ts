import type { RouterOutputs } from "@vendaflow/api/root";

export type BoardColumn = RouterOutputs["crm"]["deals"]["board"][number];
export type BoardDeal = BoardColumn["deals"][number];
export type PipelineView = RouterOutputs["crm"]["pipelines"]["list"][number];

/** The board after moving one deal to another column: totals follow the deal (the optimistic view). */
export function moveOnBoard(board: BoardColumn[], dealId: string, toStageId: string): BoardColumn[] {
  const from = board.find((c) => c.deals.some((d) => d.id === dealId));
  const to = board.find((c) => c.id === toStageId);
  if (!from || !to || from.id === to.id) return board;
  const deal = from.deals.find((d) => d.id === dealId)!;
  const moved = { ...deal, stage_id: to.id, stage_name: to.name, probability: to.probability, status: to.kind };
  return board.map((c) => {
    if (c.id === from.id) return { ...c, deals: c.deals.filter((d) => d.id !== dealId), count: c.count - 1, totalCents: c.totalCents - deal.value_cents };
    if (c.id === to.id) return { ...c, deals: [moved, ...c.deals], count: c.count + 1, totalCents: c.totalCents + deal.value_cents };
    return c;
  });
}
