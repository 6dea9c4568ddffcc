import { withTenant } from "@vendaflow/db/with-tenant";
import type { SlaCheckJob } from "@vendaflow/validators/routing";
import type { AppDeps } from "../deps";
import { checkSla, type SlaCheckResult } from "./sla";

/**
 * What the verified /api/jobs/sla-check callback calls with its zod-parsed body (same shape as the
 * bot timeouts: raw body → signature → slaCheckJobSchema → here). Re-schedules after commit when
 * the check is early or falls outside business hours.
 */
export async function handleSlaCheck(deps: Pick<AppDeps, "db" | "scheduler" | "now">, job: SlaCheckJob): Promise<SlaCheckResult> {
  const result = await withTenant(deps.db, job.tenantId, (tx) => checkSla(tx, job.tenantId, job.conversationId, deps.now()));
  if (result.kind === "reschedule") await deps.scheduler.schedule(result.job);
  return result;
}
