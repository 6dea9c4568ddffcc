// pt-BR strings of the deals board's filters and pages: only the board (loaded on demand) reads
// them, so the CRM lists' bundles, which carry ./crm, do not.
export const dealBoard = {
  loadMore: (n: number) => `Carregar mais (${n} ${n === 1 ? "restante" : "restantes"})`,
  loadMoreFailed: "Não foi possível carregar mais negócios desta etapa.",
  allOwners: "Todos os responsáveis",
  search: "Buscar no quadro",
  clearFilters: "Limpar filtros",
  nextActivity: (when: string) => `Próxima atividade: ${when}`,
  activityOverdue: (when: string) => `Atividade atrasada: ${when}`,
  noActivity: "Nenhuma atividade agendada",
};
