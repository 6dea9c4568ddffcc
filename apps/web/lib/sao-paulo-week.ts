// Weeks in São Paulo time (Monday 00:00 to the next Monday), whatever the browser's zone.
// Brazil has had no daylight saving time since 2019: São Paulo is UTC-3 all year.
const OFFSET_MS = 3 * 3_600_000;
const DAY_MS = 86_400_000;

/** The São Paulo week containing `now`, moved by `offset` weeks: [from, to) as instants. */
export function saoPauloWeek(now: Date, offset = 0): { from: Date; to: Date } {
  const local = new Date(now.getTime() - OFFSET_MS);
  const sinceMonday = (local.getUTCDay() + 6) % 7;
  const mondayLocal = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()) - sinceMonday * DAY_MS + offset * 7 * DAY_MS;
  const from = new Date(mondayLocal + OFFSET_MS);
  return { from, to: new Date(from.getTime() + 7 * DAY_MS) };
}

/** The seven days of a week starting at `from`. */
export const weekDays = (from: Date) => Array.from({ length: 7 }, (_, i) => ({ from: new Date(from.getTime() + i * DAY_MS), to: new Date(from.getTime() + (i + 1) * DAY_MS) }));
