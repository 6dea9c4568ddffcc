export interface EmailMessage {
  to: string;
  subject: string;
  html: string;
  text: string;
  tenantId?: string | null;
}

/** Email goes out through one port: SMTP in production, the dev outbox table otherwise. */
export interface EmailSender {
  readonly kind: "smtp" | "outbox";
  send(msg: EmailMessage): Promise<void>;
}
