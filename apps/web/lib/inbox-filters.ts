// The agent inbox's list filters, kept in the address (?status=pending&assignee=me&q=…) so that
// coming back to the inbox (the phone's Back from a deal, a reload) shows the list as it was left.

import { CHANNELS, CONVERSATION_FILTER_LIMITS, CONVERSATION_STATUSES } from "@vendaflow/validators/plain/inbox";

export interface InboxFilters {
  status: "" | (typeof CONVERSATION_STATUSES)[number];
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

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Params = Record<string, string | string[] | undefined>;

/** The filters an address asks for; anything unknown or malformed is left out (the filter's default). */
export function inboxFiltersFrom(params: Params): InboxFilters {
  const one = (k: keyof InboxFilters) => {
    const v = params[PARAMS[k]];
    return typeof v === "string" ? v : "";
  };
  const pick = <T extends string>(v: string, allowed: readonly T[]): T | "" => ((allowed as readonly string[]).includes(v) ? (v as T) : "");
  const id = (v: string) => (UUID.test(v) ? v : "");
  // Within what the list's query takes (conversationListInput), so an edited address cannot make it fail.
  const score = (v: string) => (/^\d{1,4}$/.test(v) && Number(v) <= CONVERSATION_FILTER_LIMITS.score ? v : "");
  const text = (v: string, max: number) => v.slice(0, max);
  const assignee = one("assignee");
  return {
    status: pick(one("status"), CONVERSATION_STATUSES),
    assignee: assignee === "me" || assignee === "none" ? assignee : id(assignee),
    teamId: id(one("teamId")),
    inboxId: id(one("inboxId")),
    channel: pick(one("channel"), CHANNELS),
    tag: text(one("tag"), CONVERSATION_FILTER_LIMITS.tag),
    minScore: score(one("minScore")),
    maxScore: score(one("maxScore")),
    search: text(one("search"), CONVERSATION_FILTER_LIMITS.search),
  };
}

/** `url` with the filters written in (and the blank ones taken out); its other parameters (the open conversation) stay. */
export function withInboxFilters(url: URL, filters: InboxFilters): URL {
  const next = new URL(url);
  for (const k of Object.keys(PARAMS) as (keyof InboxFilters)[]) {
    const v = filters[k].trim();
    if (v) next.searchParams.set(PARAMS[k], v);
    else next.searchParams.delete(PARAMS[k]);
  }
  return next;
}

/** The inbox's address (path and query) showing these filters: how other pages link into a filtered inbox. */
export function inboxHref(filters: Partial<InboxFilters>): string {
  const url = withInboxFilters(new URL("/inbox", "http://inbox.invalid"), { ...NO_INBOX_FILTERS, ...filters });
  return url.pathname + url.search;
}
