import { describe, expect, it } from "vitest";
import { funnelTotals } from "./funnel-totals";

describe("funnelTotals", () => {
  it("sums open, won and lost apart, over every stage of each", () => {
    const stages = [
      { kind: "open" as const, deals: 3, valueCents: 300_00 },
      { kind: "open" as const, deals: 2, valueCents: 4_800_050 },
      { kind: "won" as const, deals: 1, valueCents: 150_000 },
      { kind: "lost" as const, deals: 4, valueCents: 9_000_000 },
    ];
    expect(funnelTotals(stages)).toEqual([
      { kind: "open", deals: 5, valueCents: 4_830_050 },
      { kind: "won", deals: 1, valueCents: 150_000 },
      { kind: "lost", deals: 4, valueCents: 9_000_000 },
    ]);
  });

  it("leaves out an outcome with no deal", () => {
    expect(funnelTotals([{ kind: "open", deals: 1, valueCents: 100 }, { kind: "lost", deals: 0, valueCents: 0 }])).toEqual([{ kind: "open", deals: 1, valueCents: 100 }]);
    expect(funnelTotals([])).toEqual([]);
  });
});
