/** The lead page's own: its merge button and the flagged duplicate's note (the dialog's are below, loaded with it). */
export const leadDuplicate = {
  button: "Mesclar com outro lead",
  title: "Possível lead duplicado",
  text: "tem o mesmo e-mail. Se for a mesma pessoa, mescle os dois para ver tudo em um só lead.",
  review: "Revisar e mesclar",
};

/** pt-BR strings of a lead's merge with its duplicate (the dialog; core/crm/merge-leads.ts). */
export const leadMerge = {
  title: "Mesclar leads",
  description: "Dois leads da mesma pessoa viram um só. Escolha o outro lead e qual dos dois fica.",
  find: "Buscar o outro lead",
  findPlaceholder: "Nome, e-mail ou telefone",
  findHint: "Digite ao menos 2 caracteres.",
  searching: "Buscando…",
  noneFound: "Nenhum outro lead encontrado.",
  choose: "Escolher",
  pick: (name: string) => `Escolher ${name}`,
  picked: "Outro lead",
  change: "Trocar",
  keepLegend: "Qual lead fica?",
  keepOption: (name: string, since: string, source: string) => `${name} — desde ${since}, ${source}`,
  older: "mais antigo",
  summary: (gone: string, kept: string) =>
    `${gone} deixa de existir: suas conversas, negócios, reuniões, atividades, consentimentos e pedidos LGPD passam para ${kept}. Os campos vazios de ${kept} são completados com os de ${gone}; etiquetas e campos personalizados são somados. Um opt-out em qualquer um dos dois continua valendo.`,
  irreversible: "Não é possível desfazer.",
  confirm: "Mesclar leads",
  merging: "Mesclando…",
  cancel: "Cancelar",
  done: "Leads mesclados.",
  unnamed: "Sem nome",
};
