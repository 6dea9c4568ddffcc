import { runCrmPull } from "@vendaflow/core/crm-sync/sync";
import { crmSyncPullJobSchema } from "@vendaflow/validators/crm-sync";
import { appDeps } from "@/lib/server/deps";
import { toResponse } from "@/lib/server/http";
import { verifiedJob } from "@/lib/server/job-request";
import { route } from "@/lib/server/route";

export const maxDuration = 60;

/** The scheduled pull of a CRM connection (schedules the next one first), then its outbox pushed. */
export const POST = route("/api/jobs/crm-sync-pull", "job", async (req: Request) => {
  try {
    const job = await verifiedJob(req, "/api/jobs/crm-sync-pull", crmSyncPullJobSchema);
    return Response.json(await runCrmPull(appDeps(), job));
  } catch (err) {
    return toResponse(err);
  }
});
