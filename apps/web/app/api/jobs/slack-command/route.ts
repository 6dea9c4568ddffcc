import { answerSlackCommand } from "@vendaflow/core/slack/commands";
import { slackCommandJobSchema } from "@vendaflow/validators/slack";
import { appDeps } from "@/lib/server/deps";
import { toResponse } from "@/lib/server/http";
import { verifiedJob } from "@/lib/server/job-request";
import { route } from "@/lib/server/route";

export const maxDuration = 60;

/** A slash command's slow answer (`/pipeline`), posted to its response_url (QStash / local scheduler, signature verified). */
export const POST = route("/api/jobs/slack-command", "job", async (req: Request) => {
  try {
    const job = await verifiedJob(req, "/api/jobs/slack-command", slackCommandJobSchema);
    return Response.json(await answerSlackCommand(appDeps(), job));
  } catch (err) {
    return toResponse(err);
  }
});
