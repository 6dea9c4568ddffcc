import { sql } from "kysely";
import type { Database } from "@vendaflow/db/create-db";
import type { Family } from "./metrics";

/** The window of the per-tenant business figures (their names end in _5m). */
export const ACTIVITY_WINDOW_SECONDS = 300;

const TENANT_METRICS: Record<string, string> = {
  messages_in: "Messages received from leads in the last 5 minutes, per tenant.",
  messages_out: "Messages sent to leads (bot, agents, system) in the last 5 minutes, per tenant.",
  bot_steps: "Bot replies in the last 5 minutes, per tenant.",
  leads_qualified: "Leads the bot qualified in the last 5 minutes, per tenant.",
  handoffs: "Conversations handed to humans in the last 5 minutes, per tenant.",
  sla_breaches: "First-response SLA breaches in the last 5 minutes, per tenant.",
  webhook_failures: "Inbound webhook events that failed for good in the last 5 minutes, per tenant.",
  inbound_pending: "Inbound events received and not processed yet, per tenant.",
  inbound_lag_seconds: "Age of the oldest inbound event not processed yet (queue lag), per tenant.",
};

const familyName = (metric: string) => `vf_tenant_${metric}${metric.startsWith("inbound_") ? "" : "_5m"}`;

/** Every family tenantActivity() can return, for registering OTel gauges before any data exists. */
export const TENANT_ACTIVITY_FAMILIES = Object.entries(TENANT_METRICS).map(([metric, help]) => ({ name: familyName(metric), help }));

/**
 * The per-tenant business figures of the last 5 minutes and the inbound queue, read from the rows
 * through app_tenant_activity (migration 0090; a caller bound to a tenant gets nothing), plus the
 * embedded scheduler's queue (global table). Gauges: any instance answers the same.
 */
export async function tenantActivity(db: Database): Promise<Family[]> {
  const rows = await sql<{ tenant_id: string; slug: string; metric: string; value: number }>`select * from app_tenant_activity(${ACTIVITY_WINDOW_SECONDS})`.execute(db);
  const families = new Map<string, Family>(TENANT_ACTIVITY_FAMILIES.map((f) => [f.name, { ...f, type: "gauge" as const, samples: [] }]));
  for (const r of rows.rows) families.get(familyName(r.metric))?.samples.push({ labels: { tenant: r.slug, tenant_id: r.tenant_id }, value: Number(r.value) });
  const jobs = await sql<{ due: number; retrying: number; lag: number | null }>`
    select count(*)::int as due, count(*) filter (where attempts > 0)::int as retrying, extract(epoch from now() - min(not_before))::float8 as lag
    from scheduled_jobs where delivered_at is null and not_before <= now()`.execute(db);
  const j = jobs.rows[0] ?? { due: 0, retrying: 0, lag: null };
  return [
    ...families.values(),
    { name: "vf_scheduled_jobs_due", help: "Embedded scheduler: jobs due and not delivered yet (QStash keeps its own queue).", type: "gauge", samples: [{ labels: {}, value: j.due }] },
    { name: "vf_scheduled_jobs_retrying", help: "Embedded scheduler: due jobs whose delivery already failed at least once.", type: "gauge", samples: [{ labels: {}, value: j.retrying }] },
    { name: "vf_scheduled_jobs_lag_seconds", help: "Embedded scheduler: how late the oldest due job is.", type: "gauge", samples: [{ labels: {}, value: j.lag ?? 0 }] },
  ];
}
