import type { DecisionVia } from "./flow";

/**
 * How the bot read an answer, in pt-BR: the score explanation on screen and the handoff note an
 * agent reads both say it in these words. Typed by the validators' list, so a new way of deciding
 * cannot go unnamed ("contact" once did). Its own file so a client bundle takes no zod with it.
 */
export const decisionViaLabels: Record<DecisionVia, string> = {
  button: "botão",
  number: "número da opção",
  exact: "texto da opção",
  synonym: "sinônimo",
  band: "faixa de valor",
  rule: "regra",
  keyword: "palavras-chave",
  text: "texto parecido",
  skip: "pulada",
  contact: "contato",
  ai: "IA",
};
