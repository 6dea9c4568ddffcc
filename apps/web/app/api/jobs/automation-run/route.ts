import { runAutomation } from "@vendaflow/core/automations/run";
import { automationJobSchema } from "@vendaflow/validators/automations";
import { appDeps } from "@/lib/server/deps";
import { toResponse } from "@/lib/server/http";
import { verifiedJob } from "@/lib/server/job-request";
import { route } from "@/lib/server/route";

export const maxDuration = 60;

/** One automation run (QStash / local scheduler, signature verified): conditions, actions, retries scheduled by the run itself. */
export const POST = route("/api/jobs/automation-run", "job", async (req: Request) => {
  try {
    const job = await verifiedJob(req, "/api/jobs/automation-run", automationJobSchema);
    return Response.json(await runAutomation(appDeps(), job));
  } catch (err) {
    return toResponse(err);
  }
});
