// pt-BR strings of the audit page (/audit); the action and entity names are ./audit-log.
export const audit = {
  title: "Auditoria",
  description: "Tudo o que foi feito neste espaço, por quem e de onde.",
  action: "Ação",
  entity: "Entidade",
  actor: "Autor",
  when: "Quando",
  empty: "Nenhum registro ainda.",
  emptyHint: "Cada alteração feita neste espaço, e cada acesso, fica registrada aqui.",
  allActions: "Todas as ações",
  allEntities: "Todas as entidades",
  from: "Registrado a partir de",
  to: "Registrado até",
  operator: "Operação da plataforma",
};
