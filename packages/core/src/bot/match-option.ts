import type { FlowOption, FlowStep } from "@vendaflow/validators/flow";
import { containsPhrase, matchKey } from "./normalize";

/** "2", "2)", "opção 2", "nº 2" → 2; expects a matchKey()'d string. */
export function optionNumber(key: string): number | null {
  const m = /^(?:opcao |numero |n |no |#)?(\d{1,2})$/.exec(key);
  return m?.[1] ? Number(m[1]) : null;
}

function unique<T>(items: T[]): T | undefined {
  return items.length === 1 ? items[0] : undefined;
}

/**
 * Resolves typed text to an option: by number, then exact text or label (accents, case and
 * punctuation ignored), then — unless `exactOnly` — a single option whose words appear in the
 * answer or that contains the answer ("sim" → "Sim, sou o decisor"). Ambiguity gives no match.
 */
export function matchOptionText(options: FlowOption[], text: string, exactOnly = false): FlowOption | undefined {
  const key = matchKey(text);
  if (!key) return undefined;

  const n = optionNumber(key);
  if (n !== null) return options[n - 1];

  const keys = (o: FlowOption) => [matchKey(o.text), matchKey(o.label)];
  const exact = unique(options.filter((o) => keys(o).includes(key)));
  if (exact || exactOnly) return exact;

  const inAnswer = unique(options.filter((o) => keys(o).some((k) => containsPhrase(key, k))));
  if (inAnswer) return inAnswer;
  if (key.length < 3) return undefined;
  return unique(options.filter((o) => keys(o).some((k) => containsPhrase(k, key))));
}

export function findOption(step: FlowStep, optionId: string): FlowOption | undefined {
  return step.options?.find((o) => o.id === optionId);
}
