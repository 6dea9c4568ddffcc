interface MailBody {
  to: string;
  subject: string;
  html: string;
  text: string;
  /** Which retry this delivery is (email/retry.ts); absent on the first. */
  attempt?: number;
}

/**
 * A mail as the sender takes it. `fromName` is the sender's display name; the address stays
 * EMAIL_FROM's (the one domain that may send), and a mail without a name goes under EMAIL_FROM's.
 * A workspace's mail (`tenantId`) must carry the workspace's name (white-label: a lead or an agent
 * sees who wrote): email/sender.ts's tenantMail sets both, platformMail the platform's own.
 */
export type EmailMessage = MailBody & ({ tenantId: string; fromName: string } | { tenantId?: null; fromName?: string });

/** A send turned away for now and queued as retry `attempt`, due in `delaySeconds` (email/retry.ts). */
export interface EmailQueued {
  queued: { attempt: number; delaySeconds: number };
}

/**
 * Email goes out through one port. Adapters: SMTP (`connectors/smtp/smtp-sender`) and the
 * dev outbox table for the embedded default (`connectors/smtp/outbox-sender`); the app wraps
 * either in email/retry.ts's retryingEmail, so a send turned away for now is retried later.
 */
export interface EmailSender {
  readonly kind: "smtp" | "outbox";
  /** Resolves when the mail went, or (retryingEmail) when it was queued to be tried again later. */
  send(msg: EmailMessage): Promise<void | EmailQueued>;
}
