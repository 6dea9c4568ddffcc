import { describe, expect, it } from "vitest";
import { parseDate } from "./parse-date";

// 2025-06-10 01:30 UTC is still 2025-06-09 in Brasília (UTC-3).
const now = new Date("2025-06-10T01:30:00Z");
const brt = -180;

describe("parseDate", () => {
  it.each([
    ["hoje", "2025-06-09"],
    ["Amanhã", "2025-06-10"],
    ["depois de amanhã", "2025-06-11"],
    ["15/07", "2025-07-15"],
    ["01/03", "2026-03-01"],
    ["15/07/2027", "2027-07-15"],
    ["15-07-27", "2027-07-15"],
    ["2025-12-31", "2025-12-31"],
    ["5 de março", "2026-03-05"],
    ["20 de Dezembro de 2025", "2025-12-20"],
  ])("%s → %s", (text, iso) => {
    expect(parseDate(text, now, brt)).toBe(iso);
  });

  it("uses the given offset", () => {
    expect(parseDate("hoje", now, 0)).toBe("2025-06-10");
  });

  it.each(["31/02/2026", "semana que vem", "32/01", "2025-13-01"])("rejects %s", (text) => {
    expect(parseDate(text, now, brt)).toBeNull();
  });
});

describe("parseDate year and edges", () => {
  // Local today is 2025-06-09.
  it.each([
    ["09/06", "2025-06-09"],
    ["15/06", "2025-06-15"],
    ["01/06", "2026-06-01"],
    ["05/07", "2025-07-05"],
    ["31/05", "2026-05-31"],
    ["5 de março de 2027", "2027-03-05"],
    ["  15/07  ", "2025-07-15"],
    ["15.07", "2025-07-15"],
  ])("a day and month without year that already passed means next year: %s → %s", (text, iso) => {
    expect(parseDate(text, now, brt)).toBe(iso);
  });

  it.each(["31/04", "29/02/2025", "00/07", "15/13", "12025-12-31", "2025-12-311", "115/07", "15/07/202", "dia 15/07 talvez"])(
    "rejects %s",
    (text) => {
      expect(parseDate(text, now, brt)).toBeNull();
    },
  );

  it("accepts 29 February in a leap year", () => {
    expect(parseDate("29/02/2028", now, brt)).toBe("2028-02-29");
  });
});
