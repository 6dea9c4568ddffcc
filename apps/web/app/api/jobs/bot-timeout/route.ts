import { handleBotTimeout } from "@vendaflow/core/conversations/process";
import { botTimeoutJobSchema } from "@vendaflow/validators/flow";
import { appDeps } from "@/lib/server/deps";
import { toResponse } from "@/lib/server/http";
import { verifiedJob } from "@/lib/server/job-request";
import { route } from "@/lib/server/route";

/** A bot question went unanswered: remind, or after BOT_MAX_RETRIES fall back. Stale revisions do nothing. */
export const POST = route("/api/jobs/bot-timeout", "job", async (req: Request) => {
  try {
    const job = await verifiedJob(req, "/api/jobs/bot-timeout", botTimeoutJobSchema);
    const outcome = await handleBotTimeout(appDeps(), job);
    return Response.json({ outcome });
  } catch (err) {
    return toResponse(err);
  }
});
