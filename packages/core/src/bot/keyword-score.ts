import type { FlowKeyword, KeywordHit } from "@vendaflow/validators/flow";
import { compiled } from "./concepts";
import { KEYWORD_FAMILIES } from "./lexicon/concepts";
import { best, words, type Words } from "./phrase";
import { stem } from "./stem";
import { tokens } from "./tokens";

// Need keywords match across inflections and small typos ("vendas" ↔ "vender", "automação" ↔
// "automatizar"), and a keyword whose stem has a built-in family also matches its paraphrases
// ("qualificação" ↔ "muito curioso", "leads ruins").

const phraseLists = new Map<string, string[]>();

/** The keyword itself plus its family's phrases, keyed by the keyword text. */
function phrasesFor(keyword: string): string[] {
  let list = phraseLists.get(keyword);
  if (!list) {
    const t = tokens(keyword);
    const family = t.length === 1 ? KEYWORD_FAMILIES[stem(t[0]!)] : undefined;
    list = [keyword, ...(family ?? [])];
    phraseLists.set(keyword, list);
  }
  return list;
}

/** Every keyword found, each once, with the words that matched it. */
export function keywordHits(text: string, keywords: FlowKeyword[] = [], w: Words = words(text)): KeywordHit[] {
  const hits: KeywordHit[] = [];
  for (const k of keywords) {
    const hit = best(w, compiled(phrasesFor(k.keyword)));
    if (hit) hits.push({ keyword: k.keyword, score: k.score, evidence: hit.evidence });
  }
  return hits;
}

/** Sum of every keyword found as a word or phrase, accents, case and inflection ignored; each counts once. */
export function keywordScore(text: string, keywords: FlowKeyword[] = []): number {
  return keywordHits(text, keywords).reduce((sum, k) => sum + k.score, 0);
}
