import { describe, expect, it } from "vitest";
import { clearedFilters, crmClearedFilters, crmFiltersActive, emptyState, filtersActive } from "./list-filters";

describe("filtersActive", () => {
  it("is false with nothing set: blank, whitespace, undefined, null and false filter nothing", () => {
    expect(filtersActive({})).toBe(false);
    expect(filtersActive({ q: "", stage: undefined, inboxId: null, unassigned: false, tag: "  " })).toBe(false);
  });

  it("is true with any value set, 0 included", () => {
    expect(filtersActive({ q: "ana" })).toBe(true);
    expect(filtersActive({ minScore: 0 })).toBe(true);
    expect(filtersActive({ unassigned: true })).toBe(true);
  });

  it("leaves out the ignored keys", () => {
    expect(filtersActive({ sort: "score" }, ["sort"])).toBe(false);
    expect(filtersActive({ sort: "score", status: "won" }, ["sort"])).toBe(true);
  });
});

describe("CRM list filters", () => {
  it("a new leads list (sort only) and a custom field picked without a value filter nothing", () => {
    expect(crmFiltersActive({ sort: "created" })).toBe(false);
    expect(crmFiltersActive({ sort: "score", cf: "f1", cfv: "" })).toBe(false);
  });

  it("search, dates, stage and a custom field value do", () => {
    const set: Record<string, string>[] = [{ q: "x" }, { from: "2026-01-01" }, { to: "2026-01-31" }, { stage: "new" }, { cf: "f1", cfv: "sim" }];
    for (const f of set) expect(crmFiltersActive(f), JSON.stringify(f)).toBe(true);
  });

  it("clearing keeps the sort and drops everything else", () => {
    expect(crmClearedFilters({ sort: "score", q: "x", stage: "new", cf: "f1", cfv: "a" })).toEqual({ sort: "score" });
    expect(clearedFilters({ q: "x" })).toEqual({});
  });
});

describe("emptyState", () => {
  it("with a filter on: nothing matches, offer to clear (whatever the role)", () => {
    expect(emptyState(true, true)).toEqual({ kind: "filtered", action: "clear" });
    expect(emptyState(true, false)).toEqual({ kind: "filtered", action: "clear" });
  });

  it("with no filter: nothing yet, the create action only for those who may", () => {
    expect(emptyState(false, true)).toEqual({ kind: "none", action: "create" });
    expect(emptyState(false, false)).toEqual({ kind: "none", action: null });
  });
});
