import { describe, expect, it } from "vitest";
import { inboxFiltersFrom, NO_INBOX_FILTERS } from "./inbox-filters";
import { agentInboxHref, inactiveInboxHref, queueInboxHref } from "./team-load-links";

const USER = "3f0c1a52-8d4e-4c1b-9a55-0c8a1f3e2b71";
const TEAM = "7a1e2d3c-4b5a-4f6e-8d7c-9b0a1c2d3e4f";
/** What the inbox reads from a link (its page reads the address with inboxFiltersFrom). */
const opened = (href: string) => inboxFiltersFrom(Object.fromEntries(new URL(href, "http://demo.localhost").searchParams));

describe("team-load's links into the inbox", () => {
  it("an agent's name: their pending + open conversations, never the page's team (their count spans every team)", () => {
    expect(agentInboxHref(USER)).toBe(`/inbox?status=active&assignee=${USER}`);
    expect(opened(agentInboxHref(USER))).toEqual({ ...NO_INBOX_FILTERS, status: "active", assignee: USER });
  });

  it("a deactivated person's line: their pending + open conversations, within the team when one is picked", () => {
    expect(inactiveInboxHref(USER, "")).toBe(`/inbox?status=active&assignee=${USER}`);
    expect(opened(inactiveInboxHref(USER, TEAM))).toEqual({ ...NO_INBOX_FILTERS, status: "active", assignee: USER, teamId: TEAM });
  });

  it("the queue: pending with nobody assigned, within the team when one is picked", () => {
    expect(queueInboxHref("")).toBe("/inbox?status=pending&assignee=none");
    expect(opened(queueInboxHref(TEAM))).toEqual({ ...NO_INBOX_FILTERS, status: "pending", assignee: "none", teamId: TEAM });
  });
});
