import { describe, expect, it } from "vitest";
import { monthName, monthsBack, saoPauloMonth } from "./months";

describe("WhatsApp cost months (São Paulo calendar)", () => {
  it("reads the month in São Paulo: 02:59 UTC on the 1st is still the previous month there", () => {
    expect(saoPauloMonth(new Date("2026-12-01T02:59:59Z"))).toBe("2026-11");
    expect(saoPauloMonth(new Date("2026-12-01T03:00:00Z"))).toBe("2026-12");
    expect(saoPauloMonth(new Date("2027-01-01T02:00:00Z"))).toBe("2026-12");
  });
  it("lists months back across years, newest first", () => {
    expect(monthsBack("2027-02", 4)).toEqual(["2027-02", "2027-01", "2026-12", "2026-11"]);
    expect(monthsBack("2026-12", 1)).toEqual(["2026-12"]);
  });
  it("names months in pt-BR", () => {
    expect(monthName("2026-03")).toBe("Março de 2026");
    expect(monthName("2026-12")).toBe("Dezembro de 2026");
  });
});
