// The CRM lists' and the deals board's filters in the address (/leads?stage=qualified&q=ana), read and written through
// lib/url-params.ts like the dashboard's and the inbox's: Back from a lead or a deal, a reload or a
// shared link shows the list as it was filtered. Only the filters each list knows are read; a value
// out of what its query takes is dropped (the filter's default), so an edited link cannot fail it.

import { dealStatuses, leadSorts, leadSources, leadStages } from "@vendaflow/validators/plain/crm";
import type { ViewEntity } from "@vendaflow/validators/crm-views";
import { countOrBlank, dayOrBlank, idOrBlank, one, oneOf, withParams, type Params } from "@/lib/url-params";

/** A list's filters as its view keeps them (components/crm/list-view.tsx): name → value, "" for none. */
export type Filters = Record<string, string>;

/** How one filter reads from the address: its value, or "" when malformed. */
type Reader = (v: string) => string;
export type ListParams = Record<string, Reader>;

// The list queries' limits (validators/crm.ts: search 200, a custom field's value 1000, scores 0–1000).
const text = (max: number): Reader => (v) => v.slice(0, max);
/** Every CRM list's: the search, the creation days, a custom field and its value. */
const COMMON: ListParams = { q: text(200), from: dayOrBlank, to: dayOrBlank, cf: idOrBlank, cfv: text(1000) };

export const LIST_PARAMS: Record<ViewEntity, ListParams> = {
  lead: {
    ...COMMON,
    stage: (v) => oneOf(v, leadStages),
    source: (v) => oneOf(v, leadSources),
    minScore: (v) => countOrBlank(v, 1000),
    sort: (v) => oneOf(v, leadSorts),
  },
  // One company's or contact's records: a record page's "Ver todos" (components/crm/record-filter.tsx).
  deal: { ...COMMON, status: (v) => oneOf(v, dealStatuses), company: idOrBlank, contact: idOrBlank },
  company: COMMON,
  contact: { ...COMMON, company: idOrBlank },
};

/** The deals board's: one owner ("Responsável") and the search (the deal list's `q` too, so switching views keeps it). */
export const BOARD_PARAMS: ListParams = { owner: idOrBlank, q: text(200) };

/** The filters an address asks for (only the list's own, only well-formed values; blank ones left out). */
export function listFiltersFrom(params: Params, rules: ListParams): Filters {
  const out: Filters = {};
  for (const [k, read] of Object.entries(rules)) {
    const v = read(one(params, k).trim());
    if (v) out[k] = v;
  }
  return out;
}

/**
 * `url` with the list's filters written in: a value equal to the list's default (`defaults`, e.g.
 * the leads' sort) or blank is left out, so the plain list keeps a plain address.
 */
export function withListFilters(url: URL, filters: Filters, rules: ListParams, defaults: Filters = {}): URL {
  return withParams(url, Object.fromEntries(Object.keys(rules).map((k) => [k, filters[k] && filters[k] !== defaults[k] ? filters[k] : null])));
}

/** The record filters a list takes (LIST_PARAMS): a company's or a contact's records. */
export type RecordFilter = { company: string } | { contact: string };

/**
 * A list narrowed to one company's or contact's records: a record page's "Ver todos". The deals
 * open in their list view, which under such a filter spans every pipeline, like the record's card.
 */
export function recordListHref(list: "contacts" | "deals", record: RecordFilter): string {
  return `/${list}?${new URLSearchParams(list === "deals" ? { view: "list", ...record } : record)}`;
}

/**
 * The record filters (a company's or contact's records) are the way a list was reached, not a way
 * of looking at it: a saved view never keeps them, and showing a view (or none) keeps the ones on
 * screen. Every other filter (search, creation days, status…) belongs to the view.
 */
const RECORD_FILTER_KEYS: readonly string[] = ["company", "contact"];

/** The filters a saved view keeps: the non-blank ones, record filters left out. */
export function viewFiltersToSave(filters: Filters): Filters {
  return Object.fromEntries(Object.entries(filters).filter(([k, v]) => v !== "" && !RECORD_FILTER_KEYS.includes(k)));
}

/** The filters on screen once a view is shown: its own (`saved`, or `fallback` for none), beside the record filters already on. */
export function filtersOfView(current: Filters, saved: Record<string, unknown> | null, fallback: Filters): Filters {
  const records = Object.fromEntries(Object.entries(current).filter(([k, v]) => v !== "" && RECORD_FILTER_KEYS.includes(k)));
  const own = saved ? Object.fromEntries(Object.entries(saved).filter(([k]) => !RECORD_FILTER_KEYS.includes(k)).map(([k, v]) => [k, String(v)])) : fallback;
  return { ...own, ...records };
}
