// A CRM list's creation-day filter (view filters `from` / `to`, "YYYY-MM-DD"): São Paulo days, as
// the dashboard's (core/analytics/scope.ts rangeStart / rangeEnd), so a list opened from a chart
// counts the same deals. Pure, for the list, its chip and the tests.

import { saoPauloDayStart } from "@/lib/dates";

const isDay = (v: string | undefined): v is string => /^\d{4}-\d{2}-\d{2}$/.test(v ?? "");

/** The list query's instants: from the start of `from` to the start of the day after `to` (createdTo is exclusive). */
export function createdRange(from: string | undefined, to: string | undefined): { createdFrom?: string; createdTo?: string } {
  return {
    createdFrom: isDay(from) ? saoPauloDayStart(from).toISOString() : undefined,
    createdTo: isDay(to) ? saoPauloDayStart(to, 1).toISOString() : undefined,
  };
}

/**
 * The chip's period: "01/11 – 30/11", with the years ("01/12/2025 – 31/01/2026") unless both days
 * are in `currentYear`; one side only: { from } or { to }. Null without a day.
 */
export function createdRangeLabel(from: string | undefined, to: string | undefined, currentYear: number): { from?: string; to?: string } | null {
  const days = [from, to].filter(isDay);
  if (!days.length) return null;
  const short = days.every((d) => Number(d.slice(0, 4)) === currentYear);
  const fmt = (d: string) => (short ? `${d.slice(8, 10)}/${d.slice(5, 7)}` : `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`);
  return { from: isDay(from) ? fmt(from) : undefined, to: isDay(to) ? fmt(to) : undefined };
}
