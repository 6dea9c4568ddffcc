import { describe, expect, it } from "vitest";
import { inboxFiltersFrom, inboxHref, inboxListInput, NO_INBOX_FILTERS, withInboxFilters } from "./inbox-filters";

const TEAM = "3f0c1a52-8d4e-4c1b-9a55-0c8a1f3e2b71";

describe("inbox filters in the address", () => {
  it("reads what the address asks for", () => {
    expect(inboxFiltersFrom({ status: "pending", assignee: "me", team: TEAM, channel: "whatsapp", tag: "vip", min: "50", max: "120", q: "Carla", c: "x" })).toEqual({
      ...NO_INBOX_FILTERS,
      status: "pending",
      assignee: "me",
      teamId: TEAM,
      channel: "whatsapp",
      tag: "vip",
      minScore: "50",
      maxScore: "120",
      search: "Carla",
    });
  });

  it("leaves out what is unknown or malformed, and a repeated parameter", () => {
    expect(inboxFiltersFrom({ status: "archived", assignee: "somebody", team: "1; drop", inbox: "", channel: "sms", min: "-5", max: "1e9", q: ["a", "b"] })).toEqual(NO_INBOX_FILTERS);
    expect(inboxFiltersFrom({ q: "x".repeat(500) }).search).toHaveLength(200);
    // Within the list query's own limits (conversationListInput), so the address cannot make it fail.
    expect(inboxFiltersFrom({ tag: "t".repeat(150) }).tag).toHaveLength(100);
    expect(inboxFiltersFrom({ min: "1000", max: "1001" })).toMatchObject({ minScore: "1000", maxScore: "" });
  });

  it("writes the filters set, takes out the blank ones and keeps the open conversation", () => {
    const url = withInboxFilters(new URL("http://demo.localhost/inbox?c=abc&status=open&q=old"), { ...NO_INBOX_FILTERS, assignee: "none", search: " Carla " });
    expect(url.pathname).toBe("/inbox");
    expect(Object.fromEntries(url.searchParams)).toEqual({ c: "abc", assignee: "none", q: "Carla" });
  });

  it("round-trips", () => {
    const filters = { ...NO_INBOX_FILTERS, status: "resolved" as const, inboxId: TEAM, tag: "feira 2026", minScore: "10" };
    expect(inboxFiltersFrom(Object.fromEntries(withInboxFilters(new URL("http://x/inbox"), filters).searchParams))).toEqual(filters);
  });

  it("status=active: the open work (pending + open) read, written and round-tripped like a single status", () => {
    expect(inboxFiltersFrom({ status: "active", assignee: TEAM })).toEqual({ ...NO_INBOX_FILTERS, status: "active", assignee: TEAM });
    // Only the one word: a list of statuses or another spelling is no filter.
    for (const status of ["pending,open", "Active", "ativas", " active"]) expect(inboxFiltersFrom({ status }).status).toBe("");
    const url = withInboxFilters(new URL("http://x/inbox?c=abc"), { ...NO_INBOX_FILTERS, status: "active", teamId: TEAM });
    expect(Object.fromEntries(url.searchParams)).toEqual({ c: "abc", status: "active", team: TEAM });
    expect(inboxFiltersFrom(Object.fromEntries(url.searchParams))).toEqual({ ...NO_INBOX_FILTERS, status: "active", teamId: TEAM });
  });

  it("inboxHref: the inbox's address with only the given filters (the team-load view's links)", () => {
    expect(inboxHref({ assignee: TEAM })).toBe(`/inbox?assignee=${TEAM}`);
    expect(inboxHref({ status: "active", assignee: TEAM })).toBe(`/inbox?status=active&assignee=${TEAM}`);
    // A blank team (no team picked on the team-load page) is left out, a picked one carried.
    expect(inboxHref({ status: "active", assignee: TEAM, teamId: "" })).toBe(`/inbox?status=active&assignee=${TEAM}`);
    expect(inboxHref({ status: "active", assignee: TEAM, teamId: TEAM })).toBe(`/inbox?status=active&assignee=${TEAM}&team=${TEAM}`);
    expect(inboxHref({})).toBe("/inbox");
  });

  it("inboxListInput: what the list asks conversations.list for", () => {
    const ME = "9d2b7c4e-1f3a-4e8b-b6d0-5a7c9e1f2b3d";
    expect(inboxListInput(inboxFiltersFrom({ status: "active", assignee: TEAM, team: TEAM }), ME)).toEqual({ ...blankInput, status: "active", assigneeId: TEAM, teamId: TEAM });
    expect(inboxListInput({ ...NO_INBOX_FILTERS, assignee: "me" }, ME)).toEqual({ ...blankInput, assigneeId: ME });
    expect(inboxListInput({ ...NO_INBOX_FILTERS, assignee: "none", status: "pending" }, ME)).toEqual({ ...blankInput, status: "pending", unassigned: true });
    expect(inboxListInput({ ...NO_INBOX_FILTERS, minScore: "0", maxScore: "abc" }, ME)).toEqual({ ...blankInput, minScore: 0 });
    expect(inboxListInput(NO_INBOX_FILTERS, ME)).toEqual(blankInput);
  });
});

const blankInput = { status: undefined, inboxId: undefined, assigneeId: undefined, unassigned: undefined, teamId: undefined, channel: undefined, tag: undefined, minScore: undefined, maxScore: undefined, search: undefined };
