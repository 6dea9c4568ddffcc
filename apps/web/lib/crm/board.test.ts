import { describe, expect, it } from "vitest";
import { moveOnBoard, type BoardColumn } from "./board";

const col = (id: string, kind: string, deals: { id: string; value_cents: number }[]) =>
  ({ id, name: id, position: 0, probability: kind === "won" ? 100 : 10, kind, count: deals.length, totalCents: deals.reduce((s, d) => s + d.value_cents, 0), deals: deals.map((d) => ({ ...d, stage_id: id })) }) as unknown as BoardColumn;

describe("moveOnBoard", () => {
  it("moves the card and its value between the columns' totals", () => {
    const board = [col("a", "open", [{ id: "d1", value_cents: 500 }, { id: "d2", value_cents: 100 }]), col("b", "won", [])];
    const next = moveOnBoard(board, "d1", "b");
    expect(next.map((c) => [c.id, c.count, c.totalCents, c.deals.map((d) => d.id)])).toEqual([
      ["a", 1, 100, ["d2"]],
      ["b", 1, 500, ["d1"]],
    ]);
    expect(next[1]!.deals[0]).toMatchObject({ stage_id: "b", probability: 100, status: "won" });
    expect(board[0]!.count).toBe(2);
  });
  it("leaves the board alone for a drop on the same column or an unknown deal", () => {
    const board = [col("a", "open", [{ id: "d1", value_cents: 500 }])];
    expect(moveOnBoard(board, "d1", "a")).toBe(board);
    expect(moveOnBoard(board, "zz", "a")).toBe(board);
  });
});
