import { matchKey, normalize } from "./normalize";

// Contact answers: the name and e-mail steps that precede the BANT questions.

const SKIP = new Set([
  "pular", "pula", "pule", "pulo", "skip", "nao", "nenhum", "nenhuma", "nao tenho", "nao possuo", "nao quero",
  "nao quero informar", "prefiro nao", "prefiro nao informar", "sem email", "sem e mail", "nao tenho email",
  "nao tenho e mail", "pular etapa", "pular pergunta", "proxima",
]);

/** The lead declined to answer a skippable step ("pular", "não tenho"). */
export function isSkip(text: string): boolean {
  return SKIP.has(matchKey(text));
}

const EMAIL = /^[a-z0-9._%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}$/i;

/** First e-mail in the text ("meu email é Ana@Ex.com.br" → "ana@ex.com.br"), lowercased. */
export function parseEmail(text: string): string | null {
  for (const token of text.split(/[\s,;<>()]+/)) {
    const word = token.replace(/[.!?:]+$/, "");
    if (EMAIL.test(word)) return word.toLowerCase();
  }
  return null;
}

const NAME_PREFIX = /^(?:(?:oi|ola|bom dia|boa tarde|boa noite)[,!.]?\s+)?(?:meu nome e|me chamo|pode me chamar de|(?:eu )?sou(?: o| a)?|aqui e(?: o| a)?)\s+/;
const GREETINGS = new Set(["oi", "ola", "bom dia", "boa tarde", "boa noite", "tudo bem", "e ai", "opa", "sim", "ok"]);

/** A plausible name: letters, at most 6 words, no digits or e-mail; "Meu nome é Ana" → "Ana". */
export function parseName(text: string): string | null {
  const collapsed = text.replace(/\s+/g, " ").trim();
  const prefix = NAME_PREFIX.exec(normalize(collapsed));
  // normalize() keeps the word count, so the prefix is cut from the original text by words.
  const name = prefix ? collapsed.split(" ").slice(prefix[0].trim().split(" ").length).join(" ") : collapsed;
  const clean = name.replace(/[.!,;]+$/, "").trim();
  if (!clean || clean.length > 80 || clean.split(" ").length > 6) return null;
  if (/[\d@]/.test(clean) || !/\p{L}/u.test(clean)) return null;
  if (GREETINGS.has(matchKey(clean))) return null;
  return clean;
}
