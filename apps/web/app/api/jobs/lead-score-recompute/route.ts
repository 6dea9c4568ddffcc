import { runLeadScoreRecompute } from "@vendaflow/core/crm/lead-score/recompute-job";
import { leadScoreRecomputeJobSchema } from "@vendaflow/validators/lead-score";
import { appDeps } from "@/lib/server/deps";
import { toResponse } from "@/lib/server/http";
import { verifiedJob } from "@/lib/server/job-request";
import { route } from "@/lib/server/route";

/**
 * Lead scores after new weights (queued by crm.leadScore.saveWeights): batches of leads by id, each
 * committed with its cursor; a run stops starting batches after 15 s and queues the next at once, and
 * a run of a generation a newer save replaced stops.
 */
export const POST = route("/api/jobs/lead-score-recompute", "job", async (req: Request) => {
  try {
    const job = await verifiedJob(req, "/api/jobs/lead-score-recompute", leadScoreRecomputeJobSchema);
    return Response.json(await runLeadScoreRecompute(appDeps(), job));
  } catch (err) {
    return toResponse(err);
  }
});
