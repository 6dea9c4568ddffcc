import { describe, expect, it } from "vitest";
import { paramsOf } from "@/lib/url-params";
import { BOARD_PARAMS, filtersOfView, LIST_PARAMS, listFiltersFrom, recordListHref, viewFiltersToSave, withListFilters } from "./list-params";

const ID = "0b6f3c1e-2a4d-4e8f-9c10-1234567890ab";

describe("CRM list filters in the address", () => {
  it("reads each list's own filters", () => {
    expect(listFiltersFrom({ q: "ana", stage: "qualified", source: "whatsapp", minScore: "40", sort: "score", from: "2026-11-01", to: "2026-11-30", cf: ID, cfv: "Ouro" }, LIST_PARAMS.lead)).toEqual({
      q: "ana", stage: "qualified", source: "whatsapp", minScore: "40", sort: "score", from: "2026-11-01", to: "2026-11-30", cf: ID, cfv: "Ouro",
    });
    expect(listFiltersFrom({ status: "won", q: "obra" }, LIST_PARAMS.deal)).toEqual({ status: "won", q: "obra" });
    // Another list's filter is not this one's.
    expect(listFiltersFrom({ stage: "qualified", status: "won" }, LIST_PARAMS.company)).toEqual({});
  });

  it("ignores bad values: unknown options, malformed ids and days, scores out of range, repeated keys, too long a search", () => {
    expect(listFiltersFrom({ stage: "ganho", source: "fax", minScore: "-1", sort: "name", from: "2026-02-30", to: "ontem", cf: "1; drop", q: ["a", "b"] }, LIST_PARAMS.lead)).toEqual({});
    expect(listFiltersFrom({ minScore: "1001" }, LIST_PARAMS.lead)).toEqual({});
    expect(listFiltersFrom({ status: "lost " }, LIST_PARAMS.deal)).toEqual({ status: "lost" });
    expect(listFiltersFrom({ q: "x".repeat(300) }, LIST_PARAMS.contact).q).toHaveLength(200);
  });

  it("writes only the list's filters, leaving blanks and defaults out and other parameters in", () => {
    const url = withListFilters(new URL("https://x.test/deals?view=list&pipeline=p"), { q: "obra", status: "", stage: "qualified", sort: "created" }, LIST_PARAMS.deal, { sort: "created" });
    expect(url.search).toBe("?view=list&pipeline=p&q=obra");
    const leads = withListFilters(new URL("https://x.test/leads?stage=new"), { stage: "", sort: "created" }, LIST_PARAMS.lead, { sort: "created" });
    expect(leads.search).toBe("");
  });

  it("round trip: what a list writes reads back the same", () => {
    const filters = { q: "João & Cia", stage: "nurture", source: "whatsapp_ad", minScore: "70", sort: "score", from: "2026-11-01", cf: ID, cfv: "a=b&c" };
    const url = withListFilters(new URL("https://x.test/leads"), filters, LIST_PARAMS.lead, { sort: "created" });
    expect(listFiltersFrom(paramsOf(url.searchParams), LIST_PARAMS.lead)).toEqual(filters);
  });

  it("the board's owner and search: a malformed owner is dropped, the list's filters are not the board's", () => {
    expect(listFiltersFrom({ owner: ID, q: "obra", status: "won" }, BOARD_PARAMS)).toEqual({ owner: ID, q: "obra" });
    expect(listFiltersFrom({ owner: "me" }, BOARD_PARAMS)).toEqual({});
    expect(withListFilters(new URL("https://x.test/deals?view=list"), { owner: ID, q: "" }, BOARD_PARAMS).search).toBe(`?view=list&owner=${ID}`);
  });

  it("a record page's \"Ver todos\": the list narrowed to the company or contact, read back as the list's filter", () => {
    expect(recordListHref("contacts", { company: ID })).toBe(`/contacts?company=${ID}`);
    expect(recordListHref("deals", { contact: ID })).toBe(`/deals?view=list&contact=${ID}`);
    const read = (href: string, rules: typeof LIST_PARAMS.deal) => listFiltersFrom(paramsOf(new URL(href, "https://x.test").searchParams), rules);
    expect(read(recordListHref("contacts", { company: ID }), LIST_PARAMS.contact)).toEqual({ company: ID });
    expect(read(recordListHref("deals", { company: ID }), LIST_PARAMS.deal)).toEqual({ company: ID });
    // Only a well-formed id narrows; companies take neither, contacts no contact.
    expect(listFiltersFrom({ company: "acme", contact: `${ID}x` }, LIST_PARAMS.deal)).toEqual({});
    expect(listFiltersFrom({ company: ID, contact: ID }, LIST_PARAMS.company)).toEqual({});
    expect(listFiltersFrom({ contact: ID }, LIST_PARAMS.contact)).toEqual({});
  });
});

describe("saved views and record filters", () => {
  it("a view is saved without the company / contact filter it was reached with, and without blanks", () => {
    expect(viewFiltersToSave({ q: "obra", status: "won", from: "2026-11-01", to: "2026-11-30", company: ID, contact: ID, cf: "" })).toEqual({ q: "obra", status: "won", from: "2026-11-01", to: "2026-11-30" });
    expect(viewFiltersToSave({ company: ID })).toEqual({});
  });

  it("showing a view (or none) keeps the record filter on screen and ignores one an older view saved", () => {
    expect(filtersOfView({ company: ID, q: "velho" }, { status: "open", contact: "x" }, {})).toEqual({ status: "open", company: ID });
    expect(filtersOfView({ contact: ID, status: "won" }, null, { sort: "score" })).toEqual({ sort: "score", contact: ID });
    expect(filtersOfView({ company: "", q: "a" }, { minScore: 40 }, {})).toEqual({ minScore: "40" });
  });
});
