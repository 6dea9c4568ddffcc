import { describe, expect, it } from "vitest";
import { agendaFiltersFrom, agendaSummaryHref, withAgendaFilters } from "./agenda-filters";

const USER = "3f0c1a52-8d4e-4c1b-9a55-0c8a1f3e2b71";

describe("Atividades' filters in the address", () => {
  it("reads the tab, whose work and the type the address asks for", () => {
    expect(agendaFiltersFrom({ tab: "overdue", who: USER, type: "call" }, "me")).toEqual({ tab: "overdue", who: USER, type: "call" });
    expect(agendaFiltersFrom({ tab: "no_date", who: "all" }, "me")).toEqual({ tab: "no_date", who: "all", type: "" });
  });

  it("falls back to today, the page's default person and every type on what is absent or malformed", () => {
    expect(agendaFiltersFrom({}, "me")).toEqual({ tab: "today", who: "me", type: "" });
    expect(agendaFiltersFrom({ tab: "later", who: "1; drop", type: "note" }, "all")).toEqual({ tab: "today", who: "all", type: "" });
    expect(agendaFiltersFrom({ tab: ["overdue", "done"] }, "me").tab).toBe("today");
  });

  it("writes what differs from the defaults and keeps the address's other parameters", () => {
    const base = new URL("http://demo.localhost/activities?x=1&tab=done");
    expect(withAgendaFilters(base, { tab: "overdue", who: "all", type: "task" }, "me").search).toBe("?x=1&tab=overdue&who=all&type=task");
    expect(withAgendaFilters(base, { tab: "today", who: "me", type: "" }, "me").search).toBe("?x=1");
    // Round trip: what is written reads back the same.
    const written = withAgendaFilters(base, { tab: "upcoming", who: USER, type: "meeting" }, "me");
    expect(agendaFiltersFrom(Object.fromEntries(written.searchParams), "me")).toEqual({ tab: "upcoming", who: USER, type: "meeting" });
  });

  it("the dashboard's line opens the signed-in person's tab it leads with", () => {
    const read = (href: string) => agendaFiltersFrom(Object.fromEntries(new URL(href, "http://demo.localhost").searchParams), "all");
    // "2 atrasadas": the overdue tab, not "Hoje" (which may be empty).
    expect(read(agendaSummaryHref(2))).toEqual({ tab: "overdue", who: "me", type: "" });
    expect(read(agendaSummaryHref(1)).tab).toBe("overdue");
    expect(read(agendaSummaryHref(0))).toEqual({ tab: "today", who: "me", type: "" });
  });
});
