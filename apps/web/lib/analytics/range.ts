import { ANALYTICS_TIME_ZONE } from "@vendaflow/validators/analytics";

/** The dashboard's period presets, in days ending today (São Paulo). */
export const PRESETS = ["7", "30", "90", "365"] as const;
export type Preset = (typeof PRESETS)[number];

const dayFormat = new Intl.DateTimeFormat("en-CA", { timeZone: ANALYTICS_TIME_ZONE, year: "numeric", month: "2-digit", day: "2-digit" });

/** The São Paulo calendar day of an instant, "2026-12-01". */
export const saoPauloDay = (at: Date) => dayFormat.format(at);

/** The last `preset` days up to and including today in São Paulo. */
export function presetRange(preset: Preset, now: Date): { from: string; to: string } {
  const to = saoPauloDay(now);
  const start = new Date(`${to}T12:00:00Z`);
  start.setUTCDate(start.getUTCDate() - (Number(preset) - 1));
  return { from: start.toISOString().slice(0, 10), to };
}
