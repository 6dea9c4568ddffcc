import { reportUsage } from "@vendaflow/core/billing/usage-report";
import { usageReportJobSchema } from "@vendaflow/validators/billing";
import { appDeps } from "@/lib/server/deps";
import { toResponse } from "@/lib/server/http";
import { verifiedJob } from "@/lib/server/job-request";
import { route } from "@/lib/server/route";

/**
 * Usage reporting (a QStash schedule, e.g. every 15 minutes, body {}): claims unreported ledger rows
 * into batches and sends them to Stripe's billing meters (a card-less trial's rows are settled as not
 * billable instead). Safe to retry: batches keep their identifiers. The tenants waiting longest go
 * first and a run stops starting tenants after 15 s; when some are left it queues the next run at once.
 */
export const POST = route("/api/jobs/usage-report", "job", async (req: Request) => {
  try {
    const job = await verifiedJob(req, "/api/jobs/usage-report", usageReportJobSchema);
    return Response.json(await reportUsage(appDeps(), { tenantId: job.tenantId }));
  } catch (err) {
    return toResponse(err);
  }
});
