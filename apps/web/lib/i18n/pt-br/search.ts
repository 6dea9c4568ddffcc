/** pt-BR strings of the header's search and its page (/search). */
export const search = {
  title: "Busca",
  field: "Buscar",
  // The header's field and its phone button: named apart from each list's own "Buscar" field.
  header: "Pesquisar no CRM",
  placeholder: "Pesquisar leads, negócios, contatos e empresas",
  shortcut: "Atalho: / ou Ctrl+K",
  submit: "Buscar",
  description: "Nome, e-mail, telefone (como for digitado), empresa ou título do negócio.",
  prompt: "Digite um nome, e-mail, telefone ou título para procurar em todo o CRM.",
  resultsFor: (q: string) => `Resultados para “${q}”`,
  empty: (q: string) => `Nada encontrado para “${q}”`,
  emptyHint: "Confira a grafia, busque por parte do nome ou pelo telefone com DDD.",
  error: "Não foi possível buscar agora.",
  retry: "Tentar de novo",
  loading: "Buscando…",
  kinds: { leads: "Leads", deals: "Negócios", contacts: "Contatos", companies: "Empresas" },
  seeAll: (kind: string) => `Ver todos os resultados em ${kind}`,
  score: (n: number) => `BANT ${n}`,
  unnamed: "Sem nome",
};
