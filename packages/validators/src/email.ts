import { z } from "zod";

/**
 * A mail the SMTP server turned away for now (/api/jobs/email-retry, core/email/retry.ts): the
 * message sealed with the encryption key (no address or text in the clear at QStash), the attempt
 * this delivery is, and its tenant when it has one (for the job's span and logs).
 */
export const emailRetryJobSchema = z.object({
  tenantId: z.uuid().optional(),
  // Compressed, then sealed: far below the job body limit (64 KiB) for any mail the app writes.
  sealed: z.string().min(1).max(60_000),
  // Bounded here; core's EMAIL_RETRY_DELAYS says when to stop.
  attempt: z.number().int().min(1).max(10),
});
export type EmailRetryJob = z.infer<typeof emailRetryJobSchema>;
