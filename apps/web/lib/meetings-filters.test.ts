import { describe, expect, it } from "vitest";
import { meetingsFiltersFrom, meetingsWeekOf, movedWeek, withMeetingsFilters } from "./meetings-filters";

// Wednesday 09/12/2026, 23:30 in São Paulo (already Thursday in UTC).
const NOW = new Date("2026-12-10T02:30:00Z");
const THIS_WEEK = { from: new Date("2026-12-07T03:00:00Z"), to: new Date("2026-12-14T03:00:00Z") };

describe("Reuniões' week and filters in the address", () => {
  it("reads the week, the status and the view the address asks for", () => {
    const f = meetingsFiltersFrom({ week: "2026-12-16", status: "no_show", view: "week" });
    expect(f).toEqual({ week: "2026-12-16", status: "no_show", view: "week" });
    // Any day names its Monday-to-Sunday week in São Paulo time.
    expect(meetingsWeekOf(f, NOW)).toEqual({ from: new Date("2026-12-14T03:00:00Z"), to: new Date("2026-12-21T03:00:00Z") });
  });

  it("falls back to this week, every status and the list on what is absent or malformed", () => {
    for (const params of [{}, { week: "2026-02-30", status: "lost", view: "month" }, { week: "14/12/2026", status: ["no_show", "canceled"] }]) {
      const f = meetingsFiltersFrom(params);
      expect(f).toEqual({ week: "", status: "", view: "list" });
      expect(meetingsWeekOf(f, NOW)).toEqual(THIS_WEEK);
    }
  });

  it("moves by weeks from the week shown, and back to the plain address on this week", () => {
    const here = meetingsFiltersFrom({});
    expect(movedWeek(here, NOW, 1)).toBe("2026-12-14");
    expect(movedWeek(here, NOW, -1)).toBe("2026-11-30");
    const later = meetingsFiltersFrom({ week: "2026-12-30" });
    expect(movedWeek(later, NOW, 1)).toBe("2027-01-04");
    expect(movedWeek(meetingsFiltersFrom({ week: "2026-12-17" }), NOW, -1)).toBe("");
  });

  it("writes what differs from the defaults and keeps the address's other parameters", () => {
    const url = new URL("http://demo.localhost/meetings?x=1&view=week");
    expect(withMeetingsFilters(url, { week: "2026-12-14", status: "canceled", view: "week" }).search).toBe("?x=1&view=week&week=2026-12-14&status=canceled");
    expect(withMeetingsFilters(url, { week: "", status: "", view: "list" }).search).toBe("?x=1");
  });
});
