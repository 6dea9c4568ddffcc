// pt-BR strings of a CRM table's selection (components/crm/list-results.tsx) and of the bulk actions
// over it (components/crm/bulk-bar.tsx): both loaded on demand.
export const crmSelection = {
  selectAll: "Selecionar todos desta página",
  selectRow: (name: string) => `Selecionar ${name}`,
  selected: (n: number) => (n === 1 ? "1 selecionado" : `${n} selecionados`),
  clearSelection: "Limpar seleção",
};

/** The bulk bar's actions. */
export const crmBulk = {
  label: "Ações em massa",
  assign: "Atribuir",
  assignTo: "Responsável",
  tag: "Etiquetar",
  tagPlaceholder: "etiqueta",
  move: "Mover etapa",
  moveTo: "Etapa",
  delete: "Excluir",
  apply: "Aplicar",
  confirmDelete: (n: number) => (n === 1 ? "Excluir o registro selecionado?" : `Excluir os ${n} registros selecionados?`),
  done: (n: number) => (n === 1 ? "1 registro atualizado." : `${n} registros atualizados.`),
  deleted: (n: number) => (n === 1 ? "1 registro excluído." : `${n} registros excluídos.`),
  selectAllMatching: "Selecionar todos os que correspondem ao filtro",
  allMatching: (n: number) => (n === 1 ? "O único registro do filtro está selecionado" : `Todos os ${n.toLocaleString("pt-BR")} registros do filtro estão selecionados`),
  tooMany: (max: number) => `Mais de ${max.toLocaleString("pt-BR")} registros correspondem ao filtro; refine-o para aplicar a todos.`,
  confirmAll: (action: string, n: number) => `${action}: aplicar a ${n === 1 ? "1 registro" : `todos os ${n.toLocaleString("pt-BR")} registros`} que correspondem ao filtro atual?`,
};
