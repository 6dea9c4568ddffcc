import { downloadInboundMedia } from "@vendaflow/core/media/inbound-media";
import { z } from "zod";
import { appDeps } from "@/lib/server/deps";
import { toResponse } from "@/lib/server/http";
import { verifiedJob } from "@/lib/server/job-request";
import { route } from "@/lib/server/route";

const body = z.object({ tenantId: z.uuid(), mediaObjectId: z.uuid() });

/** A lead's file whose download failed: tried again (the row says whether it is still needed). */
export const POST = route("/api/jobs/media-download", "job", async (req: Request) => {
  try {
    const job = await verifiedJob(req, "/api/jobs/media-download", body);
    return Response.json({ outcome: await downloadInboundMedia(appDeps(), job.tenantId, job.mediaObjectId) });
  } catch (err) {
    return toResponse(err);
  }
});
