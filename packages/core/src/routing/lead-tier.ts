import type { LeadTier, TierSla } from "@vendaflow/validators/routing";

export type { LeadTier };

export interface TierConfig {
  /** Lowest score of a hot lead. */
  hotMin: number;
  /** Lowest score of a warm lead. */
  warmMin: number;
  /** First-response SLA per tier, in business minutes. */
  minutes: Record<LeadTier, number>;
}

/** Hot (≥ 100) answered in 5 minutes, warm (≥ 70, the default flow's qualifying score) in 30, cold in 4 hours. */
export const defaultTierConfig: TierConfig = { hotMin: 100, warmMin: 70, minutes: { hot: 5, warm: 30, cold: 240 } };

export function leadTier(score: number, cfg: TierConfig = defaultTierConfig): LeadTier {
  if (score >= cfg.hotMin) return "hot";
  if (score >= cfg.warmMin) return "warm";
  return "cold";
}

/** The tier's SLA minutes, a team's override (teams.sla_minutes) winning over the default. */
export function tierSlaMinutes(tier: LeadTier, override: TierSla = {}, cfg: TierConfig = defaultTierConfig): number {
  return override[tier] ?? cfg.minutes[tier];
}

export const tierLabels: Record<LeadTier, string> = { hot: "quente", warm: "morno", cold: "frio" };
