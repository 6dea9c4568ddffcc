import { describe, expect, it } from "vitest";
import { brDateTime, brDay, brDayOf, brMonth, brShortDateTime, brTime, saoPauloDayStart, saoPauloWallTime } from "./dates";

describe("pt-BR dates", () => {
  it("reads a calendar day without any time zone", () => {
    expect(brDay("2026-12-01")).toBe("01/12/2026");
  });
  it("names a month as a pt-BR reader writes it, not as an ISO code", () => {
    expect(brMonth("2026-11")).toBe("nov/2026");
    expect(brMonth("2027-01")).toBe("jan/2027");
    expect(brMonth("2026-13")).toBe("2026-13");
  });
  it("shows an instant's day and time in São Paulo, not UTC", () => {
    expect(brDayOf("2026-12-02T02:30:00Z")).toBe("01/12/2026");
    expect(brDateTime("2026-12-02T02:30:00Z")).toBe("01/12/2026, 23:30:00");
    expect(brShortDateTime(new Date("2026-12-02T02:30:00Z"))).toBe("01/12/2026, 23:30");
    expect(brTime("2026-12-02T02:30:00Z")).toBe("23:30");
  });
  it("starts a São Paulo day at its midnight there, not the browser's (a filter's from and exclusive to)", () => {
    expect(saoPauloDayStart("2026-12-05").toISOString()).toBe("2026-12-05T03:00:00.000Z");
    expect(saoPauloDayStart("2026-12-31", 1).toISOString()).toBe("2027-01-01T03:00:00.000Z");
  });
  it("reads a datetime-local value as Brasília wall time, not the browser's zone (what the lists show it as)", () => {
    const due = saoPauloWallTime("2026-12-01T14:05");
    expect(due.toISOString()).toBe("2026-12-01T17:05:00.000Z");
    expect(brShortDateTime(due)).toBe("01/12/2026, 14:05");
  });
});
