import { runChatwootMirror } from "@vendaflow/core/chatwoot/mirror";
import { chatwootMirrorJobSchema } from "@vendaflow/validators/chatwoot";
import { appDeps } from "@/lib/server/deps";
import { toResponse } from "@/lib/server/http";
import { verifiedJob } from "@/lib/server/job-request";
import { route } from "@/lib/server/route";

export const maxDuration = 60;

/** One run of a conversation's Chatwoot mirror (QStash / local scheduler, signature verified); a retry is scheduled by the run itself. */
export const POST = route("/api/jobs/chatwoot-mirror", "job", async (req: Request) => {
  try {
    const job = await verifiedJob(req, "/api/jobs/chatwoot-mirror", chatwootMirrorJobSchema);
    return Response.json(await runChatwootMirror(appDeps(), job));
  } catch (err) {
    return toResponse(err);
  }
});
