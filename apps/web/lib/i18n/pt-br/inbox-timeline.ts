import type { TemplateKey } from "@vendaflow/validators/inbox";
import { conversationEventLabels, deliveryLabels } from "./conversation-labels";

/** pt-BR strings of a conversation's timeline (the inbox and the conversation page); ./inbox includes them. */
export const inboxTimeline = {
  templates: { welcome: "Boas-vindas", confirmation: "Confirmação", reminder: "Lembrete", followup: "Acompanhamento" } satisfies Record<TemplateKey, string> as Record<string, string>,
  timeline: {
    label: "Mensagens da conversa",
    note: "Nota interna",
    handoffSummary: "Resumo da transferência",
    template: "Template",
    showFullText: "Ver mensagem completa",
    longTextLoading: "Carregando a mensagem completa…",
    longTextError: "Não foi possível carregar a mensagem completa. Tente de novo.",
    loadOlder: "Carregar mensagens anteriores",
    loadingOlder: "Carregando mensagens anteriores…",
    loadOlderError: "Não foi possível carregar as mensagens anteriores. Tente de novo.",
    historyStart: "Início da conversa",
  },
  events: {
    ...conversationEventLabels,
    routed: "Encaminhada",
    queued: "Na fila aguardando um agente",
    assigned: "Atribuída a",
    unassigned: "Responsável removido",
    takeover: "Assumida por",
    hand_back: "Devolvida ao bot",
    resolved: "Resolvida",
    reopened: "Reaberta",
    rerouted: "Redistribuída para",
    reroute_failed: "Não foi possível redistribuir",
    sla_breached: "SLA estourado",
    step: "etapa",
    someone: "alguém",
  } as Record<string, string>,
  delivery: deliveryLabels as Record<string, string>,
};
