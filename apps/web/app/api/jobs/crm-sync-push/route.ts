import { runCrmPush } from "@vendaflow/core/crm-sync/sync";
import { crmSyncPushJobSchema } from "@vendaflow/validators/crm-sync";
import { appDeps } from "@/lib/server/deps";
import { toResponse } from "@/lib/server/http";
import { verifiedJob } from "@/lib/server/job-request";
import { route } from "@/lib/server/route";

export const maxDuration = 60;

/** One push run of a CRM connection's outbox (QStash / local scheduler, signature verified); a 429 schedules the next run after Retry-After. */
export const POST = route("/api/jobs/crm-sync-push", "job", async (req: Request) => {
  try {
    const job = await verifiedJob(req, "/api/jobs/crm-sync-push", crmSyncPushJobSchema);
    return Response.json(await runCrmPush(appDeps(), job));
  } catch (err) {
    return toResponse(err);
  }
});
