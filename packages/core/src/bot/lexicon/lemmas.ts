// Word forms the stemmer would get wrong, pinned to a lemma. "conversa" (a chat) must not meet
// "conversão" (conversion); "vendo" is mostly "seeing", not "selling".
const FAMILIES: Record<string, string[]> = {
  convert: ["conversao", "conversoes", "converter", "converte", "convertem", "convertendo", "convertido", "convertida", "convertidos", "converta", "convertam", "converto"],
  conversa: ["conversa", "conversas", "conversar", "conversando", "conversei", "conversamos", "conversado", "converso"],
  automat: ["automacao", "automacoes", "automatico", "automatica", "automaticos", "automaticas", "automaticamente", "automatizar", "automatizado", "automatizada", "automatizados", "automatizando", "automatiza", "automatize", "automatizacao"],
  ver: ["vendo", "vejo", "ver", "vi", "visto", "vendo isso"],
  // "eu decido" is one person; "decidimos" a shared decision.
  decid: ["decido", "decide", "decidir", "decida", "decidindo", "decidi"],
  decidimos: ["decidimos", "decidem", "decidiram", "decidiremos"],
  decisao: ["decisao", "decisoes"],
  // "não entendi" asks for help; "você não entende" is frustration.
  entendi: ["entendi", "entendo", "entendemos"],
  entende: ["entende", "entendem", "entender"],
  semana: ["semana", "semanas"],
  mes: ["mes", "meses", "mensal", "mensais", "mensalmente"],
  ano: ["ano", "anos", "anual", "anuais", "anualmente"],
  dia: ["dia", "dias", "diario", "diaria"],
};

export const LEMMAS: Record<string, string> = Object.fromEntries(
  Object.entries(FAMILIES).flatMap(([lemma, forms]) => forms.map((f) => [f, lemma])),
);
