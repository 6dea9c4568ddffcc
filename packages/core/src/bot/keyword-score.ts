import type { FlowKeyword } from "@vendaflow/validators/flow";
import { containsPhrase, matchKey } from "./normalize";

/** Sum of every keyword found as a whole word/phrase, accents and case ignored; each counts once. */
export function keywordScore(text: string, keywords: FlowKeyword[] = []): number {
  const key = matchKey(text);
  return keywords.reduce((sum, k) => (containsPhrase(key, matchKey(k.keyword)) ? sum + k.score : sum), 0);
}
