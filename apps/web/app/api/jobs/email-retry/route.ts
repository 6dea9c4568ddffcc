import { EMAIL_RETRY_JOB_PATH, runEmailRetry } from "@vendaflow/core/email/retry";
import { emailRetryJobSchema } from "@vendaflow/validators/email";
import { appDeps } from "@/lib/server/deps";
import { toResponse } from "@/lib/server/http";
import { verifiedJob } from "@/lib/server/job-request";
import { log } from "@/lib/server/log";
import { route } from "@/lib/server/route";

/**
 * An e-mail the SMTP server turned away for now, sent again (core/email/retry.ts). Queued by the
 * app's sender itself, never on a schedule. Always 200 once verified: a mail turned away again is
 * queued again by the sender, and one that cannot go any more is logged as lost (QStash retrying
 * the job would not change that).
 */
export const POST = route("/api/jobs/email-retry", "job", async (req: Request) => {
  try {
    const job = await verifiedJob(req, EMAIL_RETRY_JOB_PATH, emailRetryJobSchema);
    const run = await runEmailRetry(appDeps(), job);
    if ("lost" in run) log.error("email.lost", { attempt: job.attempt, error: run.lost });
    return Response.json(run);
  } catch (err) {
    return toResponse(err);
  }
});
