import type { RouterOutputs } from "@vendaflow/api/root";
import { brasiliaDate, nationalHolidays, upcomingNationalHolidays } from "@vendaflow/core/privacy/business-days";
import { businessInterval, DEFAULT_TIMEZONE } from "@vendaflow/validators/plain/routing";
import type { BusinessHoursInput } from "@vendaflow/validators/routing";

export type HoursRow = RouterOutputs["routing"]["businessHours"][number];

export interface IntervalDraft {
  key: number;
  /** "HH:MM" as <input type="time"> gives it; a close of "00:00" means midnight ("24:00"). */
  open: string;
  close: string;
}

export interface HolidayDraft {
  key: number;
  date: string;
}

export interface HoursDraft {
  timezone: string;
  /** Index = weekday (0 = Sunday … 6 = Saturday). */
  days: IntervalDraft[][];
  holidays: HolidayDraft[];
}

/** Weekdays in display order: Monday first. */
export const DAY_ORDER = [1, 2, 3, 4, 5, 6, 0] as const;

let nextKey = 1;
const key = () => nextKey++;

export const newInterval = (open = "09:00", close = "18:00"): IntervalDraft => ({ key: key(), open, close });
export const newHoliday = (date = ""): HolidayDraft => ({ key: key(), date });

/**
 * A `date` column reaches the browser as a Date at local midnight of the server's zone (node-pg's
 * parser), or as a string. The nearest UTC midnight is that calendar day for any server zone
 * within ±12h, whatever the browser's zone.
 */
export function isoDay(d: Date | string): string {
  if (typeof d === "string") return d.slice(0, 10);
  const day = 86_400_000;
  return new Date(Math.round(d.getTime() / day) * day).toISOString().slice(0, 10);
}

/** The database default: Monday to Friday, 09:00–18:00, São Paulo. */
export function defaultDraft(): HoursDraft {
  return { timezone: DEFAULT_TIMEZONE, days: [0, 1, 2, 3, 4, 5, 6].map((d) => (d >= 1 && d <= 5 ? [newInterval()] : [])), holidays: [] };
}

export function draftOf(row: HoursRow | undefined): HoursDraft {
  if (!row) return defaultDraft();
  const days: IntervalDraft[][] = [[], [], [], [], [], [], []];
  for (const w of Array.isArray(row.weekly) ? row.weekly : []) {
    const parsed = businessInterval(w);
    if (parsed) days[parsed.day]!.push(newInterval(parsed.open, parsed.close === "24:00" ? "00:00" : parsed.close));
  }
  for (const d of days) d.sort((a, b) => a.open.localeCompare(b.open));
  return { timezone: row.timezone, days, holidays: (row.holidays ?? []).map((h) => newHoliday(isoDay(h))) };
}

const byDate = (a: HolidayDraft, b: HolidayDraft) => (a.date === b.date ? 0 : a.date === "" ? 1 : b.date === "" ? -1 : a.date.localeCompare(b.date));

/**
 * The list plus the national holidays from today to the end of next year it lacks, in date order
 * (rows still without a date last); `added` is how many were new.
 */
export function withNationalHolidays(list: HolidayDraft[], now: Date): { holidays: HolidayDraft[]; added: number } {
  const have = new Set(list.map((h) => h.date));
  const missing = upcomingNationalHolidays(brasiliaDate(now)).filter((h) => !have.has(h.date));
  return { holidays: [...list, ...missing.map((h) => newHoliday(h.date))].sort(byDate), added: missing.length };
}

/** The national holiday on a date ("Natal"), if any. */
export const holidayName = (date: string): string | undefined => (/^\d{4}-\d{2}-\d{2}$/.test(date) ? nationalHolidays(Number(date.slice(0, 4))).get(date) : undefined);

/** Copies a draft with fresh keys (a team starting from the tenant's hours). */
export const cloneDraft = (d: HoursDraft): HoursDraft => ({
  timezone: d.timezone,
  days: d.days.map((list) => list.map((i) => newInterval(i.open, i.close))),
  holidays: d.holidays.map((h) => newHoliday(h.date)),
});

/** The input, and where each entry of `weekly` came from (server issues are keyed "weekly.<n>.close"). */
export function hoursInput(d: HoursDraft, teamId: string | null): { input: BusinessHoursInput; slots: { day: number; index: number }[] } {
  const weekly: BusinessHoursInput["weekly"] = [];
  const slots: { day: number; index: number }[] = [];
  d.days.forEach((list, day) =>
    list.forEach((i, index) => {
      weekly.push({ day, open: i.open, close: i.close === "00:00" ? "24:00" : i.close });
      slots.push({ day, index });
    }),
  );
  return { input: { teamId, timezone: d.timezone, weekly, holidays: d.holidays.map((h) => h.date) }, slots };
}
