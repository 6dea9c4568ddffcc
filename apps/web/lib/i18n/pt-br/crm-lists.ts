// pt-BR strings of the CRM data tables' toolbar: column chooser, saved views, filters, export. The
// selection's and bulk actions' are ./crm-bulk (read by the table and the bar, loaded on demand), the
// lead list's ./crm-leads; lib/i18n/pt-br/index.ts puts them back under crmLists.
export const crmLists = {
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
    /** The list narrowed to one company's or contact's records (a record page's "Ver todos"). */
    company: (name: string) => `Empresa: ${name}`,
    contact: (name: string) => `Contato: ${name}`,
    /** The record is gone or out of reach: the filter still narrows, its name is unknown. */
    unknownRecord: "registro indisponível",
    clearRecord: (label: string) => `Remover filtro ${label}`,
    /** The creation-day filter as a chip (e.g. the dashboard funnel's "Ver negócios"): "Criados: 01/11 – 30/11". */
    created: (p: { from?: string; to?: string }) => (p.from && p.to ? `Criados: ${p.from} – ${p.to}` : p.from ? `Criados a partir de ${p.from}` : `Criados até ${p.to}`),
    /** The deal list under a company or contact filter spans every pipeline, like the record's card. */
    allPipelines: "Em todos os funis.",
  },
};
