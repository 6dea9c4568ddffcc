import { DUNNING_JOB_PATH, runDunningStep } from "@vendaflow/core/billing/dunning";
import { dunningJobSchema } from "@vendaflow/validators/billing";
import { appDeps } from "@/lib/server/deps";
import { toResponse } from "@/lib/server/http";
import { verifiedJob } from "@/lib/server/job-request";

/** One dunning step (QStash, scheduled when a payment fails): re-checks the account, mails once. */
export async function POST(req: Request) {
  try {
    const job = await verifiedJob(req, DUNNING_JOB_PATH, dunningJobSchema);
    return Response.json({ outcome: await runDunningStep(appDeps(), job) });
  } catch (err) {
    return toResponse(err);
  }
}
