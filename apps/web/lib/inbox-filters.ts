// The agent inbox's list filters, kept in the address (?status=pending&assignee=me&q=…) so that
// coming back to the inbox (the phone's Back from a deal, a reload) shows the list as it was left.

import { CHANNELS, CONVERSATION_FILTER_LIMITS, CONVERSATION_STATUS_FILTERS, type ConversationStatusFilter } from "@vendaflow/validators/plain/inbox";
import { countOrBlank, idOrBlank, one, oneOf, withParams, type Params } from "./url-params";

export interface InboxFilters {
  /** One status, or "active" (pending + open: the open work "Carga da equipe" counts). */
  status: "" | ConversationStatusFilter;
  /** "", "me", "none" or a user's id. */
  assignee: string;
  teamId: string;
  inboxId: string;
  channel: "" | (typeof CHANNELS)[number];
  tag: string;
  minScore: string;
  maxScore: string;
  search: string;
}

export const NO_INBOX_FILTERS: InboxFilters = { status: "", assignee: "", teamId: "", inboxId: "", channel: "", tag: "", minScore: "", maxScore: "", search: "" };

/** Each filter's name in the address. */
const PARAMS: Record<keyof InboxFilters, string> = { status: "status", assignee: "assignee", teamId: "team", inboxId: "inbox", channel: "channel", tag: "tag", minScore: "min", maxScore: "max", search: "q" };

/** The filters an address asks for; anything unknown or malformed is left out (the filter's default). */
export function inboxFiltersFrom(params: Params): InboxFilters {
  const get = (k: keyof InboxFilters) => one(params, PARAMS[k]);
  // Within what the list's query takes (conversationListInput), so an edited address cannot make it fail.
  const score = (v: string) => countOrBlank(v, CONVERSATION_FILTER_LIMITS.score);
  const assignee = get("assignee");
  return {
    status: oneOf(get("status"), CONVERSATION_STATUS_FILTERS),
    assignee: assignee === "me" || assignee === "none" ? assignee : idOrBlank(assignee),
    teamId: idOrBlank(get("teamId")),
    inboxId: idOrBlank(get("inboxId")),
    channel: oneOf(get("channel"), CHANNELS),
    tag: get("tag").slice(0, CONVERSATION_FILTER_LIMITS.tag),
    minScore: score(get("minScore")),
    maxScore: score(get("maxScore")),
    search: get("search").slice(0, CONVERSATION_FILTER_LIMITS.search),
  };
}

/** `url` with the filters written in (and the blank ones taken out); its other parameters (the open conversation) stay. */
export function withInboxFilters(url: URL, filters: InboxFilters): URL {
  return withParams(url, Object.fromEntries((Object.keys(PARAMS) as (keyof InboxFilters)[]).map((k) => [PARAMS[k], filters[k]])));
}

/**
 * What the list asks conversations.list for, given its filters: "me" is `meId` (the signed-in user),
 * "none" nobody; blank filters and unreadable scores are left out. The team-load integration test
 * reads its links through this, so the list it checks is the one the inbox shows.
 */
export function inboxListInput(f: InboxFilters, meId: string) {
  return {
    status: f.status || undefined,
    inboxId: f.inboxId || undefined,
    assigneeId: f.assignee === "me" ? meId : f.assignee && f.assignee !== "none" ? f.assignee : undefined,
    unassigned: f.assignee === "none" ? true : undefined,
    teamId: f.teamId || undefined,
    channel: f.channel || undefined,
    tag: f.tag || undefined,
    minScore: scoreValue(f.minScore),
    maxScore: scoreValue(f.maxScore),
    search: f.search || undefined,
  };
}

const scoreValue = (s: string) => {
  const n = Number.parseInt(s, 10);
  return Number.isFinite(n) && n >= 0 ? Math.min(n, CONVERSATION_FILTER_LIMITS.score) : undefined;
};

/** The inbox's address (path and query) showing these filters: how other pages link into a filtered inbox. */
export function inboxHref(filters: Partial<InboxFilters>): string {
  const url = withInboxFilters(new URL("/inbox", "http://inbox.invalid"), { ...NO_INBOX_FILTERS, ...filters });
  return url.pathname + url.search;
}
