/** pt-BR strings of the agent header (availability, notifications): every dashboard page loads them, so they are apart from ./inbox. */
export const inboxHeader = {
  availability: "Disponibilidade",
  online: "Online",
  away: "Ausente",
  offline: "Offline",
  availabilitySaved: "Disponibilidade atualizada.",
  drained: (n: number) => (n === 1 ? "1 conversa da fila foi atribuída a você." : `${n} conversas da fila foram atribuídas a você.`),
  notifications: "Notificações",
  unread: (n: number) => (n === 1 ? "1 não lida" : `${n} não lidas`),
  markRead: "Marcar todas como lidas",
  noNotifications: "Nenhuma notificação.",
  assignedToast: "Nova conversa atribuída a você",
  openConversation: "Abrir conversa",
  loading: "Carregando…",
  by: "por",
};
