import type { RequestKind } from "@vendaflow/validators/privacy";

/**
 * A data subject request written in a conversation (LGPD art. 18: "quero meus dados", "apague meus
 * dados"). Pure: the message text in, the request kind out, or null when the message is not one.
 * Accents, case and punctuation are ignored. Only short messages that say it plainly count: a
 * request is a legal act, so a sentence that merely mentions data ("meus dados estão no site")
 * or negates it ("não apague meus dados") goes on to the bot.
 */

/** Longer messages are conversation, not a request (the page form takes details). */
export const INTENT_MAX_CHARS = 200;

export function normaliseIntentText(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9@]+/g, " ")
    .trim();
}

// The subject's data, as people say it: "meus dados", "meus dados pessoais", "minhas informações",
// "meu cadastro", "os dados que vocês têm de mim".
const MY_DATA = String.raw`(?:(?:os |todos os )?meus dados(?: pessoais)?|(?:as |todas as )?minhas informacoes(?: pessoais)?|meu cadastro|meu registro|(?:os )?dados (?:pessoais )?(?:que voces tem )?(?:de mim|sobre mim|meus))`;

const RULES: readonly { kind: RequestKind; re: RegExp }[] = [
  // Deletion before anything else: "apague / exclua / delete / remova / elimine meus dados".
  { kind: "deletion", re: new RegExp(String.raw`\b(?:apag\w*|exclu\w*|delet\w*|remov\w*|elimin\w*)\b(?: \w+){0,3} ${MY_DATA}\b`) },
  { kind: "deletion", re: new RegExp(String.raw`\b(?:exclusao|eliminacao|remocao) (?:d[oa]s? )?${MY_DATA}\b`) },
  { kind: "anonymisation", re: new RegExp(String.raw`\banonimi\w*\b(?: \w+){0,3} ${MY_DATA}\b`) },
  {
    kind: "revocation",
    re: /\b(?:revog\w*|retir\w*|cancel\w*)\b(?: \w+){0,2} (?:o |meu |o meu )?consentimento\b|\brevogacao (?:d[oe] )?(?:meu )?consentimento\b|\bnao (?:autorizo|consinto) mais\b/,
  },
  { kind: "correction", re: new RegExp(String.raw`\b(?:corrig\w*|corrij\w*|atualiz\w*|retific\w*|alter\w*)\b(?: \w+){0,2} ${MY_DATA}\b|\bcorrecao (?:d[oa]s? )?${MY_DATA}\b`) },
  { kind: "portability", re: new RegExp(String.raw`\bportabilidade\b(?: \w+){0,3}(?: ${MY_DATA}| dados)?`) },
  { kind: "automated_review", re: /\b(?:criterios?|revisao) (?:d[ao] )?(?:minha )?(?:pontuacao|nota|score)\b/ },
  { kind: "confirmation", re: new RegExp(String.raw`\bvoces (?:tem|guardam|tratam|armazenam|usam) ${MY_DATA}\b`) },
  { kind: "sharing_info", re: new RegExp(String.raw`\bcom quem (?:voces )?compartilha\w* ${MY_DATA}\b`) },
  // Access last: "quero meus dados", "acesso aos meus dados", "cópia dos meus dados", "meus dados pessoais".
  {
    kind: "access",
    re: new RegExp(String.raw`\b(?:quero|queria|gostaria de|preciso|pe[cd]o|solicito|solicitar|me (?:envie|mande|manda)|enviem|mandem|ver|acessar|receber|baixar)\b(?: \w+){0,3} ${MY_DATA}\b|\b(?:acesso|copia)\b (?:a |aos |d[oa]s? )?${MY_DATA}\b|^${MY_DATA}$|\bmeus dados pessoais\b|\blgpd\b(?: \w+){0,3} ${MY_DATA}\b`),
  },
];

// "não apague", "nunca exclua", "sem apagar": a negated request is not one.
const NEGATED = /\b(?:nao|nunca|sem|jamais) (?:\w+ )?(?:apag|exclu|delet|remov|elimin|anonimi|revog|retir|cancel|quero|preciso|corrig|atualiz)/;

export function privacyIntentOf(text: string | null | undefined): RequestKind | null {
  if (!text || text.length > INTENT_MAX_CHARS) return null;
  const t = normaliseIntentText(text);
  if (!t || NEGATED.test(t)) return null;
  for (const r of RULES) if (r.re.test(t)) return r.kind;
  return null;
}
