import { z } from "zod";
import { NOTIFICATION_KINDS } from "./notification-kinds";

export const notificationKindSchema = z.enum(NOTIFICATION_KINDS, { error: "Tipo de notificação desconhecido." });

/** Meu perfil's "Notificações por e-mail": the kinds the user does not want e-mailed (the others are). */
export const notificationEmailsInput = z.object({
  off: z.array(notificationKindSchema).max(NOTIFICATION_KINDS.length, "Tipos de notificação demais."),
});
export type NotificationEmailsInput = z.infer<typeof notificationEmailsInput>;

/** The sweep (/api/jobs/notification-emails, a QStash schedule, body {}): every tenant, or one. */
export const notificationEmailsJobSchema = z.object({ tenantId: z.uuid().optional() });
export type NotificationEmailsJob = z.infer<typeof notificationEmailsJobSchema>;
