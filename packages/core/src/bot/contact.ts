import { compile, find, words } from "./phrase";
import { matchKey, normalize } from "./normalize";
import { tokens, wordsForEmoji } from "./tokens";

// Contact answers: the name and e-mail steps that precede the BANT questions.

const SKIP = new Set([
  "pular", "pula", "pule", "pulo", "skip", "nao", "nenhum", "nenhuma", "nao tenho", "nao possuo", "nao quero",
  "nao quero informar", "prefiro nao", "prefiro nao informar", "sem email", "sem e mail", "nao tenho email",
  "nao tenho e mail", "pular etapa", "pular pergunta", "proxima",
]);
// Declining in other words ("prefiro não passar", "depois eu passo", "pode ser só o whats").
const SKIP_PHRASES = [
  "=pula essa", "=pula esta", "=pode pular", "prefiro nao ~ passar", "prefiro nao ~ informar", "prefiro nao ~ dar",
  "nao quero ~ passar", "nao quero ~ informar", "nao uso email", "nao uso e mail", "nao tenho email", "=depois eu passo",
  "=depois passo", "=depois eu mando", "=depois te passo", "so o whatsapp", "=pelo whatsapp mesmo", "=so whatsapp",
].map(compile);

/** The lead declined to answer a skippable step ("pular", "não tenho", "prefiro não passar"). */
export function isSkip(text: string): boolean {
  if (SKIP.has(matchKey(text))) return true;
  const w = words(text);
  return w.raw.length <= 8 && SKIP_PHRASES.some((p) => find(w, p));
}

const EMAIL = /^[a-z0-9._%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}$/i;

/** Repairs what phones and voice typing do to addresses: "ana arroba gmail ponto com", "joao @ gmail.com", "maria@gmail,com". */
function repairEmail(text: string): string {
  return text
    .replace(/\s+arroba\s+/gi, "@")
    .replace(/\s+ponto\s+/gi, ".")
    .replace(/\s*@\s*/g, "@")
    .replace(/(@[a-z0-9-]+(?:\.[a-z0-9-]+)*),(com|net|org|br|io)\b/gi, "$1.$2");
}

/** First e-mail in the text ("meu email é Ana@Ex.com.br" → "ana@ex.com.br"), lowercased. */
export function parseEmail(text: string): string | null {
  for (const token of repairEmail(text).split(/[\s,;<>()]+/)) {
    const word = token.replace(/[.!?:]+$/, "");
    if (EMAIL.test(word)) return word.toLowerCase();
  }
  return null;
}

const NAME_PREFIX = /^(?:(?:oi|ola|bom dia|boa tarde|boa noite)[,!.]?\s+)?(?:meu nome e|me chamo|pode me chamar de|(?:eu )?sou(?: o| a)?|aqui e(?: o| a)?|e o|e a)\s+/;
const NAME_SUFFIX = /\s+(?:aqui|falando|na area|na escuta)$/;
const GREETINGS = new Set(["oi", "ola", "bom dia", "boa tarde", "boa noite", "tudo bem", "tudo bom", "e ai", "opa", "sim", "ok", "oi tudo bem", "ola tudo bem", "ola bom dia", "oi bom dia", "oi boa tarde", "ola boa tarde", "oi boa noite"]);
// Words that make a message a question or a request, not a name.
const NOT_NAME = new Set([
  "quero", "queria", "gostaria", "preciso", "saber", "preco", "precos", "valor", "valores", "quanto", "custa", "como", "funciona",
  "informacao", "informacoes", "orcamento", "nao", "obrigado", "obrigada", "voce", "empresa", "produto", "servico", "sistema",
  "mensagem", "whatsapp", "qual", "quais", "porque", "tem", "pode", "vendas", "site", "plano", "planos", "ajuda", "duvida",
]);

/** One candidate piece: the name after "meu nome é", before "aqui", as typed. */
function nameIn(piece: string): string | null {
  const collapsed = piece.replace(/\s+/g, " ").trim();
  const norm = normalize(collapsed);
  const prefix = NAME_PREFIX.exec(norm);
  // normalize() keeps the word count, so prefixes and suffixes are cut from the original text by words.
  let parts = collapsed.split(" ");
  if (prefix) parts = parts.slice(prefix[0].trim().split(" ").length);
  const suffix = NAME_SUFFIX.exec(normalize(parts.join(" ")));
  if (suffix) parts = parts.slice(0, parts.length - suffix[0].trim().split(" ").length);
  // "Renata da clínica": a capitalised name followed by "da/do/de" and a lowercase word is a place, not a surname.
  const place = parts.findIndex((p, i) => i > 0 && PARTICLES.has(p.toLowerCase()) && /^\p{Ll}/u.test(parts[i + 1] ?? "") && /^\p{Lu}/u.test(parts[0]!));
  if (place > 0) parts = parts.slice(0, place);
  const clean = parts.join(" ").replace(/[.!,;]+$/, "").trim();
  if (!clean || clean.length > 80 || clean.split(" ").length > 6) return null;
  if (/[\d@?]/.test(clean) || !/\p{L}/u.test(clean)) return null;
  if (GREETINGS.has(matchKey(clean))) return null;
  if (!prefix && tokens(clean).some((t) => NOT_NAME.has(t))) return null;
  return clean === clean.toLocaleLowerCase("pt-BR") ? capitalize(clean) : clean;
}

const PARTICLES = new Set(["da", "de", "do", "das", "dos", "e"]);

/** "joão pedro da silva" → "João Pedro da Silva"; names typed with any capital are kept as typed. */
function capitalize(name: string): string {
  return name
    .split(" ")
    .map((w, i) => (i > 0 && PARTICLES.has(w) ? w : w.charAt(0).toLocaleUpperCase("pt-BR") + w.slice(1)))
    .join(" ");
}

/**
 * A plausible name: letters, at most 6 words, no digits or e-mail; "Meu nome é Ana" → "Ana",
 * "oi, sou a Fernanda" → "Fernanda", "Rafael Souza, da Souza Móveis" → "Rafael Souza".
 * Greetings and questions around it are skipped; a message that is only a question is not a name.
 */
export function parseName(text: string): string | null {
  const plain = wordsForEmoji(text).replace(/\s+/g, " ").trim();
  if (/\?\s*$/.test(plain) && plain.split(/[,.!?]/).filter((p) => p.trim()).length === 1) return null;
  const whole = nameIn(plain);
  if (whole && !/[,!?]/.test(plain.replace(/[.!,;]+$/, ""))) return whole;
  for (const piece of plain.split(/[,!?]|\.(?=\s|$)/)) {
    if (!piece.trim() || GREETINGS.has(matchKey(piece))) continue;
    return nameIn(piece);
  }
  return null;
}
