// pt-BR strings of a CRM record's activity timeline (the record pages): apart from ./crm-lists so
// the lists' bundles do not carry them.
export const crmTimeline = {
  sender: { lead: "Lead", bot: "Bot", agent: "Agente", system: "Sistema" },
  message: "Mensagem",
  media: (type: string) => `[${type}]`,
  openConversation: "Abrir conversa",
  audit: (action: string) => {
    const verb = action.split(".")[1] ?? action;
    const verbs: Record<string, string> = {
      create: "Criado",
      update: "Editado",
      delete: "Excluído",
      restore: "Restaurado",
      assign: "Responsável alterado",
      tag: "Etiqueta adicionada",
      stage: "Etapa alterada",
      convert: "Convertido em negócio",
    };
    return verbs[verb] ?? action;
  },
};
