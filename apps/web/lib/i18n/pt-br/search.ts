/** pt-BR strings of the header's search and its page (/search). */
export const search = {
  title: "Busca",
  field: "Buscar",
  // The header's field and its phone button: named apart from each list's own "Buscar" field.
  header: "Pesquisar no CRM",
  placeholder: "Pesquisar leads, negócios, contatos e empresas",
  // The header's field is 16 rem wide: the long placeholder was cut at "contato…".
  headerPlaceholder: "Pesquisar no CRM…",
  shortcut: "Atalho: / ou Ctrl+K",
  submit: "Buscar",
  // As the search core matches (packages/core/src/crm/search.ts): word beginnings, accents aside; a phone (8+ digits) in any format.
  description: "Nome, e-mail, empresa, título do negócio ou telefone. Basta o começo das palavras, com ou sem acento; o telefone vale em qualquer formato.",
  prompt: "Digite um nome, e-mail, telefone ou título para procurar em todo o CRM.",
  resultsFor: (q: string) => `Resultados para “${q}”`,
  empty: (q: string) => `Nada encontrado para “${q}”`,
  emptyHint: "Confira a grafia e digite o começo das palavras (“mari” encontra “Mariana”; “ana”, não). Telefone: ao menos 8 dígitos, com ou sem DDD.",
  error: "Não foi possível buscar agora.",
  retry: "Tentar de novo",
  loading: "Buscando…",
  kinds: { leads: "Leads", deals: "Negócios", contacts: "Contatos", companies: "Empresas" },
  seeAll: (kind: string) => `Ver todos os resultados em ${kind}`,
  score: (n: number) => `BANT ${n}`,
  unnamed: "Sem nome",
};
