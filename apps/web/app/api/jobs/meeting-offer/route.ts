import { MEETING_OFFER_JOB_PATH, runMeetingOffer } from "@vendaflow/core/scheduling/slots";
import { meetingOfferJobSchema } from "@vendaflow/validators/scheduling";
import { appDeps } from "@/lib/server/deps";
import { toResponse } from "@/lib/server/http";
import { verifiedJob } from "@/lib/server/job-request";
import { route } from "@/lib/server/route";

/** Cal.com in the chat (scheduling/slots.ts): offers the next free slots, or books the one the lead picked. */
export const POST = route("/api/jobs/meeting-offer", "job", async (req: Request) => {
  try {
    const job = await verifiedJob(req, MEETING_OFFER_JOB_PATH, meetingOfferJobSchema);
    return Response.json({ outcome: await runMeetingOffer(appDeps(), job) });
  } catch (err) {
    return toResponse(err);
  }
});
