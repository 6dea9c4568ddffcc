import { deliverSlackNotification } from "@vendaflow/core/slack/notify";
import { slackNotifyJobSchema } from "@vendaflow/validators/slack";
import { appDeps } from "@/lib/server/deps";
import { toResponse } from "@/lib/server/http";
import { verifiedJob } from "@/lib/server/job-request";
import { route } from "@/lib/server/route";

export const maxDuration = 60;

/** One attempt of a Slack notification (QStash / local scheduler, signature verified); a retry is scheduled by the attempt itself. */
export const POST = route("/api/jobs/slack-notify", "job", async (req: Request) => {
  try {
    const job = await verifiedJob(req, "/api/jobs/slack-notify", slackNotifyJobSchema);
    return Response.json(await deliverSlackNotification(appDeps(), job));
  } catch (err) {
    return toResponse(err);
  }
});
