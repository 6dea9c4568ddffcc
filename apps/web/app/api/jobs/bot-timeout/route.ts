import { handleBotTimeout } from "@vendaflow/core/conversations/process";
import { z } from "zod";
import { appDeps } from "@/lib/server/deps";
import { toResponse } from "@/lib/server/http";
import { verifiedJob } from "@/lib/server/job-request";

const body = z.object({ tenantId: z.uuid(), conversationId: z.uuid(), revision: z.number().int().min(0) });

/** A bot question went unanswered: remind, or after BOT_MAX_RETRIES fall back. Stale revisions do nothing. */
export async function POST(req: Request) {
  try {
    const job = await verifiedJob(req, "/api/jobs/bot-timeout", body);
    const outcome = await handleBotTimeout(appDeps(), job);
    return Response.json({ outcome });
  } catch (err) {
    return toResponse(err);
  }
}
