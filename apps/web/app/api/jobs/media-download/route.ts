import { settleInboundMedia } from "@vendaflow/core/media/voice-note";
import { z } from "zod";
import { appDeps } from "@/lib/server/deps";
import { toResponse } from "@/lib/server/http";
import { verifiedJob } from "@/lib/server/job-request";
import { route } from "@/lib/server/route";

// afterAttempts: the tries the job follows (absent in jobs queued before it existed).
const body = z.object({ tenantId: z.uuid(), mediaObjectId: z.uuid(), afterAttempts: z.number().int().min(0).max(100).optional() });

/** A lead's file whose download failed: tried again (the row says whether it is still needed); a voice note is then transcribed. */
export const POST = route("/api/jobs/media-download", "job", async (req: Request) => {
  try {
    const job = await verifiedJob(req, "/api/jobs/media-download", body);
    const settled = await settleInboundMedia(appDeps(), job.tenantId, job.mediaObjectId, job.afterAttempts);
    return Response.json({ outcome: settled.download, ...(settled.transcript ? { transcript: settled.transcript } : {}) });
  } catch (err) {
    return toResponse(err);
  }
});
