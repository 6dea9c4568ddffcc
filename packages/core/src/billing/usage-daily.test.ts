import { describe, expect, it } from "vitest";
import { daysInPeriod } from "./usage-daily";

describe("daysInPeriod", () => {
  it("counts the days of the billing month, leap years included", () => {
    expect(daysInPeriod("2026-12")).toBe(31);
    expect(daysInPeriod("2026-11")).toBe(30);
    expect(daysInPeriod("2026-02")).toBe(28);
    expect(daysInPeriod("2028-02")).toBe(29);
  });
});
