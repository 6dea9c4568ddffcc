import type { FlowBands } from "@vendaflow/validators/flow";

/** Option whose band holds the amount, honouring the flow's boundary rule; first match wins. */
export function bandOptionId(bands: FlowBands, amount: number): string | undefined {
  const lowerInclusive = bands.boundary === "lower_inclusive";
  const range = bands.ranges.find(
    (r) =>
      (r.min === undefined || (lowerInclusive ? amount >= r.min : amount > r.min)) &&
      (r.max === undefined || (lowerInclusive ? amount < r.max : amount <= r.max)),
  );
  return range?.optionId;
}
