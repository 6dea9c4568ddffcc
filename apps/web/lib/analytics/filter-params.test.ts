import { describe, expect, it } from "vitest";
import { dashboardFilterFrom, withDashboardFilter } from "./filter-params";

const now = new Date("2026-12-05T15:00:00Z");
const inbox = "7f1f5a52-7c1e-4d33-9a53-0b8f7d2c1a10";

describe("the dashboard's filter in the address", () => {
  it("round-trips a custom range with its inbox, and a preset as the preset", () => {
    const custom = { preset: "custom" as const, from: "2026-11-01", to: "2026-11-30", inboxId: inbox, teamId: null };
    const url = withDashboardFilter(new URL("http://demo.localhost/?x=1"), custom);
    expect(url.search).toBe(`?x=1&period=custom&from=2026-11-01&to=2026-11-30&inbox=${inbox}`);
    expect(dashboardFilterFrom(Object.fromEntries(url.searchParams), now)).toEqual(custom);
    const week = withDashboardFilter(new URL("http://demo.localhost/"), { preset: "7", from: "2026-11-29", to: "2026-12-05", inboxId: null, teamId: null });
    expect(week.search).toBe("?period=7");
    // Opened a week later, "last 7 days" are that week's.
    expect(dashboardFilterFrom(Object.fromEntries(week.searchParams), new Date("2026-12-12T15:00:00Z"))).toMatchObject({ preset: "7", from: "2026-12-06", to: "2026-12-12" });
  });
  it("falls back to the last 30 days for what the charts would refuse", () => {
    const fallback = { preset: "30", from: "2026-11-06", to: "2026-12-05", inboxId: null, teamId: null };
    expect(dashboardFilterFrom({}, now)).toEqual(fallback);
    expect(dashboardFilterFrom({ period: "custom", from: "2026-12-05", to: "2026-11-01" }, now)).toEqual(fallback);
    expect(dashboardFilterFrom({ period: "custom", from: "2024-01-01", to: "2026-01-01" }, now)).toEqual(fallback);
    expect(dashboardFilterFrom({ period: "custom", from: "01/11/2026", to: "2026-11-30" }, now)).toEqual(fallback);
    expect(dashboardFilterFrom({ period: "14", inbox: "x", team: ["a", "b"] }, now)).toEqual(fallback);
  });
});
