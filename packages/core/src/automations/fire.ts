import { sql } from "kysely";
import type { TenantTx } from "@vendaflow/db/with-tenant";
import { triggerEntity, type AutomationTrigger } from "@vendaflow/validators/automations";
import type { AfterCommit } from "../after-commit";
import { cached } from "../cache/context";
import { listeningAutomations, webhookListenersCache } from "../cache/hot-reads";
import type { ScheduledJob } from "../ports/scheduler";
import { emitWebhookEvents, webhookListeners } from "../outbound-webhooks/emit";
import type { WebhookEventType } from "@vendaflow/validators/outbound-webhooks";
import type { SlackNotifyEvent } from "@vendaflow/validators/slack";
import { queueSlackNotification } from "../slack/notify";

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

/** The outbound webhook event each trigger also is (score changes are not offered to subscribers). */
const webhookEventOf: Partial<Record<AutomationTrigger, WebhookEventType>> = {
  lead_created: "lead.created",
  stage_changed: "deal.stage_changed",
  deal_won: "deal.won",
  deal_lost: "deal.lost",
  meeting_scheduled: "meeting.scheduled",
  conversation_handed_off: "conversation.handed_off",
};

/** The triggers a tenant's Slack channel hears about (slack/notify.ts); lead.qualified comes from the bot (conversations/apply-bot.ts). */
const slackEventOf: Partial<Record<AutomationTrigger, SlackNotifyEvent>> = {
  deal_won: "deal.won",
  conversation_handed_off: "conversation.handed_off",
};

/**
 * Something happened to a lead or a deal: one run row per active automation on that trigger,
 * its job queued after the caller's commit, and one outbound webhook delivery per subscription to
 * the matching event. Loop protection: an automation that already ran `max_per_entity_per_hour`
 * times for this entity in the last hour gets a `loop_blocked` run (kept in its log) and no job.
 * `when` is asked only if some automation or subscription listens. Deals won and handoffs also
 * notify the tenant's Slack channel when one is connected.
 */
export async function fireAutomations(tx: TenantTx, tenantId: string, ev: AutomationEvent, after: AfterCommit, when?: () => Promise<boolean>): Promise<number> {
  const slack = slackEventOf[ev.trigger];
  if (slack) await queueSlackNotification(tx, tenantId, { event: slack, entity: { type: triggerEntity[ev.trigger], id: ev.entityId }, data: ev.data }, after);
  const automations = await listening(tx, tenantId, ev.trigger);
  const hook = webhookEventOf[ev.trigger];
  // "Nobody listens" comes from the per-process cache; a list of subscribers is always read.
  const hooks = hook ? await cached(webhookListenersCache, `${tenantId}:${hook}`, () => webhookListeners(tx, hook), (v) => v.length === 0) : [];
  if ((!automations.length && !hooks.length) || (when && !(await when()))) return 0;
  if (hook && hooks.length) await emitWebhookEvents(tx, tenantId, [{ type: hook, entity: { type: triggerEntity[ev.trigger], id: ev.entityId }, data: ev.data }], after, hooks);
  if (!automations.length) return 0;
  return fire(tx, tenantId, ev.trigger, automations, [{ entityId: ev.entityId, data: ev.data }], after);
}

/**
 * The same for many entities at once (the leads one import chunk created): a fixed number of
 * statements per listening automation whatever the count, and nothing at all when none listens.
 */
export async function fireAutomationsForMany(
  tx: TenantTx,
  tenantId: string,
  trigger: AutomationTrigger,
  events: { entityId: string; data?: Record<string, unknown> }[],
  after: AfterCommit,
): Promise<number> {
  if (!events.length) return 0;
  const hook = webhookEventOf[trigger];
  if (hook) await emitWebhookEvents(tx, tenantId, events.map((e) => ({ type: hook, entity: { type: triggerEntity[trigger], id: e.entityId }, data: e.data })), after);
  const automations = await listening(tx, tenantId, trigger);
  if (!automations.length) return 0;
  return fire(tx, tenantId, trigger, automations, events, after);
}

type Listening = { id: string; max_per_entity_per_hour: number };

/** Cached per process (automations.save / delete invalidate it): most triggers have no listener. */
const listening = (tx: TenantTx, tenantId: string, trigger: AutomationTrigger): Promise<Listening[]> =>
  cached(listeningAutomations, `${tenantId}:${trigger}`, () =>
    tx.selectFrom("automations").select(["id", "max_per_entity_per_hour"]).where("trigger", "=", trigger).where("is_active", "=", true).orderBy("id").execute(),
  );

const blockedMessage = (max: number) => `Limite de ${max} ${max === 1 ? "execução" : "execuções"} por hora para este registro atingido.`;

async function fire(tx: TenantTx, tenantId: string, trigger: AutomationTrigger, automations: Listening[], events: { entityId: string; data?: Record<string, unknown> }[], after: AfterCommit): Promise<number> {
  let queued = 0;
  const entityIds = [...new Set(events.map((e) => e.entityId))].sort();
  for (const a of automations) {
    // Serialises concurrent firings of one automation for one entity, so the counts below are
    // exact; locks taken in entity id order, so two bulk firings cannot deadlock.
    const keys = entityIds.map((id) => `automation:${a.id}:${id}`);
    await sql`select pg_advisory_xact_lock(hashtextextended(k, 0)) from unnest(${keys}::text[]) with ordinality as x(k, n) order by n`.execute(tx);
    const recent = await tx
      .selectFrom("automation_runs")
      .select(["entity_id", sql<number>`count(*)::int`.as("n")])
      .where("automation_id", "=", a.id)
      .where("entity_id", "=", sql<string>`any(${entityIds}::uuid[])`)
      .where("status", "!=", "loop_blocked")
      .where("created_at", ">", sql<Date>`now() - interval '1 hour'`)
      .groupBy("entity_id")
      .execute();
    const count = new Map(recent.map((r) => [r.entity_id, r.n]));
    const rows = events.map((ev) => {
      const n = count.get(ev.entityId) ?? 0;
      count.set(ev.entityId, n + 1);
      const blocked = n >= a.max_per_entity_per_hour;
      return { entity_id: ev.entityId, event: ev.data ?? {}, status: blocked ? "loop_blocked" : "pending", error: blocked ? blockedMessage(a.max_per_entity_per_hour) : null };
    });
    // One statement for all the runs (a VALUES list of thousands would pass Postgres' parameter limit).
    const runs = await sql<{ id: string; status: string }>`
      insert into automation_runs (tenant_id, automation_id, trigger, entity_type, entity_id, event, status, error, finished_at)
      select ${tenantId}::uuid, ${a.id}::uuid, ${trigger}, ${triggerEntity[trigger]}, r.entity_id, r.event, r.status, r.error,
             case when r.status = 'loop_blocked' then now() end
        from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(entity_id uuid, event jsonb, status text, error text)
      returning id, status`.execute(tx);
    for (const run of runs.rows) {
      if (run.status !== "pending") continue;
      after.jobs.push(automationJob(tenantId, run.id, 0));
      queued++;
    }
  }
  return queued;
}
