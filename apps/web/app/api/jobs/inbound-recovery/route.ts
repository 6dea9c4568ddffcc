import { recoverStaleInbound } from "@vendaflow/core/conversations/recovery";
import { z } from "zod";
import { conversationDeps } from "../../../../lib/server/conversation-deps";
import { toResponse } from "../../../../lib/server/http";
import { verifiedJob } from "../../../../lib/server/job-request";

const body = z.object({ olderThanSeconds: z.number().int().min(0).max(86400).default(30) });

/** Recovery sweep (QStash schedule in production, the local scheduler otherwise). */
export async function POST(req: Request) {
  try {
    const job = await verifiedJob(req, "/api/jobs/inbound-recovery", body);
    const recovered = await recoverStaleInbound(conversationDeps(), job.olderThanSeconds);
    return Response.json({ recovered });
  } catch (err) {
    return toResponse(err);
  }
}
