// "Reuniões"' week, status and view, kept in the address (?week=2026-12-14&status=no_show&view=week)
// so that a reload, Back from a lead or a link sent to a colleague shows the same week, not today's.
// The week is named by its Monday (São Paulo): an offset from "this week" would point elsewhere tomorrow.

import { meetingStatuses } from "@vendaflow/validators/plain/scheduling";
import type { MeetingStatus } from "@vendaflow/validators/scheduling";
import { saoPauloDay, saoPauloDayStart } from "./dates";
import { saoPauloWeek } from "./sao-paulo-week";
import { dayOrBlank, one, oneOf, withParams, type Params } from "./url-params";

export interface MeetingsFilters {
  /** Any São Paulo day of the week shown, "YYYY-MM-DD" (written as its Monday); "" for this week. */
  week: string;
  status: MeetingStatus | "";
  view: "list" | "week";
}

/** The filters an address asks for; what is absent or malformed takes its default (this week, every status, the list). */
export function meetingsFiltersFrom(params: Params): MeetingsFilters {
  return { week: dayOrBlank(one(params, "week")), status: oneOf(one(params, "status"), meetingStatuses), view: one(params, "view") === "week" ? "week" : "list" };
}

/** The week the filters show, [from, to) as instants. */
export const meetingsWeekOf = (f: MeetingsFilters, now: Date) => saoPauloWeek(f.week ? saoPauloDayStart(f.week) : now);

/** The `week` value `by` weeks from the one shown: its Monday, or "" when that is this week (the plain address). */
export function movedWeek(f: MeetingsFilters, now: Date, by: number): string {
  const monday = saoPauloDay(saoPauloWeek(meetingsWeekOf(f, now).from, by).from);
  return monday === saoPauloDay(saoPauloWeek(now).from) ? "" : monday;
}

/** `url` with the filters written in, the defaults left out; its other parameters stay. */
export const withMeetingsFilters = (url: URL, f: MeetingsFilters): URL => withParams(url, { week: f.week, status: f.status, view: f.view === "week" ? "week" : "" });
