import { describe, expect, it } from "vitest";
import { createdRange, createdRangeLabel } from "./created-range";

describe("the lists' creation-day filter", () => {
  it("reads the days in São Paulo (UTC-3): from its midnight to the midnight after `to`", () => {
    expect(createdRange("2026-11-01", "2026-11-30")).toEqual({ createdFrom: "2026-11-01T03:00:00.000Z", createdTo: "2026-12-01T03:00:00.000Z" });
    expect(createdRange(undefined, "2026-12-31")).toEqual({ createdFrom: undefined, createdTo: "2027-01-01T03:00:00.000Z" });
    expect(createdRange("ontem", "")).toEqual({ createdFrom: undefined, createdTo: undefined });
  });

  it("names the period for its chip: short in the current year, with years otherwise", () => {
    expect(createdRangeLabel("2026-11-01", "2026-11-30", 2026)).toEqual({ from: "01/11", to: "30/11" });
    expect(createdRangeLabel("2025-12-01", "2026-01-31", 2026)).toEqual({ from: "01/12/2025", to: "31/01/2026" });
    expect(createdRangeLabel(undefined, "2026-11-30", 2026)).toEqual({ from: undefined, to: "30/11" });
    expect(createdRangeLabel("", undefined, 2026)).toBeNull();
  });
});
