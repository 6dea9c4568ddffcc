import { ACTIVITY_REMINDER_JOB_PATH, runActivityReminder } from "@vendaflow/core/crm/activity-reminder";
import { activityReminderJobSchema } from "@vendaflow/validators/crm";
import { appDeps } from "@/lib/server/deps";
import { toResponse } from "@/lib/server/http";
import { verifiedJob } from "@/lib/server/job-request";
import { route } from "@/lib/server/route";

/** An activity's reminder in its assignee's bell (scheduled when it is saved with a due time): once, if still open and due then. */
export const POST = route("/api/jobs/activity-reminder", "job", async (req: Request) => {
  try {
    const job = await verifiedJob(req, ACTIVITY_REMINDER_JOB_PATH, activityReminderJobSchema);
    return Response.json({ outcome: await runActivityReminder(appDeps(), job) });
  } catch (err) {
    return toResponse(err);
  }
});
