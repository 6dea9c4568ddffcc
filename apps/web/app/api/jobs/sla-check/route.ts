import { handleSlaCheck } from "@vendaflow/core/routing/sla-job";
import { slaCheckJobSchema } from "@vendaflow/validators/routing";
import { appDeps } from "@/lib/server/deps";
import { toResponse } from "@/lib/server/http";
import { verifiedJob } from "@/lib/server/job-request";
import { route } from "@/lib/server/route";

/** First-response SLA check (QStash): a breach in business hours is flagged and re-routed once. */
export const POST = route("/api/jobs/sla-check", "job", async (req: Request) => {
  try {
    const job = await verifiedJob(req, "/api/jobs/sla-check", slaCheckJobSchema);
    const result = await handleSlaCheck(appDeps(), job);
    return Response.json({ outcome: result.kind });
  } catch (err) {
    return toResponse(err);
  }
});
