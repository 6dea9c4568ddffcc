// routing.ts's plain values (no zod): what client components import, so their bundles stay free of zod.
// routing.ts re-exports them; the schemas there are built from them.

export const availabilities = ["online", "away", "offline"] as const;

export const distributions = ["round_robin", "least_busy", "skill_based", "manual"] as const;

export const leadTiers = ["hot", "warm", "cold"] as const;

export const DEFAULT_TIMEZONE = "America/Sao_Paulo";

export const hhmm = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;
/** "HH:MM" → minutes after midnight ("24:00" = 1440). */
export const minutesOfDay = (s: string) => Number(s.slice(0, 2)) * 60 + Number(s.slice(3, 5));

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const slaMinutes = (v: unknown) => Number.isSafeInteger(v) && (v as number) >= 1 && (v as number) <= 43_200;

/**
 * teams.sla_minutes read without zod, for the browser: what `tierSlaSchema.safeParse(value)`
 * gives, or null where it fails (routing.test.ts holds the two to the same answers).
 */
export function tierSla(value: unknown): { hot?: number; warm?: number; cold?: number } | null {
  if (!isRecord(value)) return null;
  const out: { hot?: number; warm?: number; cold?: number } = {};
  for (const tier of leadTiers) {
    const v = value[tier];
    if (v === undefined) continue;
    if (!slaMinutes(v)) return null;
    out[tier] = v as number;
  }
  return out;
}

/**
 * One stored weekly interval read without zod, for the browser: what
 * `businessIntervalSchema.safeParse(value)` gives, or null where it fails.
 */
export function businessInterval(value: unknown): { day: number; open: string; close: string } | null {
  if (!isRecord(value)) return null;
  const { day, open, close } = value;
  if (!Number.isSafeInteger(day) || (day as number) < 0 || (day as number) > 6) return null;
  if (typeof open !== "string" || typeof close !== "string" || !hhmm.test(open) || !hhmm.test(close)) return null;
  if (minutesOfDay(close) <= minutesOfDay(open)) return null;
  return { day: day as number, open, close };
}

export const conditionFields = ["score", "source", "channel", "inbox", "tags", "bant.budget", "bant.authority", "bant.need", "bant.timeline"] as const;
type ConditionField = (typeof conditionFields)[number];

export const conditionOps = ["gte", "lte", "eq", "in", "contains"] as const;
type ConditionOp = (typeof conditionOps)[number];

/**
 * The operators a field takes, in the order the rules editor offers them: greater/less only for the
 * score and BANT answers, "contains" never for the score. ruleConditionSchema (routing.ts) enforces exactly this.
 */
export function conditionOpsFor(field: ConditionField): readonly ConditionOp[] {
  if (field === "score") return ["gte", "lte", "eq", "in"];
  if (field.startsWith("bant.")) return ["eq", "in", "contains", "gte", "lte"];
  return ["eq", "in", "contains"];
}

/** A first-response deadline this close (or closer) is "due soon": the inbox's badge and the team-load view. */
export const SLA_SOON_MINUTES = 5;
