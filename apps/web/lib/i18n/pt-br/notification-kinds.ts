import { NOTIFICATION_KIND_NAMES } from "@vendaflow/validators/notification-kinds";

/** The bell's pt-BR text (components/notification-list); the kinds' names live with the kinds, in validators. */
export const notificationKinds = {
  kinds: NOTIFICATION_KIND_NAMES as Record<string, string>,
  other: "Notificação",
  deals: (n: number) => (n === 1 ? "1 negócio" : `${n} negócios`),
  activities: (n: number) => (n === 1 ? "1 atividade" : `${n} atividades`),
  protocol: (p: string) => `Protocolo ${p}`,
};
