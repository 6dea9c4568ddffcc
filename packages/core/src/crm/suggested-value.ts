import type { FlowBands } from "@vendaflow/validators/flow";

interface BudgetAnswer {
  value: string | number | null;
  optionId?: string;
}

/**
 * A deal's suggested value from the lead's BANT budget, in BRL cents: the amount the lead typed
 * when there is one, else the middle of the band they chose (the lower half of an open bottom
 * band, the floor of an open top band). Null when nothing says how much.
 */
export function suggestedValueCents(budget: BudgetAnswer | undefined, bands: FlowBands | undefined): number | null {
  if (!budget) return null;
  if (typeof budget.value === "number" && Number.isFinite(budget.value) && budget.value > 0) return Math.round(budget.value * 100);
  const range = budget.optionId ? bands?.ranges.find((r) => r.optionId === budget.optionId) : undefined;
  if (!range) return null;
  const reais = range.min !== undefined && range.max !== undefined ? (range.min + range.max) / 2 : range.max !== undefined ? range.max / 2 : (range.min ?? 0);
  return reais > 0 ? Math.round(reais * 100) : null;
}
