import { DUNNING_JOB_PATH, runDunningStep } from "@vendaflow/core/billing/dunning";
import { dunningJobSchema } from "@vendaflow/validators/billing";
import { appDeps } from "@/lib/server/deps";
import { toResponse } from "@/lib/server/http";
import { verifiedJob } from "@/lib/server/job-request";
import { route } from "@/lib/server/route";

/** One dunning step (QStash, scheduled when a payment fails): re-checks the account, mails once. */
export const POST = route("/api/jobs/billing-dunning", "job", async (req: Request) => {
  try {
    const job = await verifiedJob(req, DUNNING_JOB_PATH, dunningJobSchema);
    return Response.json({ outcome: await runDunningStep(appDeps(), job) });
  } catch (err) {
    return toResponse(err);
  }
});
