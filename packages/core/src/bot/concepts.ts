import { CONCEPTS } from "./lexicon/concepts";
import { best, compile, weight, type Hit, type Phrase, type Words } from "./phrase";

export interface ConceptHit {
  id: string;
  /** Position in lexicon/concepts.ts: the tie-break. */
  rank: number;
  horizon?: number;
  hit: Hit;
  weight: number;
}

const COMPILED = CONCEPTS.map((c, rank) => ({ id: c.id, rank, horizon: c.horizon, phrases: c.phrases.map(compile) }));

/** The best hit of every concept present in the words, heaviest first, lexicon order on ties. */
export function conceptHits(w: Words): ConceptHit[] {
  const hits: ConceptHit[] = [];
  for (const c of COMPILED) {
    const hit = best(w, c.phrases);
    if (hit) hits.push({ id: c.id, rank: c.rank, horizon: c.horizon, hit, weight: weight(hit.phrase) });
  }
  return hits.sort((a, b) => b.weight - a.weight || a.rank - b.rank);
}

/** Compiled phrases, cached per source list (flows and their options are immutable once loaded). */
const compiledLists = new WeakMap<readonly string[], Phrase[]>();
export function compiled(list: readonly string[]): Phrase[] {
  let c = compiledLists.get(list);
  if (!c) compiledLists.set(list, (c = list.map(compile)));
  return c;
}
