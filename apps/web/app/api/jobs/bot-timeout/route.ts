import { handleBotTimeout } from "@vendaflow/core/conversations/process";
import { botTimeoutJobSchema } from "@vendaflow/validators/flow";
import { appDeps } from "@/lib/server/deps";
import { toResponse } from "@/lib/server/http";
import { verifiedJob } from "@/lib/server/job-request";

/** A bot question went unanswered: remind, or after BOT_MAX_RETRIES fall back. Stale revisions do nothing. */
export async function POST(req: Request) {
  try {
    const job = await verifiedJob(req, "/api/jobs/bot-timeout", botTimeoutJobSchema);
    const outcome = await handleBotTimeout(appDeps(), job);
    return Response.json({ outcome });
  } catch (err) {
    return toResponse(err);
  }
}
