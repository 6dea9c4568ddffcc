import { minutesOfDay, type BusinessInterval } from "@vendaflow/validators/routing";

/**
 * Business hours in a time zone, with holidays. Pure: local wall time is read with Intl, so any
 * IANA zone works (DST included) without a date library. `null` hours mean "always open" (a
 * tenant that configured none).
 */
export interface BusinessHours {
  timezone: string;
  /** Day 0 = Sunday … 6 = Saturday; "HH:MM" local, close exclusive, "24:00" = midnight. */
  weekly: BusinessInterval[];
  /** Local dates "YYYY-MM-DD" closed all day. */
  holidays: string[];
}

/** How far ahead to look for an opening before giving up (a schedule with no open day at all). */
const HORIZON_DAYS = 400;
const MINUTE = 60_000;

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export interface LocalTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** Wall-clock time of an instant in a zone. */
export function localTime(date: Date, timeZone: string): LocalTime {
  const out: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(date)) if (p.type !== "literal") out[p.type] = Number(p.value);
  return { year: out.year!, month: out.month!, day: out.day!, hour: out.hour! % 24, minute: out.minute!, second: out.second! };
}

/** Zone offset at an instant, in ms (local wall time read as UTC, minus the instant). */
function offsetMs(epochMs: number, timeZone: string): number {
  const whole = Math.floor(epochMs / 1000) * 1000;
  const l = localTime(new Date(whole), timeZone);
  return Date.UTC(l.year, l.month - 1, l.day, l.hour, l.minute, l.second) - whole;
}

/**
 * The instant at which a zone's clock shows `minutes` after midnight of a local date (minutes may
 * be 1440 = the next midnight). Inside a DST gap the result lands within the hour around it.
 */
export function zonedInstant(year: number, month: number, day: number, minutes: number, timeZone: string): number {
  const wall = Date.UTC(year, month - 1, day, 0, minutes);
  const guess = wall - offsetMs(wall, timeZone);
  // The offset at the guess can differ when a transition lies between; one correction settles it.
  return wall - offsetMs(guess, timeZone);
}

const pad = (n: number) => String(n).padStart(2, "0");

interface Interval {
  start: number;
  end: number;
}

/** Open intervals (epoch ms) of one local calendar date, sorted and merged. */
function dayIntervals(hours: BusinessHours, year: number, month: number, day: number): Interval[] {
  const cal = new Date(Date.UTC(year, month - 1, day));
  const y = cal.getUTCFullYear();
  const m = cal.getUTCMonth() + 1;
  const d = cal.getUTCDate();
  if (hours.holidays.includes(`${y}-${pad(m)}-${pad(d)}`)) return [];
  const weekday = cal.getUTCDay();
  const spans = hours.weekly
    .filter((w) => w.day === weekday)
    .map((w) => [minutesOfDay(w.open), minutesOfDay(w.close)] as const)
    .filter(([o, c]) => c > o)
    .sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const [o, c] of spans) {
    const last = merged.at(-1);
    if (last && o <= last[1]) last[1] = Math.max(last[1], c);
    else merged.push([o, c]);
  }
  return merged.map(([o, c]) => ({ start: zonedInstant(y, m, d, o, hours.timezone), end: zonedInstant(y, m, d, c, hours.timezone) }));
}

/** Open intervals that end after `from`, in order; `start` is clipped to `from`, `opensAt` is not. */
function* openIntervalsFrom(from: number, hours: BusinessHours): Generator<Interval & { opensAt: number }> {
  const l = localTime(new Date(from), hours.timezone);
  for (let k = 0; k <= HORIZON_DAYS; k++) {
    for (const i of dayIntervals(hours, l.year, l.month, l.day + k)) {
      if (i.end <= from) continue;
      yield { start: Math.max(i.start, from), end: i.end, opensAt: i.start };
    }
  }
}

/** Whether the business is open at `date` (holidays closed; close time exclusive). */
export function isWithinBusinessHours(date: Date, hours: BusinessHours | null): boolean {
  if (!hours) return true;
  const t = date.getTime();
  const first = openIntervalsFrom(t, hours).next();
  return !first.done && first.value.opensAt <= t;
}

/** `date` itself when open, else the next opening; null when the schedule never opens. */
export function nextBusinessOpening(date: Date, hours: BusinessHours | null): Date | null {
  if (!hours) return date;
  const first = openIntervalsFrom(date.getTime(), hours).next();
  return first.done ? null : new Date(first.value.start);
}

/**
 * The instant `minutes` business minutes after `start`: time outside business hours (nights,
 * weekends, holidays) does not count. A schedule that never opens falls back to wall-clock minutes.
 */
export function addBusinessMinutes(start: Date, minutes: number, hours: BusinessHours | null): Date {
  if (!hours) return new Date(start.getTime() + minutes * MINUTE);
  let remaining = Math.max(0, minutes) * MINUTE;
  for (const i of openIntervalsFrom(start.getTime(), hours)) {
    const available = i.end - i.start;
    if (remaining <= available) return new Date(i.start + remaining);
    remaining -= available;
  }
  return new Date(start.getTime() + minutes * MINUTE);
}
