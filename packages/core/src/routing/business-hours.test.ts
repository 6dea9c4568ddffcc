import { describe, expect, it } from "vitest";
import { addBusinessMinutes, isWithinBusinessHours, localTime, nextBusinessOpening, zonedInstant, type BusinessHours } from "./business-hours";

const weekdays = (open: string, close: string) => [1, 2, 3, 4, 5].map((day) => ({ day, open, close }));
const sp: BusinessHours = { timezone: "America/Sao_Paulo", weekly: weekdays("09:00", "18:00"), holidays: [] };
const at = (iso: string) => new Date(iso);
const iso = (d: Date | null) => d?.toISOString() ?? null;

// 2025-03-03 is a Monday (Carnival); São Paulo is UTC-3 all year (no DST since 2019).
describe("isWithinBusinessHours (São Paulo, UTC-3)", () => {
  it.each([
    ["2025-03-03T12:00:00Z", true], // Mon 09:00 local: opening minute counts
    ["2025-03-03T11:59:59Z", false], // Mon 08:59:59
    ["2025-03-03T20:59:59Z", true], // Mon 17:59:59
    ["2025-03-03T21:00:00Z", false], // Mon 18:00: close is exclusive
    ["2025-03-08T15:00:00Z", false], // Saturday noon
    ["2025-03-09T15:00:00Z", false], // Sunday noon
    ["2025-03-04T02:00:00Z", false], // Mon 23:00 local, already Tuesday in UTC
  ])("%s → %s", (when, open) => {
    expect(isWithinBusinessHours(at(when), sp)).toBe(open);
  });

  it("treats holidays as closed all day", () => {
    const carnival = { ...sp, holidays: ["2025-03-03", "2025-03-04"] };
    expect(isWithinBusinessHours(at("2025-03-03T15:00:00Z"), carnival)).toBe(false);
    expect(isWithinBusinessHours(at("2025-03-05T15:00:00Z"), carnival)).toBe(true);
  });

  it("null hours are always open", () => {
    expect(isWithinBusinessHours(at("2025-03-09T03:00:00Z"), null)).toBe(true);
  });
});

describe("nextBusinessOpening", () => {
  it("is the instant itself when open", () => {
    expect(iso(nextBusinessOpening(at("2025-03-05T15:00:00Z"), sp))).toBe("2025-03-05T15:00:00.000Z");
  });
  it("skips the night, the weekend and holidays", () => {
    expect(iso(nextBusinessOpening(at("2025-03-05T22:00:00Z"), sp))).toBe("2025-03-06T12:00:00.000Z"); // Wed 19:00 → Thu 09:00
    expect(iso(nextBusinessOpening(at("2025-03-07T21:30:00Z"), sp))).toBe("2025-03-10T12:00:00.000Z"); // Fri 18:30 → Mon 09:00
    const carnival = { ...sp, holidays: ["2025-03-03", "2025-03-04"] };
    expect(iso(nextBusinessOpening(at("2025-02-28T22:00:00Z"), carnival))).toBe("2025-03-05T12:00:00.000Z"); // Fri → Ash Wednesday
  });
  it("is null for a schedule that never opens", () => {
    expect(nextBusinessOpening(at("2025-03-05T15:00:00Z"), { ...sp, weekly: [] })).toBeNull();
  });
});

describe("addBusinessMinutes", () => {
  it("adds plainly inside one interval", () => {
    expect(iso(addBusinessMinutes(at("2025-03-05T13:00:00Z"), 5, sp))).toBe("2025-03-05T13:05:00.000Z");
  });
  it("ends exactly at closing when the minutes run out there", () => {
    expect(iso(addBusinessMinutes(at("2025-03-05T20:55:00Z"), 5, sp))).toBe("2025-03-05T21:00:00.000Z");
  });
  it("carries the rest over the weekend", () => {
    // Fri 17:58 + 5 business minutes = Mon 09:03.
    expect(iso(addBusinessMinutes(at("2025-03-07T20:58:00Z"), 5, sp))).toBe("2025-03-10T12:03:00.000Z");
  });
  it("starts counting at the next opening when closed", () => {
    expect(iso(addBusinessMinutes(at("2025-03-08T15:00:00Z"), 30, sp))).toBe("2025-03-10T12:30:00.000Z");
  });
  it("skips holidays", () => {
    const carnival = { ...sp, holidays: ["2025-03-03", "2025-03-04"] };
    expect(iso(addBusinessMinutes(at("2025-02-28T20:00:00Z"), 240, carnival))).toBe("2025-03-05T15:00:00.000Z"); // 1 h Fri + 3 h Wed
  });
  it("spans a lunch break (several intervals a day, given out of order)", () => {
    const lunch = { ...sp, weekly: [1, 2, 3, 4, 5].flatMap((day) => [{ day, open: "13:00", close: "18:00" }, { day, open: "09:00", close: "12:00" }]) };
    expect(iso(addBusinessMinutes(at("2025-03-05T14:58:00Z"), 5, lunch))).toBe("2025-03-05T16:03:00.000Z"); // 11:58 + 5 → 13:03
    expect(isWithinBusinessHours(at("2025-03-05T15:30:00Z"), lunch)).toBe(false);
  });
  it("merges overlapping intervals instead of counting them twice", () => {
    const overlap = { ...sp, weekly: [{ day: 3, open: "09:00", close: "12:00" }, { day: 3, open: "10:00", close: "11:00" }] };
    expect(iso(addBusinessMinutes(at("2025-03-05T12:00:00Z"), 180, overlap))).toBe("2025-03-05T15:00:00.000Z");
  });
  it("runs across midnight with 24:00 closes", () => {
    const weekend = { ...sp, weekly: [{ day: 6, open: "00:00", close: "24:00" }, { day: 0, open: "00:00", close: "24:00" }] };
    // Sat 23:58 local + 5 → Sun 00:03 local.
    expect(iso(addBusinessMinutes(at("2025-03-09T02:58:00Z"), 5, weekend))).toBe("2025-03-09T03:03:00.000Z");
  });
  it("is wall-clock time without hours, and for a schedule that never opens", () => {
    expect(iso(addBusinessMinutes(at("2025-03-08T15:00:00Z"), 5, null))).toBe("2025-03-08T15:05:00.000Z");
    expect(iso(addBusinessMinutes(at("2025-03-08T15:00:00Z"), 5, { ...sp, weekly: [] }))).toBe("2025-03-08T15:05:00.000Z");
  });
});

describe("other time zones", () => {
  it("follows New York across the DST switch (EST → EDT on 2025-03-09)", () => {
    const ny: BusinessHours = { timezone: "America/New_York", weekly: weekdays("09:00", "18:00"), holidays: [] };
    expect(isWithinBusinessHours(at("2025-03-07T14:00:00Z"), ny)).toBe(true); // Fri 09:00 EST
    expect(isWithinBusinessHours(at("2025-03-10T13:00:00Z"), ny)).toBe(true); // Mon 09:00 EDT
    expect(isWithinBusinessHours(at("2025-03-10T12:59:00Z"), ny)).toBe(false);
    // Fri 17:00 EST + 120 → 1 h Friday, 1 h from Monday 09:00 EDT = 10:00 EDT = 14:00Z.
    expect(iso(addBusinessMinutes(at("2025-03-07T22:00:00Z"), 120, ny))).toBe("2025-03-10T14:00:00.000Z");
  });
  it("reads the local weekday in Tokyo (UTC+9), a day ahead of UTC", () => {
    const tokyo: BusinessHours = { timezone: "Asia/Tokyo", weekly: [{ day: 1, open: "07:00", close: "10:00" }], holidays: [] };
    // Sunday 23:00 UTC is Monday 08:00 in Tokyo; Sunday 21:59 UTC is still Monday 06:59.
    expect(isWithinBusinessHours(at("2025-03-02T23:00:00Z"), tokyo)).toBe(true);
    expect(isWithinBusinessHours(at("2025-03-02T21:59:00Z"), tokyo)).toBe(false);
    // Monday 11:00 in Tokyo → next Monday 07:00 = Sunday 22:00 UTC.
    expect(iso(nextBusinessOpening(at("2025-03-03T02:00:00Z"), tokyo))).toBe("2025-03-09T22:00:00.000Z");
  });
  it("reads holidays as local dates (Lisbon, UTC+1 in summer)", () => {
    const lisbon: BusinessHours = { timezone: "Europe/Lisbon", weekly: weekdays("00:00", "24:00"), holidays: ["2025-06-10"] };
    expect(isWithinBusinessHours(at("2025-06-09T22:59:00Z"), lisbon)).toBe(true); // Mon 23:59 local
    expect(isWithinBusinessHours(at("2025-06-09T23:00:00Z"), lisbon)).toBe(false); // Tue 00:00 local: holiday
    expect(iso(nextBusinessOpening(at("2025-06-10T12:00:00Z"), lisbon))).toBe("2025-06-10T23:00:00.000Z");
  });
});

describe("zone helpers", () => {
  it("round-trips local wall time", () => {
    const t = zonedInstant(2025, 3, 10, 9 * 60 + 30, "America/New_York");
    expect(new Date(t).toISOString()).toBe("2025-03-10T13:30:00.000Z");
    expect(localTime(new Date(t), "America/New_York")).toMatchObject({ year: 2025, month: 3, day: 10, hour: 9, minute: 30 });
    expect(localTime(at("2025-03-03T03:00:00Z"), "America/Sao_Paulo")).toMatchObject({ day: 3, hour: 0 });
  });
});
