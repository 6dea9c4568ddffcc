// pt-BR strings every CRM list and record page shares (search, "load more", owner, tags…); ./crm includes them.
export const crmCommon = {
  nav: { deals: "Negócios", companies: "Empresas", contacts: "Contatos", settings: "Configurar CRM" },
  search: "Buscar",
  loadMore: "Carregar mais",
  none: "—",
  /** Under a record page's linked-records card that shows only its first page. */
  linkedCapped: (n: number) => `Mostrando os ${n} mais recentes.`,
  /** The card's link to its list filtered to the record (every item, with search, filters, export). */
  linkedAll: "Ver todos",
  linkedAllLabel: (title: string) => `Ver todos: ${title}`,
  edit: "Editar",
  delete: "Excluir",
  undo: "Desfazer",
  restored: "Restaurado.",
  owner: "Responsável",
  noOwner: "Sem responsável",
  tags: "Etiquetas",
  tagsHint: "Separe por vírgulas.",
  createdAt: "Criado em",
  customFields: "Campos personalizados",
  yes: "Sim",
  no: "Não",
};
