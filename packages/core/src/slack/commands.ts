import { sql } from "kysely";
import { withTenant, type TenantTx } from "@vendaflow/db/with-tenant";
import { normalizePhone, phoneVariants } from "@vendaflow/validators/crm";
import { slackCommandSchema, type SlackCommand, type SlackCommandJob } from "@vendaflow/validators/slack";
import type { AppDeps } from "../deps";
import type { ChatMessage } from "../ports/chat";
import type { ScheduledJob } from "../ports/scheduler";
import { findTenantById } from "../tenancy/tenants";
import { leadStatusMessage, pipelineMessage, plainMessage, type LeadStatus } from "./blocks";
import { loadSlackConnection } from "./connections";
import { recordPath } from "./notify";

export const SLACK_COMMAND_JOB_PATH = "/api/jobs/slack-command";

/** The route key in /api/slack/commands/{key} (base64url of 24 random bytes). */
const ROUTE_KEY = /^[A-Za-z0-9_-]{32,64}$/;

export const HELP = "Comandos do Vendaflow: `/lead-status <e-mail ou telefone>` mostra a situação de um lead; `/pipeline` resume os negócios abertos por etapa.";

/** Checks Slack's `v0=` signature over the raw body with the connection's signing secret (from connectors). */
export type SlackSignatureCheck = (rawBody: string, headers: Headers, signingSecret: string) => boolean;

/** What the route answers: 401 (unknown key or bad/old signature, nothing read or written), 400, or 200 with a message. */
export type SlackCommandOutcome = { status: 401 } | { status: 400 } | { status: 200; message: ChatMessage; duplicate?: boolean };

/** The connection a slash command's route key names (app_resolve_slack_command). */
async function resolve(deps: Pick<AppDeps, "db">, key: string) {
  if (!ROUTE_KEY.test(key)) return null;
  const { rows } = await sql<{ tenant_id: string; connection_id: string }>`select * from app_resolve_slack_command(${key})`.execute(deps.db);
  return rows[0] ?? null;
}

/** A lead by e-mail (case-insensitive) or phone (normalizePhone and phoneVariants, as CRM dedupe does). */
export async function findLeadStatus(tx: TenantTx, query: string, url: (leadId: string) => string): Promise<LeadStatus | null> {
  const q = query.trim();
  let lead;
  const base = tx
    .selectFrom("leads as l")
    .select(["l.id", "l.name", "l.email", "l.phone", "l.stage", "l.score", "l.bant_score"])
    .select(sql<string | null>`(select c.status from conversations c where c.lead_id = l.id order by c.last_message_at desc nulls last limit 1)`.as("conversation"))
    .select(sql<number>`(select count(*)::int from deals d where d.lead_id = l.id and d.status = 'open' and d.deleted_at is null)`.as("open_deals"))
    .orderBy("l.created_at", "desc")
    .limit(1);
  if (q.includes("@")) lead = await base.where(sql<boolean>`l.email_key = lower(${q})`).executeTakeFirst();
  else {
    // The number as typed, normalised like every phone here; a Brazilian mobile with and without the
    // ninth digit; stored with or without the country code. A partial number matches nobody.
    const e164 = normalizePhone(q);
    if (!e164) return null;
    const full = phoneVariants(e164).map((p) => p.slice(1));
    const wanted = [...full, ...full.filter((d) => d.startsWith("55")).map((d) => d.slice(2))];
    lead = await base.where(sql<boolean>`l.phone is not null and regexp_replace(l.phone, '\\D', '', 'g') in (${sql.join(wanted)})`).executeTakeFirst();
  }
  if (!lead) return null;
  return { id: lead.id, name: lead.name, email: lead.email, phone: lead.phone, stage: lead.stage, score: lead.score, bant_score: lead.bant_score, conversation: lead.conversation, openDeals: lead.open_deals, url: url(lead.id) };
}

/** Open deals per pipeline and stage, in pipeline and stage order. */
export async function pipelineSummary(tx: TenantTx) {
  const rows = await tx
    .selectFrom("pipeline_stages as s")
    .innerJoin("pipelines as p", "p.id", "s.pipeline_id")
    .leftJoin("deals as d", (j) => j.onRef("d.stage_id", "=", "s.id").on("d.status", "=", "open").on("d.deleted_at", "is", null))
    .select(["p.name as pipeline", "s.name as stage", sql<number>`count(d.id)::int`.as("count"), sql<string>`coalesce(sum(d.value_cents), 0)::text`.as("value")])
    .groupBy(["p.id", "p.name", "s.id", "s.name", "s.position"])
    .orderBy("p.name")
    .orderBy("s.position")
    .execute();
  return rows.map((r) => ({ pipeline: r.pipeline, stage: r.stage, count: r.count, valueCents: Number(r.value) }));
}

/**
 * A slash command from Slack (`/lead-status`, `/pipeline`), answered within Slack's 3 seconds:
 * the route key names the connection, whose signing secret must verify the raw body (else 401
 * and nothing read); a command from another workspace than the connected one is refused; the
 * invocation's trigger_id is recorded once (a repeated delivery is answered and does nothing);
 * `/lead-status` is one read answered inline, `/pipeline` is computed by a job that posts
 * to the command's response_url. Everything runs inside the connection's tenant: another
 * tenant's rows are out of reach.
 */
export async function receiveSlackCommand(deps: Pick<AppDeps, "db" | "encryptionKey" | "links">, key: string, req: { rawBody: string; headers: Headers }, verify: SlackSignatureCheck, after: { jobs: ScheduledJob[] }): Promise<SlackCommandOutcome> {
  const route = await resolve(deps, key);
  if (!route) return { status: 401 };
  const connection = await withTenant(deps.db, route.tenant_id, (tx) => loadSlackConnection(tx, deps, route.connection_id), { readOnly: true });
  const secret = connection?.secrets.signingSecret;
  if (!connection || !secret || !verify(req.rawBody, req.headers, secret)) return { status: 401 };
  const parsed = slackCommandSchema.safeParse(Object.fromEntries(new URLSearchParams(req.rawBody)));
  if (!parsed.success) return { status: 400 };
  const cmd: SlackCommand = parsed.data;
  if (connection.team_id && cmd.team_id !== connection.team_id) return { status: 200, message: plainMessage("Este workspace do Slack não está conectado a esta conta do Vendaflow.") };
  const tenant = await findTenantById(deps.db, route.tenant_id);
  if (!tenant) return { status: 401 };
  const link = (path: string) => deps.links.tenantUrl(tenant.slug, path);

  return withTenant(deps.db, route.tenant_id, async (tx): Promise<SlackCommandOutcome> => {
    // One receipt per invocation: Slack's trigger_id, else the signature itself (unique per body and second).
    const eventId = (cmd.trigger_id || req.headers.get("x-slack-signature") || "").slice(0, 255);
    const fresh = await tx
      .insertInto("webhook_receipts")
      .values({ tenant_id: route.tenant_id, provider: "slack", provider_event_id: eventId, event_type: cmd.command })
      .onConflict((oc) => oc.columns(["tenant_id", "provider", "provider_event_id"]).doNothing())
      .returning("id")
      .executeTakeFirst();
    if (!fresh) return { status: 200, duplicate: true, message: plainMessage("Comando já recebido.") };
    const text = cmd.text.trim();
    if (cmd.command === "/lead-status") {
      if (!text) return { status: 200, message: plainMessage("Informe o e-mail ou o telefone do lead: `/lead-status maria@empresa.com.br`.") };
      return { status: 200, message: leadStatusMessage(text, await findLeadStatus(tx, text, (id) => link(recordPath("lead", id)))) };
    }
    if (cmd.command === "/pipeline") {
      if (!cmd.response_url) return { status: 200, message: pipelineMessage(await pipelineSummary(tx), link("/deals")) };
      after.jobs.push({ path: SLACK_COMMAND_JOB_PATH, body: { tenantId: route.tenant_id, command: "/pipeline", text, responseUrl: cmd.response_url } satisfies SlackCommandJob, delaySeconds: 0, deduplicationId: `slack-command:${eventId}` });
      return { status: 200, message: plainMessage("Calculando o funil… a resposta chega em instantes.") };
    }
    return { status: 200, message: plainMessage(HELP) };
  });
}

/** The slow half of a slash command: computed in the tenant, posted to its response_url (SSRF guard in the adapter). */
export async function answerSlackCommand(deps: Pick<AppDeps, "db" | "chat" | "links">, job: SlackCommandJob): Promise<{ status: string }> {
  const tenant = await findTenantById(deps.db, job.tenantId);
  if (!tenant) return { status: "missing" };
  const connected = await withTenant(deps.db, job.tenantId, (tx) => tx.selectFrom("slack_connections").select("id").where("is_active", "=", true).executeTakeFirst(), { readOnly: true });
  if (!connected) return { status: "not_connected" };
  const stages = await withTenant(deps.db, job.tenantId, (tx) => pipelineSummary(tx), { readOnly: true });
  await deps.chat.respond(job.responseUrl, pipelineMessage(stages, deps.links.tenantUrl(tenant.slug, "/deals")));
  return { status: "sent" };
}
