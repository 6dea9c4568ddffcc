import { LEMMAS } from "./lexicon/lemmas";
import { editDistance, stem } from "./stem";
import { tokens } from "./tokens";

// Phrase rules ("bato o martelo", "preciso ~ aprovacao") matched against the lead's words,
// across inflections, small typos and negation. In a rule, "*" is any one word and "~" up to
// three words. Rules are compiled once; the answer is tokenized and stemmed once per message.

export interface Words {
  raw: string[];
  stems: string[];
  /** Words that may fuzz: not pinned to a lemma, no digits. */
  fuzzy: boolean[];
  /** Word positions by first letter: a rule word only ever matches a word with its first letter. */
  byInitial: Map<string, number[]>;
}

interface RuleWord {
  raw: string;
  stem: string;
  fuzzy: boolean;
}

type Part = RuleWord | "*" | "~";

export interface Phrase {
  text: string;
  parts: Part[];
  /** Words counted for specificity (gaps excluded). */
  size: number;
  negative: boolean;
  /** "!phrase": wins over longer phrases of other meanings. */
  strong: boolean;
  /** "=phrase": only when it is the whole answer. */
  whole: boolean;
}

export interface Hit {
  phrase: Phrase;
  start: number;
  end: number;
  /** The lead's own words that matched, for explanations. */
  evidence: string;
}

const NEGATIONS = new Set(["nao", "nem", "nunca", "jamais"]);

// One message is read by several rules (intents, options, keywords…): keep the last one read.
let last: { text: string; words: Words } | null = null;

export function words(text: string): Words {
  if (last?.text === text) return last.words;
  const w = read(text);
  last = { text, words: w };
  return w;
}

function read(text: string): Words {
  const raw = tokens(text);
  const byInitial = new Map<string, number[]>();
  raw.forEach((word, i) => {
    const at = byInitial.get(word[0]!);
    if (at) at.push(i);
    else byInitial.set(word[0]!, [i]);
  });
  // A word pinned to its own lemma ("conversa") never stands in for a near spelling ("conversão").
  return { raw, stems: raw.map(stem), fuzzy: raw.map((word) => !LEMMAS[word] && !/\d/.test(word)), byInitial };
}

export function compile(source: string): Phrase {
  const strong = source.startsWith("!");
  const whole = source.startsWith("=");
  const text = strong || whole ? source.slice(1) : source;
  const parts: Part[] = tokens(text.replace(/[~*]/g, (g) => (g === "~" ? " zzgap " : " zzany "))).map((w) =>
    w === "zzgap" ? "~" : w === "zzany" ? "*" : { raw: w, stem: stem(w), fuzzy: !/\d/.test(w) },
  );
  const first = parts[0];
  const size = parts.filter((p) => typeof p !== "string").length;
  return { text, parts, size, negative: typeof first === "object" && NEGATIONS.has(first.raw), strong, whole };
}

function same(w: Words, i: number, r: RuleWord): boolean {
  const raw = w.raw[i]!;
  if (raw === r.raw || w.stems[i] === r.stem) return true;
  if (!w.fuzzy[i] || !r.fuzzy || raw[0] !== r.raw[0]) return false;
  const len = Math.min(raw.length, r.raw.length);
  const allowed = len < 5 ? 0 : len < 8 ? 1 : 2;
  return allowed > 0 && editDistance(raw, r.raw, allowed) <= allowed;
}

/** End index (exclusive) of a match of parts[k..] starting at word i, or -1. */
function matchFrom(w: Words, parts: Part[], k: number, i: number): number {
  if (k === parts.length) return i;
  const part = parts[k]!;
  if (part === "~") {
    for (let skip = 0; skip <= 3 && i + skip <= w.raw.length; skip++) {
      const end = matchFrom(w, parts, k + 1, i + skip);
      if (end >= 0) return end;
    }
    return -1;
  }
  if (i >= w.raw.length) return -1;
  if (part === "*" || same(w, i, part)) return matchFrom(w, parts, k + 1, i + 1);
  return -1;
}

/** "não", or "não sou", "não é", "nem eu" right before the match. */
function negated(w: Words, start: number): boolean {
  const a = w.raw[start - 1];
  const b = w.raw[start - 2];
  if (a && NEGATIONS.has(a)) return true;
  return !!b && NEGATIONS.has(b) && (a === "sou" || a === "e" || a === "eu" || a === "foi" || a === "esta" || a === "me" || a === "tenho");
}

/** First non-negated occurrence of the phrase, or null. */
function starts(w: Words, phrase: Phrase): Iterable<number> {
  const first = phrase.parts[0];
  if (typeof first !== "object") return w.raw.keys();
  return w.byInitial.get(first.raw[0]!) ?? [];
}

export function find(w: Words, phrase: Phrase): Hit | null {
  // A rule with no words (a tenant synonym of punctuation only, "?") would match every answer.
  if (!phrase.size) return null;
  for (const i of starts(w, phrase)) {
    if (phrase.whole && i > 0) break;
    const end = matchFrom(w, phrase.parts, 0, i);
    if (end < 0 || (phrase.whole && end !== w.raw.length)) continue;
    if (!phrase.negative && negated(w, i)) continue;
    return { phrase, start: i, end, evidence: w.raw.slice(i, end).join(" ") };
  }
  return null;
}

/** How much a hit counts: strong phrases first, then the number of words. */
export const weight = (p: Phrase) => p.size + (p.strong ? 100 : 0);

/** The heaviest phrase found, earliest on ties; null when none. */
export function best(w: Words, phrases: Phrase[]): Hit | null {
  let top: Hit | null = null;
  for (const p of phrases) {
    if (top && weight(p) < weight(top.phrase)) continue;
    const hit = find(w, p);
    if (hit && (!top || weight(p) > weight(top.phrase) || hit.start < top.start)) top = hit;
  }
  return top;
}
