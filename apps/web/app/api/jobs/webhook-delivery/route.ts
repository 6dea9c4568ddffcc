import { deliverWebhook } from "@vendaflow/core/outbound-webhooks/deliver";
import { webhookDeliveryJobSchema } from "@vendaflow/validators/outbound-webhooks";
import { appDeps } from "@/lib/server/deps";
import { toResponse } from "@/lib/server/http";
import { verifiedJob } from "@/lib/server/job-request";
import { route } from "@/lib/server/route";

export const maxDuration = 60;

/** One attempt of an outbound webhook delivery (QStash / local scheduler, signature verified); the next attempt is scheduled by the delivery itself. */
export const POST = route("/api/jobs/webhook-delivery", "job", async (req: Request) => {
  try {
    const job = await verifiedJob(req, "/api/jobs/webhook-delivery", webhookDeliveryJobSchema);
    return Response.json(await deliverWebhook(appDeps(), job));
  } catch (err) {
    return toResponse(err);
  }
});
