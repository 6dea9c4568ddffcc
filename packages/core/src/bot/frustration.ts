import { FRUSTRATION_PHRASES } from "./lexicon/intents";
import { compile, find, type Words } from "./phrase";

const PHRASES = FRUSTRATION_PHRASES.map(compile);
const ANGRY_EMOJI = /[\u{1F620}\u{1F621}\u{1F624}\u{1F92C}\u{1F644}\u{1F612}]/u;

/** Evidence that the lead is losing patience ("!!!", shouting, insults, "já respondi"), or null. */
export function frustrationSignal(text: string, w: Words): string | null {
  if (/!{3,}/.test(text)) return "!!!";
  const letters = text.replace(/[^\p{L}]/gu, "");
  const upper = letters.replace(/[^\p{Lu}]/gu, "");
  if (letters.length >= 6 && upper.length / letters.length >= 0.8) return "MAIÚSCULAS";
  const emoji = ANGRY_EMOJI.exec(text);
  if (emoji) return emoji[0];
  for (const p of PHRASES) {
    const hit = find(w, p);
    if (hit) return hit.evidence;
  }
  return null;
}
