import { ABBREVIATIONS, EMOJI_WORDS } from "./lexicon/abbreviations";
import { normalize } from "./normalize";

// The lead's words as the rules read them: accents and case dropped, emoji that mean something
// turned into words ("👍" → "sim"), stretched letters squeezed ("simmm" → "sim"), laughter dropped
// and WhatsApp abbreviations expanded ("vc" → "voce", "pq" → "porque").

const EMOJI = new RegExp(
  Object.keys(EMOJI_WORDS)
    .sort((a, b) => b.length - a.length)
    .map((e) => e.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
    .join("|"),
  "gu",
);
const LAUGHTER = /^(?:k{3,}|(?:ha){2,}h?|(?:he){2,}h?|(?:hu){2,}|rs(?:rs)*|ksks\w*|kk)$/;

/** "1️⃣" → "1", meaningful emoji → words, every other pictograph → space. */
export function wordsForEmoji(text: string): string {
  return text
    .replace(/(\d)\uFE0F?\u20E3/gu, "$1")
    .replace(EMOJI, (e) => ` ${EMOJI_WORDS[e] ?? ""} `)
    .replace(/\p{Extended_Pictographic}|[\u{1F3FB}-\u{1F3FF}]|\uFE0F|\u200D/gu, " ");
}

/** Runs of three or more of the same letter become one ("nãooo" → "não"; Portuguese never triples). */
export const squeeze = (word: string) => word.replace(/(\p{L})\1{2,}/gu, "$1");

/** Normalized words with abbreviations expanded; punctuation separates words. */
export function tokens(text: string): string[] {
  const out: string[] = [];
  for (const raw of normalize(wordsForEmoji(text)).split(/[^a-z0-9]+/)) {
    if (!raw || LAUGHTER.test(raw)) continue;
    const word = squeeze(raw);
    const expanded = ABBREVIATIONS[word];
    if (expanded === undefined) out.push(word);
    else if (expanded) out.push(...expanded.split(" "));
  }
  return out;
}

/** tokens() joined by single spaces: the form phrase rules are written against. */
export const tokenKey = (text: string) => tokens(text).join(" ");
