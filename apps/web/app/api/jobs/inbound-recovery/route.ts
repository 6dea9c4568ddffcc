import { recoverMediaDownloads, recoverStaleInbound } from "@vendaflow/core/conversations/recovery";
import { pruneOutbox } from "@vendaflow/core/email/outbox";
import { remindAllPrivacyDeadlines } from "@vendaflow/core/privacy/request-queue";
import { runRetentionSweep } from "@vendaflow/core/privacy/retention";
import { markInactiveAgentsAway } from "@vendaflow/core/routing/availability";
import { inboundRecoveryJobSchema } from "@vendaflow/validators/inbox";
import { appDeps } from "@/lib/server/deps";
import { toResponse } from "@/lib/server/http";
import { verifiedJob } from "@/lib/server/job-request";
import { log } from "@/lib/server/log";
import { route } from "@/lib/server/route";

/**
 * The maintenance sweep (QStash schedule in production, the local scheduler otherwise): inbound
 * messages persisted but never processed, lead files whose download or retry never ran, agents idle
 * for 10 minutes dropped from online to away, reminders to admins of LGPD requests due within 3
 * business days, each tenant's daily retention run, and dev outbox mails older than a week.
 */
export const POST = route("/api/jobs/inbound-recovery", "job", async (req: Request) => {
  try {
    const job = await verifiedJob(req, "/api/jobs/inbound-recovery", inboundRecoveryJobSchema);
    const d = appDeps();
    const { recovered, failed } = await recoverStaleInbound(d, job.olderThanSeconds);
    for (const f of failed) log.error("inbound-recovery.left_pending", { conversationId: f.conversationId, tenantId: f.tenantId, error: f.error });
    const media = await recoverMediaDownloads(d, job.mediaGraceSeconds);
    for (const f of media.errors) log.error("inbound-recovery.media_failed", { mediaObjectId: f.mediaObjectId, tenantId: f.tenantId, error: f.error });
    const away = await markInactiveAgentsAway(d.db, d.now(), 10);
    const privacyReminders = await remindAllPrivacyDeadlines(d.db, d.now());
    const retained = await runRetentionSweep(d);
    const outboxPruned = await pruneOutbox(d.db, d.now());
    return Response.json({ recovered, failed: failed.length, media: { ...media, errors: media.errors.length }, away: away.length, privacyReminders, retained, outboxPruned });
  } catch (err) {
    return toResponse(err);
  }
});
