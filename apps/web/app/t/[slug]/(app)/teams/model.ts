import type { RouterOutputs } from "@vendaflow/api/root";
import { distributions, leadTiers, tierSla } from "@vendaflow/validators/plain/routing";
import type { Distribution, TierSla } from "@vendaflow/validators/routing";

export type TeamView = RouterOutputs["routing"]["teams"][number];
export type AgentView = RouterOutputs["routing"]["agents"][number];

/** teams.sla_minutes is jsonb: read it defensively (a malformed value shows as "all defaults"). */
export function slaOf(team: Pick<TeamView, "sla_minutes">): TierSla {
  return tierSla(team.sla_minutes) ?? {};
}

export const distributionOf = (value: string): Distribution => ((distributions as readonly string[]).includes(value) ? (value as Distribution) : "round_robin");

export { distributions, leadTiers };

/** "vendas, automação ,, suporte" → ["vendas", "automação", "suporte"] (the server lower-cases and validates). */
export const splitSkills = (text: string) =>
  text
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
