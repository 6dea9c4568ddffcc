import { describe, expect, it } from "vitest";
import { saoPauloWeek, weekDays } from "./sao-paulo-week";

describe("São Paulo weeks", () => {
  it("runs Monday 00:00 to Monday 00:00 in São Paulo (03:00 UTC)", () => {
    // Wednesday 2 Dec 2026, 01:00 UTC is still Tuesday 1 Dec 22:00 in São Paulo.
    expect(saoPauloWeek(new Date("2026-12-02T01:00:00Z"))).toEqual({ from: new Date("2026-11-30T03:00:00Z"), to: new Date("2026-12-07T03:00:00Z") });
    // Sunday 23:30 in São Paulo belongs to the week that started the Monday before.
    expect(saoPauloWeek(new Date("2026-12-07T02:30:00Z")).from).toEqual(new Date("2026-11-30T03:00:00Z"));
    // Monday 00:00 in São Paulo starts a new one.
    expect(saoPauloWeek(new Date("2026-12-07T03:00:00Z")).from).toEqual(new Date("2026-12-07T03:00:00Z"));
  });
  it("moves by whole weeks and splits into seven days", () => {
    expect(saoPauloWeek(new Date("2026-12-02T12:00:00Z"), -1).from).toEqual(new Date("2026-11-23T03:00:00Z"));
    expect(saoPauloWeek(new Date("2026-12-02T12:00:00Z"), 2).to).toEqual(new Date("2026-12-21T03:00:00Z"));
    const days = weekDays(new Date("2026-11-30T03:00:00Z"));
    expect(days).toHaveLength(7);
    expect(days[6]).toEqual({ from: new Date("2026-12-06T03:00:00Z"), to: new Date("2026-12-07T03:00:00Z") });
  });
});
