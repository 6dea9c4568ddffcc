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
