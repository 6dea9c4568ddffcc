import { NOTIFICATION_EMAILS_JOB_PATH, runNotificationEmails } from "@vendaflow/core/notifications/email-digest";
import { notificationEmailsJobSchema } from "@vendaflow/validators/notifications";
import { appDeps } from "@/lib/server/deps";
import { toResponse } from "@/lib/server/http";
import { verifiedJob } from "@/lib/server/job-request";
import { log } from "@/lib/server/log";
import { route } from "@/lib/server/route";

/**
 * "Notificações por e-mail" (a QStash schedule every 5 minutes, body {}; `{ "tenantId" }` for one
 * tenant): notifications unread in the bell for 10 minutes, one e-mail per person listing them
 * (core/notifications/email-digest.ts). Safe to retry or to run twice at once: a row is marked in
 * the transaction that queues its e-mail, and rows another run holds are skipped.
 */
export const POST = route("/api/jobs/notification-emails", "job", async (req: Request) => {
  try {
    const job = await verifiedJob(req, NOTIFICATION_EMAILS_JOB_PATH, notificationEmailsJobSchema);
    const { error, ...run } = await runNotificationEmails(appDeps(), job);
    if (run.failed) log.error("notification-emails.send_failed", { failed: run.failed, error });
    return Response.json(run);
  } catch (err) {
    return toResponse(err);
  }
});
