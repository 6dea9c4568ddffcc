import { describe, expect, it } from "vitest";
import { addMonths, monthOf, monthsEnding } from "./month";

describe("report months", () => {
  it("are São Paulo months: 02:00 UTC on the 1st is still the previous month there", () => {
    expect(monthOf(new Date("2026-11-01T02:00:00Z"))).toBe("2026-10");
    expect(monthOf(new Date("2026-11-01T03:00:00Z"))).toBe("2026-11");
  });
  it("step across years both ways", () => {
    expect(addMonths("2026-01", -1)).toBe("2025-12");
    expect(addMonths("2025-12", 1)).toBe("2026-01");
    expect(addMonths("2026-05", -17)).toBe("2024-12");
    expect(monthsEnding("2026-02", 3)).toEqual(["2025-12", "2026-01", "2026-02"]);
  });
});
