import { sql } from "kysely";
import type { TenantTx } from "@vendaflow/db/with-tenant";
import { triggerEntity, type AutomationTrigger } from "@vendaflow/validators/automations";
import type { AfterCommit } from "../after-commit";
import type { ScheduledJob } from "../ports/scheduler";

export const AUTOMATION_JOB_PATH = "/api/jobs/automation-run";

export const automationJob = (tenantId: string, runId: string, attempt: number, delaySeconds = 0): ScheduledJob => ({
  path: AUTOMATION_JOB_PATH,
  body: { tenantId, runId },
  delaySeconds,
  deduplicationId: `automation-run:${runId}:${attempt}`,
});

export interface AutomationEvent {
  trigger: AutomationTrigger;
  entityId: string;
  /** What happened, for conditions and the run log: { from, to } of a score or a stage, a reason… */
  data?: Record<string, unknown>;
}

/**
 * Something happened to a lead or a deal: one run row per active automation on that trigger,
 * its job queued after the caller's commit. Loop protection: an automation that already ran
 * `max_per_entity_per_hour` times for this entity in the last hour gets a `loop_blocked` run
 * (kept in its log) and no job. `when` is asked only if some automation listens.
 */
export async function fireAutomations(tx: TenantTx, tenantId: string, ev: AutomationEvent, after: AfterCommit, when?: () => Promise<boolean>): Promise<number> {
  const automations = await tx.selectFrom("automations").select(["id", "max_per_entity_per_hour"]).where("trigger", "=", ev.trigger).where("is_active", "=", true).execute();
  if (!automations.length || (when && !(await when()))) return 0;
  let queued = 0;
  for (const a of automations) {
    // Serialises concurrent firings of one automation for one entity, so the count below is exact.
    await sql`select pg_advisory_xact_lock(hashtextextended(${`automation:${a.id}:${ev.entityId}`}, 0))`.execute(tx);
    const recent = await tx
      .selectFrom("automation_runs")
      .select(sql<number>`count(*)::int`.as("n"))
      .where("automation_id", "=", a.id)
      .where("entity_id", "=", ev.entityId)
      .where("status", "!=", "loop_blocked")
      .where("created_at", ">", sql<Date>`now() - interval '1 hour'`)
      .executeTakeFirstOrThrow();
    const blocked = recent.n >= a.max_per_entity_per_hour;
    const run = await tx
      .insertInto("automation_runs")
      .values({
        tenant_id: tenantId,
        automation_id: a.id,
        trigger: ev.trigger,
        entity_type: triggerEntity[ev.trigger],
        entity_id: ev.entityId,
        event: JSON.stringify(ev.data ?? {}),
        status: blocked ? "loop_blocked" : "pending",
        ...(blocked ? { error: `Limite de ${a.max_per_entity_per_hour} ${a.max_per_entity_per_hour === 1 ? "execução" : "execuções"} por hora para este registro atingido.`, finished_at: sql<Date>`now()` } : {}),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    if (!blocked) {
      after.jobs.push(automationJob(tenantId, run.id, 0));
      queued++;
    }
  }
  return queued;
}
