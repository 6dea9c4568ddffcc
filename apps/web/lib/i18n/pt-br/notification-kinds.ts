/** pt-BR names of the bell's notifications (components/notification-list, loaded with the list). */
export const notificationKinds = {
  kinds: {
    conversation_assigned: "Nova conversa atribuída a você",
    sla_breached: "SLA estourado em uma conversa sua",
    deal_assigned: "Negócio atribuído a você",
    meeting_booked: "Reunião agendada",
    meeting_rescheduled: "Reunião reagendada",
    activity_due: "Atividade vence em breve",
    activity_assigned: "Atividade atribuída a você",
    activities_assigned: "Atividades transferidas para você",
    privacy_request: "Novo pedido LGPD de um titular",
    privacy_deadline: "Pedido LGPD perto do prazo",
  } as Record<string, string>,
  other: "Notificação",
  deals: (n: number) => (n === 1 ? "1 negócio" : `${n} negócios`),
  activities: (n: number) => (n === 1 ? "1 atividade" : `${n} atividades`),
  protocol: (p: string) => `Protocolo ${p}`,
};
