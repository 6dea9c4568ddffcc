/**
 * Every kind of notification the bell shows (core/notifications writes them) and its pt-BR name,
 * read by the bell, Meu perfil's e-mail switches and the notification e-mails. Apart from
 * notifications.ts so the bell, on every page, loads the names without zod.
 */
export const NOTIFICATION_KINDS = [
  "conversation_assigned",
  "sla_breached",
  "deal_assigned",
  "meeting_booked",
  "meeting_rescheduled",
  "activity_due",
  "activity_assigned",
  "activities_assigned",
  "privacy_request",
  "privacy_deadline",
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const NOTIFICATION_KIND_NAMES: Record<NotificationKind, string> = {
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
};
