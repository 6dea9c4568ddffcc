import { parseAmount } from "./parse-amount";

export { parseBrazilianNumber } from "./number-words";

/** Monthly amount in reais, or null when the text holds no number. A range gives its midpoint. */
export function parseBudget(text: string): number | null {
  return parseAmount(text)?.value ?? null;
}
