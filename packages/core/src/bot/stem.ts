import { LEMMAS } from "./lexicon/lemmas";

// A light Portuguese stemmer for matching keywords and phrases across inflections ("vendas",
// "vender", "vendedor" → "vend"; "qualificação", "qualificar" → "qualific"). Deliberately
// conservative; words it would conflate wrongly are pinned in lexicon/lemmas.ts.

const PLURALS: [string, string][] = [
  ["oes", "ao"], ["aes", "ao"], ["ais", "al"], ["eis", "el"], ["ois", "ol"], ["res", "r"], ["zes", "z"], ["les", "l"], ["ns", "m"], ["s", ""],
];

// Longest first; a suffix is removed only if at least MIN_STEM letters remain.
const SUFFIXES = [
  "izacoes", "izacao", "amente", "imento", "amento", "izando", "izado", "izada", "acoes", "acao", "ucao", "encia", "ancia", "mente", "idade",
  "adora", "edora", "ador", "edor", "idor", "izar", "izou", "izam", "iza", "ando", "endo", "indo", "amos", "emos", "imos",
  "ado", "ada", "ido", "ida", "avel", "ivel", "ista", "ismo", "oso", "osa", "ar", "er", "ir", "ou", "eu", "iu", "am", "em", "ao", "a", "e", "o",
].sort((a, b) => b.length - a.length);

const MIN_STEM = 3;

export function stem(word: string): string {
  if (word.length <= 3 || /\d/.test(word)) return word;
  const pinned = LEMMAS[word];
  if (pinned) return pinned;
  let w = word;
  if (w.length > 4 && !w.endsWith("ss") && !w.endsWith("us")) {
    const plural = PLURALS.find(([end]) => w.endsWith(end));
    if (plural) w = w.slice(0, -plural[0].length) + plural[1];
  }
  const singular = LEMMAS[w];
  if (singular) return singular;
  const suffix = SUFFIXES.find((s) => w.endsWith(s) && w.length - s.length >= MIN_STEM);
  return suffix ? w.slice(0, -suffix.length) : w;
}

/** Optimal string alignment distance, stopping early once it exceeds `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2]! + 1);
      row.push(d);
      best = Math.min(best, d);
    }
    if (best > max) return max + 1;
    prev2 = prev;
    prev = row;
  }
  return prev[b.length]!;
}

/** Typos tolerated by length: none under 5 letters, one up to 7, two from 8. Pinned words never fuzz. */
export function sameWord(answer: string, rule: string): boolean {
  if (answer === rule) return true;
  if (stem(answer) === stem(rule)) return true;
  if (LEMMAS[answer] || LEMMAS[rule] || /\d/.test(answer) || /\d/.test(rule)) return false;
  const len = Math.min(answer.length, rule.length);
  const allowed = len < 5 ? 0 : len < 8 ? 1 : 2;
  return allowed > 0 && answer[0] === rule[0] && editDistance(answer, rule, allowed) <= allowed;
}
