// pt-BR strings of the CRM data tables: selection, column chooser, saved views, the lead list (the bulk
// actions' are ./crm-bulk, which only the bulk bar, loaded on demand, reads).
export const crmLists = {
  selectAll: "Selecionar todos desta página",
  selectRow: (name: string) => `Selecionar ${name}`,
  selected: (n: number) => (n === 1 ? "1 selecionado" : `${n} selecionados`),
  clearSelection: "Limpar seleção",
  columns: { button: "Colunas", title: "Colunas visíveis" },
  /** The list's current filter downloaded (every page, not only the rows loaded). */
  export: { csv: "Exportar CSV", xlsx: "Exportar Excel", title: "Baixa todos os registros do filtro atual" },
  views: {
    label: "Visão",
    none: "Padrão",
    save: "Salvar visão",
    saveTitle: "Salvar visão",
    name: "Nome da visão",
    makeDefault: "Abrir esta lista com esta visão",
    delete: "Excluir visão",
    confirmDelete: (name: string) => `Excluir a visão "${name}"?`,
    saved: "Visão salva.",
    deleted: "Visão excluída.",
  },
  /** Every list's creation date range and custom field value filter. */
  filters: {
    createdFrom: "Criado a partir de",
    createdTo: "Criado até",
    customField: "Campo personalizado",
    anyCustomField: "Qualquer campo personalizado",
    customValue: (label: string) => `Valor de ${label}`,
    anyValue: "Qualquer valor",
  },
  leads: {
    nav: "Leads",
    title: "Leads",
    description: "Todos os leads que chegaram pelo site, WhatsApp, API ou importação.",
    empty: "Nenhum lead ainda.",
    emptyHint: "Leads chegam pelas caixas de entrada (site, WhatsApp, API) ou por importação de planilha.",
    importAction: "Importar leads",
    columns: { name: "Nome", contact: "Contato", stage: "Etapa", score: "Pontuação BANT", source: "Origem", tags: "Etiquetas", created: "Criado em" },
    allStages: "Todas as etapas",
    allSources: "Todas as origens",
    sort: { created: "Mais recentes", score: "Maior pontuação BANT" },
    sortLabel: "Ordenar por",
    minScore: "Pontuação mínima",
    sources: { web: "Site", whatsapp: "WhatsApp", whatsapp_ad: "Anúncio no WhatsApp", api: "API", import: "Importação", manual: "Manual", calendar: "Agenda" },
    unnamed: "Sem nome",
    detail: { ad: "Anúncio", back: "Voltar para leads", notFound: "Lead não encontrado.", company: "Empresa", contact: "Contato", conversation: "Conversa", openConversation: "Abrir conversa", score: "Pontuação do lead" },
  },
};
