import { saoPauloDay } from "@/lib/dates";

// Kept free of validators' runtime (zod): this module is in the dashboard's first load.

/** The dashboard's period presets, in days ending today (São Paulo). */
export const PRESETS = ["7", "30", "90", "365"] as const;
export type Preset = (typeof PRESETS)[number];

/** The last `preset` days up to and including today in São Paulo. */
export function presetRange(preset: Preset, now: Date): { from: string; to: string } {
  const to = saoPauloDay(now);
  const start = new Date(`${to}T12:00:00Z`);
  start.setUTCDate(start.getUTCDate() - (Number(preset) - 1));
  return { from: start.toISOString().slice(0, 10), to };
}
