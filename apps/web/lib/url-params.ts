// The one way pages read and write their filters in the address (?stage=qualified&q=…): the
// dashboard, the inbox, the CRM lists, the deals board. Reading drops what is malformed (an edited
// or stale link shows the filter's default instead of failing); writing leaves out blank values
// and keeps the address's other parameters.

import { isUuid } from "@vendaflow/validators/uuid";

/** What a page receives as `searchParams` (a repeated key is an array). */
export type Params = Record<string, string | string[] | undefined>;

/** The value of `key`; "" when absent or repeated (?q=a&q=b says nothing clear, so it is ignored). */
export function one(params: Params, key: string): string {
  const v = params[key];
  return typeof v === "string" ? v : "";
}

/** `v` when it is one of `allowed`, else "". */
export const oneOf = <T extends string>(v: string, allowed: readonly T[]): T | "" => ((allowed as readonly string[]).includes(v) ? (v as T) : "");

/** `v` when it is a UUID, else "". */
export const idOrBlank = (v: string): string => (isUuid(v) ? v : "");

/** A calendar day "YYYY-MM-DD" (a real one), else "". */
export function dayOrBlank(v: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) return "";
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v ? v : "";
}

/** A whole number from 0 to `max` written in digits, else "". */
export const countOrBlank = (v: string, max: number): string => (/^\d{1,9}$/.test(v) && Number(v) <= max ? String(Number(v)) : "");

/** A URL's query as Params (for a client reading `useSearchParams()` or `location.search`). */
export function paramsOf(search: URLSearchParams): Params {
  const out: Params = {};
  for (const [k, v] of search) {
    const seen = out[k];
    out[k] = seen === undefined ? v : Array.isArray(seen) ? [...seen, v] : [seen, v];
  }
  return out;
}

/** `url` with `values` written in under their names, blank (or null) ones taken out; its other parameters stay. */
export function withParams(url: URL, values: Record<string, string | null | undefined>): URL {
  const next = new URL(url);
  for (const [k, raw] of Object.entries(values)) {
    const v = raw?.trim();
    if (v) next.searchParams.set(k, v);
    else next.searchParams.delete(k);
  }
  return next;
}

/**
 * Puts `url` in the address bar in place of the current entry, without a navigation: Back from a
 * record opened from the list comes back to this address, and a filter change is no step of its own
 * for Back (which would change the address under a list that does not re-read it). Next's router
 * state is kept, so its hooks (useSearchParams) follow.
 */
export function showInAddress(url: URL): void {
  if (url.href !== window.location.href) window.history.replaceState(window.history.state, "", url);
}
