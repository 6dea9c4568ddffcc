import { describe, expect, it } from "vitest";
import { saoPauloDay } from "@/lib/dates";
import { presetRange } from "./range";

describe("dashboard period presets", () => {
  it("count days in São Paulo: at 01:30 UTC it is still the previous day there", () => {
    expect(saoPauloDay(new Date("2026-12-01T01:30:00Z"))).toBe("2026-11-30");
    expect(saoPauloDay(new Date("2026-12-01T03:00:00Z"))).toBe("2026-12-01");
  });
  it("end today and include it: the last 7 days are today and the 6 before", () => {
    expect(presetRange("7", new Date("2026-12-01T15:00:00Z"))).toEqual({ from: "2026-11-25", to: "2026-12-01" });
    expect(presetRange("30", new Date("2026-03-01T15:00:00Z"))).toEqual({ from: "2026-01-31", to: "2026-03-01" });
    expect(presetRange("365", new Date("2026-12-01T15:00:00Z"))).toEqual({ from: "2025-12-02", to: "2026-12-01" });
  });
});
