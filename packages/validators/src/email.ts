import { z } from "zod";

/** A sealed mail's longest form: under the job body limit (64 KiB); compressed, any mail the app writes is far below it. */
export const EMAIL_RETRY_SEALED_MAX = 60_000;

/**
 * A mail the SMTP server turned away for now (/api/jobs/email-retry, core/email/retry.ts): the
 * message sealed with the encryption key (no address or text in the clear at QStash), the attempt
 * this delivery is, and its tenant when it has one (for the job's span and logs).
 */
export const emailRetryJobSchema = z.object({
  tenantId: z.uuid().optional(),
  sealed: z.string().min(1).max(EMAIL_RETRY_SEALED_MAX),
  // Bounded here; core's EMAIL_RETRY_DELAYS says when to stop.
  attempt: z.number().int().min(1).max(10),
});
export type EmailRetryJob = z.infer<typeof emailRetryJobSchema>;
