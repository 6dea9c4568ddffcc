import { compile, find, words, type Phrase, type Words } from "./phrase";
import { HELP_PHRASES, HUMAN_PHRASES, OPT_OUT_PHRASES, RESTART_PHRASES } from "./lexicon/intents";

export type Intent = "opt_out" | "human" | "restart" | "help";

export interface IntentReading {
  intent: Intent;
  /** The words that made it a command. */
  evidence: string;
}

// Checked before any answer is read, at every step, in this order: an opt-out wins over
// everything (WhatsApp policy and the LGPD). Short commands must be the whole message (give or
// take politeness) so answers such as "preciso de ajuda com vendas" or the surname "Pessoa" are
// not mistaken for commands; longer phrasings ("para de me mandar mensagem", "dá pra eu falar com
// alguém de verdade?") are found anywhere in the message.
const POLITE = String.raw`(?:(?:oi|ola|eu|entao|olha|ei|por favor|quero|queria|gostaria de|preciso de|preciso|prefiro|pode|podemos|vamos|da para|voce pode|me) )*`;
const PLEASE = String.raw`(?: por favor| obrigado| obrigada| agora| ja)*`;
const ARTICLE = String.raw`(?:um |uma |o |a |algum |alguma |com )?`;
const HUMAN_WORDS = String.raw`(?:humano|humana|atendente|pessoa|pessoa real|vendedor|vendedora|consultor|consultora|alguem|atendimento)`;

const WHOLE: [Intent, RegExp][] = [
  ["opt_out", new RegExp(`^${POLITE}(?:parar|pare|para|parem|sair|stop|cancelar|cancela|descadastrar|descadastro|remover|remove|excluir|chega|basta)${PLEASE}$`)],
  ["human", new RegExp(`^${POLITE}(?:falar com ${ARTICLE}${HUMAN_WORDS}|${ARTICLE}${HUMAN_WORDS}|atendimento humano|chamar ${ARTICLE}${HUMAN_WORDS})${PLEASE}$`)],
  ["restart", new RegExp(`^${POLITE}(?:recomecar|reiniciar|comecar de novo|comecar do zero|recomeca|reinicia)${PLEASE}$`)],
  ["help", new RegExp(`^${POLITE}(?:ajuda|ajude|me ajuda|help|socorro|nao entendi|como funciona)${PLEASE}$`)],
];

const CONTAINED: [Intent, Phrase[]][] = [
  ["opt_out", OPT_OUT_PHRASES.map(compile)],
  ["human", HUMAN_PHRASES.map(compile)],
  ["restart", RESTART_PHRASES.map(compile)],
  ["help", HELP_PHRASES.map(compile)],
];

/** The command in the message, if any; `w` lets a caller reuse words it already read. */
export function readIntent(text: string, w: Words = words(text)): IntentReading | null {
  if (/^\s*\?+\s*$/.test(text)) return { intent: "help", evidence: "?" };
  const key = w.raw.join(" ");
  if (!key) return null;
  for (const [intent, phrases] of CONTAINED) {
    const whole = WHOLE.find(([i]) => i === intent)![1];
    // "pra já" is "right away" (also after "então,", "olha"…); only "para já" can be "stop now".
    const rightAway = intent === "opt_out" && /(?:^|[\s,.!])pra\s+j[aá](?!\p{L})/iu.test(text);
    if (whole.test(key) && !rightAway) return { intent, evidence: key };
    for (const p of phrases) {
      const hit = find(w, p);
      if (hit) return { intent, evidence: hit.evidence };
    }
  }
  return null;
}

export function detectIntent(text: string): Intent | null {
  return readIntent(text)?.intent ?? null;
}
