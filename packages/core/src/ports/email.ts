export interface EmailMessage {
  to: string;
  subject: string;
  html: string;
  text: string;
  tenantId?: string | null;
}

/**
 * Email goes out through one port. Adapters: SMTP (`connectors/smtp/smtp-sender`) and the
 * dev outbox table for the embedded default (`connectors/smtp/outbox-sender`).
 */
export interface EmailSender {
  readonly kind: "smtp" | "outbox";
  send(msg: EmailMessage): Promise<void>;
}
