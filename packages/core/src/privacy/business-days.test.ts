import { describe, expect, it } from "vitest";
import { addBusinessDays, addCalendarDaysToBusinessDay, brasiliaDate, businessDaysBetween, easterSunday, endOfBrasiliaDay, isBusinessDay, nationalHolidays, upcomingNationalHolidays } from "./business-days";

describe("Easter and the holidays that follow it", () => {
  it("computes Easter Sunday for known years", () => {
    expect(easterSunday(2024)).toBe("2024-03-31");
    expect(easterSunday(2025)).toBe("2025-04-20");
    expect(easterSunday(2026)).toBe("2026-04-05");
    expect(easterSunday(2027)).toBe("2027-03-28");
    expect(easterSunday(2038)).toBe("2038-04-25");
    expect(easterSunday(2285)).toBe("2285-03-22");
  });

  it("lists Carnaval Monday/Tuesday, Sexta-feira Santa and Corpus Christi of 2026", () => {
    const h = nationalHolidays(2026);
    expect(h.get("2026-02-16")).toBe("Carnaval (segunda-feira)");
    expect(h.get("2026-02-17")).toBe("Carnaval (terça-feira)");
    expect(h.get("2026-04-03")).toBe("Sexta-feira Santa");
    expect(h.get("2026-06-04")).toBe("Corpus Christi");
    expect(h.get("2026-04-21")).toBe("Tiradentes");
    expect(h.get("2026-11-20")).toBe("Dia Nacional de Zumbi e da Consciência Negra");
    expect(h.size).toBe(13);
  });

  it("lists the holidays from today to the end of next year, in date order", () => {
    const list = upcomingNationalHolidays("2026-11-20");
    expect(list[0]).toEqual({ date: "2026-11-20", name: "Dia Nacional de Zumbi e da Consciência Negra" }); // today counts
    expect(list[1]).toEqual({ date: "2026-12-25", name: "Natal" });
    expect(list[2]).toEqual({ date: "2027-01-01", name: "Confraternização Universal" });
    expect(list.at(-1)).toEqual({ date: "2027-12-25", name: "Natal" });
    expect(list).toHaveLength(2 + 13);
    expect(list.map((h) => h.date)).toEqual(list.map((h) => h.date).sort());
    expect(list.some((h) => h.date < "2026-11-20")).toBe(false);
  });

  it("Consciência Negra is national only from 2024", () => {
    expect(nationalHolidays(2023).has("2023-11-20")).toBe(false);
    expect(nationalHolidays(2024).has("2024-11-20")).toBe(true);
  });
});

describe("business days", () => {
  it("weekends and holidays are not business days", () => {
    expect(isBusinessDay("2026-12-05")).toBe(false); // Saturday
    expect(isBusinessDay("2026-12-06")).toBe(false); // Sunday
    expect(isBusinessDay("2026-12-25")).toBe(false); // Natal (Friday)
    expect(isBusinessDay("2026-12-24")).toBe(true);
  });

  it("3 business days over Carnaval skip Monday and Tuesday", () => {
    // Friday 13 Feb 2026 + 3 business days: Mon 16 and Tue 17 are Carnaval → Wed 18, Thu 19, Fri 20.
    expect(addBusinessDays("2026-02-13", 3)).toBe("2026-02-20");
  });

  it("3 business days over the Easter week skip Sexta-feira Santa and the weekend", () => {
    // Wed 1 Apr 2026 → Thu 2, (Fri 3 Santa, Sat, Sun), Mon 6, Tue 7.
    expect(addBusinessDays("2026-04-01", 3)).toBe("2026-04-07");
  });

  it("Corpus Christi and Tiradentes count as holidays", () => {
    expect(addBusinessDays("2026-06-03", 1)).toBe("2026-06-05");
    expect(addBusinessDays("2026-04-20", 1)).toBe("2026-04-22");
  });

  it("crosses the year end (Natal, weekend, Confraternização Universal)", () => {
    expect(addBusinessDays("2026-12-24", 3)).toBe("2026-12-30");
    expect(addBusinessDays("2026-12-30", 2)).toBe("2027-01-04");
  });

  it("0 business days is the same day; negative is refused", () => {
    expect(addBusinessDays("2026-12-01", 0)).toBe("2026-12-01");
    expect(() => addBusinessDays("2026-12-01", -1)).toThrow(RangeError);
  });

  it("15 days (art. 19) move to the next business day when they end on a weekend or holiday", () => {
    expect(addCalendarDaysToBusinessDay("2026-12-01", 15)).toBe("2026-12-16");
    // 10 Dec + 15 = Fri 25 Dec (Natal) → Mon 28 Dec.
    expect(addCalendarDaysToBusinessDay("2026-12-10", 15)).toBe("2026-12-28");
  });

  it("counts business days between two dates, both ways", () => {
    expect(businessDaysBetween("2026-02-13", "2026-02-20")).toBe(3);
    expect(businessDaysBetween("2026-02-20", "2026-02-13")).toBe(-3);
    expect(businessDaysBetween("2026-12-01", "2026-12-01")).toBe(0);
  });

  it("reads instants in Brasília time", () => {
    expect(brasiliaDate(new Date("2026-12-02T02:30:00Z"))).toBe("2026-12-01");
    expect(brasiliaDate(new Date("2026-12-02T03:00:00Z"))).toBe("2026-12-02");
    expect(endOfBrasiliaDay("2026-12-01").toISOString()).toBe("2026-12-02T02:59:59.999Z");
  });

  it("rejects malformed dates", () => {
    expect(() => isBusinessDay("01/12/2026")).toThrow(RangeError);
  });
});
