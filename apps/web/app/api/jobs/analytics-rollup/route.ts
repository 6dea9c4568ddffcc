import { refreshAnalyticsRollups } from "@vendaflow/core/analytics/rollup";
import { analyticsRollupJobSchema } from "@vendaflow/validators/analytics";
import { appDeps } from "@/lib/server/deps";
import { toResponse } from "@/lib/server/http";
import { verifiedJob } from "@/lib/server/job-request";
import { route } from "@/lib/server/route";

/**
 * Dashboard rollups (a QStash schedule, e.g. every 15 minutes, body {}): per tenant, recomputes the
 * days marked dirty since the last run and rolls up the days that closed (core/analytics/rollup.ts).
 * Safe to retry or to run twice at once: each run rewrites whole days from the live tables, one
 * tenant at a time under a lock.
 */
export const POST = route("/api/jobs/analytics-rollup", "job", async (req: Request) => {
  try {
    const job = await verifiedJob(req, "/api/jobs/analytics-rollup", analyticsRollupJobSchema);
    return Response.json(await refreshAnalyticsRollups(appDeps(), { tenantId: job.tenantId }));
  } catch (err) {
    return toResponse(err);
  }
});
