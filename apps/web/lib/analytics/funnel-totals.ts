import type { RouterOutputs } from "@vendaflow/api/root";

type Stage = RouterOutputs["analytics"]["salesFunnel"]["stages"][number];

export interface FunnelTotal {
  kind: "open" | "won" | "lost";
  deals: number;
  valueCents: number;
}

/**
 * The funnel's deals summed by outcome: open, won and lost each on their own, since one total
 * with the lost deals in it overstated the pipeline a manager has in hand. Outcomes with no deal
 * are left out.
 */
export function funnelTotals(stages: readonly Pick<Stage, "kind" | "deals" | "valueCents">[]): FunnelTotal[] {
  return (["open", "won", "lost"] as const)
    .map((kind) => {
      const of = stages.filter((s) => s.kind === kind);
      return { kind, deals: of.reduce((n, s) => n + s.deals, 0), valueCents: of.reduce((n, s) => n + s.valueCents, 0) };
    })
    .filter((t) => t.deals > 0);
}
