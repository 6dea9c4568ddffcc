import { MEETING_REMINDER_JOB_PATH, runMeetingReminder } from "@vendaflow/core/scheduling/reminders";
import { meetingReminderJobSchema } from "@vendaflow/validators/scheduling";
import { appDeps } from "@/lib/server/deps";
import { toResponse } from "@/lib/server/http";
import { verifiedJob } from "@/lib/server/job-request";
import { route } from "@/lib/server/route";

/** A meeting reminder (24 h / 1 h before, scheduled by the booking webhook): posted once, if still on. */
export const POST = route("/api/jobs/meeting-reminder", "job", async (req: Request) => {
  try {
    const job = await verifiedJob(req, MEETING_REMINDER_JOB_PATH, meetingReminderJobSchema);
    return Response.json({ outcome: await runMeetingReminder(appDeps(), job) });
  } catch (err) {
    return toResponse(err);
  }
});
