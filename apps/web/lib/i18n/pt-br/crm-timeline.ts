// pt-BR strings of a CRM record's activity timeline (the record pages): apart from ./crm-lists so
// the lists' bundles do not carry them.
import { mediaLabels } from "./conversation-labels";

export const crmTimeline = {
  sender: { lead: "Lead", bot: "Bot", agent: "Agente", system: "Sistema" },
  message: "Mensagem",
  /** A message without text: "[Imagem]", never the type's code. */
  media: (type: string) => `[${Object.hasOwn(mediaLabels, type) ? mediaLabels[type as keyof typeof mediaLabels] : "Mensagem sem texto"}]`,
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
      merge: "Mesclado com outro lead",
      contact_card: "Cartão de contato aplicado",
      lead_anonymised: "Anonimizado (LGPD)",
      contact_anonymised: "Anonimizado (LGPD)",
    };
    // Never the code itself ("lead.merge"): an action without a verb here still reads as a change.
    return Object.hasOwn(verbs, verb) ? verbs[verb]! : "Alteração registrada";
  },
};
