import { matchKey } from "./normalize";

export type Intent = "opt_out" | "human" | "restart" | "help";

// Checked before any answer is parsed, at every step. Patterns are anchored to the whole message
// (give or take politeness) so answers such as "preciso de ajuda com vendas" or the surname
// "Pessoa" are not mistaken for commands.
const POLITE = String.raw`(?:(?:eu )?(?:quero|queria|gostaria de|preciso de|preciso|prefiro|pode|podemos|vamos|da para|por favor) )*`;
const PLEASE = String.raw`(?: por favor| pf| pfv)?`;
const ARTICLE = String.raw`(?:um |uma |o |a |algum |alguma |com )?`;
const HUMAN_WORDS = String.raw`(?:humano|humana|atendente|pessoa|pessoa real|vendedor|vendedora|consultor|consultora|alguem)`;

const PATTERNS: [Intent, RegExp][] = [
  ["opt_out", new RegExp(`^${POLITE}(?:parar|pare|para|sair|stop|cancelar|cancela|descadastrar)${PLEASE}$`)],
  [
    "human",
    new RegExp(
      `^${POLITE}(?:falar com ${ARTICLE}${HUMAN_WORDS}|${ARTICLE}${HUMAN_WORDS}|atendimento humano|chamar ${ARTICLE}${HUMAN_WORDS}|(?:me passa|me transfere|transferir|passar) (?:para|pra) ${ARTICLE}${HUMAN_WORDS})${PLEASE}$`,
    ),
  ],
  ["restart", new RegExp(`^${POLITE}(?:recomecar|reiniciar|comecar de novo|comecar do zero|recomeca|reinicia)${PLEASE}$`)],
  ["help", new RegExp(`^${POLITE}(?:ajuda|ajude|me ajuda|help|socorro|nao entendi|como funciona)${PLEASE}$`)],
];

export function detectIntent(text: string): Intent | null {
  if (/^\s*\?+\s*$/.test(text)) return "help";
  const key = matchKey(text);
  if (!key) return null;
  for (const [intent, pattern] of PATTERNS) if (pattern.test(key)) return intent;
  return null;
}
