import { sql } from "kysely";
import type { TenantTx } from "@vendaflow/db/with-tenant";
import type { AutomationAction } from "@vendaflow/validators/automations";
import type { AfterCommit } from "../after-commit";
import type { AppDeps } from "../deps";
import type { Actor } from "../crm/access";
import { loseDeal, moveDeal } from "../crm/deal-stage";
import { scheduleActivityReminder } from "../crm/activity-reminder";
import { meetingLinesFollowDealOwner, meetingLinesToConversationAgent } from "../crm/meeting-lines";
import { getStage } from "../crm/pipelines";
import { notifyActivityAssigned } from "../notifications/notifications";
import { tenantMail } from "../email/sender";
import { DomainError } from "../errors";
import { checkCustomValues } from "../crm/custom-fields";
import { automationSlackMessage } from "../slack/blocks";
import { loadSlackConnection, slackTarget } from "../slack/connections";
import { recordPath } from "../slack/notify";
import { signedWebhookHeaders } from "../webhooks/signed-headers";
import type { AutomationEntity } from "./entity";

export interface ActionContext {
  tx: TenantTx;
  tenantId: string;
  deps: Pick<AppDeps, "now" | "email" | "webhooks" | "tokenSecret" | "chat" | "encryptionKey" | "links">;
  automation: { id: string; name: string; trigger: string };
  runId: string;
  entity: AutomationEntity;
  event: unknown;
  /** The run's after-commit work: a stage move queues the automations and webhooks it fires. */
  after: AfterCommit;
}

/** Who moves a deal for an automation: past the agent-ownership check, no user in the audit row. */
const AUTOMATION_ACTOR: Actor = { userId: "automation", role: "admin" };

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

async function activeUser(tx: TenantTx, id: string) {
  const u = await tx.selectFrom("users").select(["id", "email", "name"]).where("id", "=", id).where("is_active", "=", true).where("role", "in", ["admin", "agent"]).executeTakeFirst();
  if (!u) throw new DomainError("BAD_REQUEST", "Usuário não encontrado ou inativo.", { field: "userId" });
  return u;
}

/** Does one action; throws (pt-BR) when it cannot. Returns a short note for the run log. */
export async function doAction(c: ActionContext, a: AutomationAction): Promise<string> {
  const { tx, entity } = c;
  const table = entity.type === "deal" ? "deals" : "leads";
  switch (a.type) {
    case "create_task": {
      const assignee = a.assignTo === "owner" ? entity.ownerId : a.assignTo;
      if (assignee) await activeUser(tx, assignee);
      const due = new Date(c.deps.now().getTime() + a.dueInHours * 3_600_000);
      const row = await tx
        .insertInto("activities")
        .values({ tenant_id: c.tenantId, type: "task", subject: a.subject, due_at: due, assigned_to: assignee, [entity.type === "deal" ? "deal_id" : "lead_id"]: entity.id, data: JSON.stringify({ automationId: c.automation.id, runId: c.runId }) })
        .returning("id")
        .executeTakeFirstOrThrow();
      scheduleActivityReminder({ tenantId: c.tenantId, now: c.deps.now(), after: c.after }, { id: row.id, type: "task", dueAt: due });
      await notifyActivityAssigned(tx, c.tenantId, AUTOMATION_ACTOR.userId, { id: row.id, type: "task", subject: a.subject, assignedTo: assignee, dueAt: due, dealId: entity.type === "deal" ? entity.id : null, leadId: entity.type === "deal" ? null : entity.id, contactId: null, companyId: null });
      return `Tarefa "${a.subject}" criada.`;
    }
    case "update_field": {
      const fieldId = a.field.slice("custom.".length);
      const stored = await tx.selectFrom(table).select("custom_fields").where("id", "=", entity.id).executeTakeFirstOrThrow();
      const values = await checkCustomValues(tx, entity.type, { [fieldId]: a.value }, stored.custom_fields as Record<string, unknown>);
      await tx.updateTable(table).set({ custom_fields: JSON.stringify(values), updated_at: c.deps.now() }).where("id", "=", entity.id).execute();
      const def = await tx.selectFrom("custom_fields").select("label").where("id", "=", fieldId).executeTakeFirst();
      return `Campo "${def?.label ?? fieldId}" atualizado.`;
    }
    case "assign_owner": {
      const user = await activeUser(tx, a.userId);
      if (entity.type === "deal") {
        const before = await tx.selectFrom("deals").select("owner_id").where("id", "=", entity.id).executeTakeFirstOrThrow();
        await tx.updateTable("deals").set({ owner_id: a.userId, updated_at: c.deps.now() }).where("id", "=", entity.id).execute();
        await meetingLinesFollowDealOwner(tx, [{ dealId: entity.id, from: before.owner_id }], a.userId, c.deps.now());
      } else {
        const conv = await tx.selectFrom("conversations").select("id").where("lead_id", "=", entity.id).where("status", "!=", "resolved").orderBy("last_message_at", "desc").limit(1).executeTakeFirst();
        if (!conv) throw new DomainError("BAD_REQUEST", "O lead não tem conversa aberta para atribuir.");
        await tx.updateTable("conversations").set({ assigned_to: a.userId, updated_at: c.deps.now() }).where("id", "=", conv.id).execute();
        await meetingLinesToConversationAgent(tx, conv.id, a.userId, c.deps.now());
      }
      return `Atribuído a ${user.name || user.email}.`;
    }
    case "add_tag":
      await tx
        .updateTable(table)
        .set({ tags: sql<string[]>`(select coalesce(array_agg(distinct t), '{}') from unnest(tags || array[${a.tag}]::text[]) t)`, updated_at: c.deps.now() })
        .where("id", "=", entity.id)
        .execute();
      return `Etiqueta "${a.tag}" adicionada.`;
    case "send_email": {
      const to = a.to === "owner" ? (entity.ownerId ? (await activeUser(tx, entity.ownerId)).email : null) : a.to;
      if (!to) throw new DomainError("BAD_REQUEST", "O registro não tem responsável para receber o e-mail.");
      const tenant = await tx.selectFrom("tenants").select(["id", "name"]).where("id", "=", c.tenantId).executeTakeFirstOrThrow();
      await c.deps.email.send(tenantMail(tenant, to, { subject: a.subject, text: a.body, html: `<p>${escapeHtml(a.body).replace(/\n/g, "<br>")}</p>` }));
      return `E-mail enviado para ${to}.`;
    }
    case "call_webhook": {
      const body = JSON.stringify({ automation: { id: c.automation.id, name: c.automation.name }, runId: c.runId, trigger: c.automation.trigger, entity: { type: entity.type, id: entity.id, ...entity.facts }, event: c.event });
      const res = await c.deps.webhooks.post({
        url: a.url,
        body,
        headers: { ...signedWebhookHeaders(c.deps.tokenSecret, c.tenantId, `automation.${c.automation.trigger}`, body), "idempotency-key": c.runId },
      });
      if (res.status < 200 || res.status >= 300) throw new Error(`O webhook respondeu ${res.status}.`);
      return `Webhook respondeu ${res.status}.`;
    }
    case "send_slack": {
      const conn = await loadSlackConnection(tx, c.deps);
      const connected = conn?.is_active ? slackTarget(conn) : null;
      if (!connected) throw new DomainError("BAD_REQUEST", "O Slack não está conectado (Configurações → Slack).");
      if (a.channel && connected.kind !== "bot") throw new DomainError("BAD_REQUEST", "Um canal próprio na automação exige o Slack conectado por token de bot: a URL de webhook publica sempre no mesmo canal.");
      const target = a.channel && connected.kind === "bot" ? { ...connected, channel: a.channel } : connected;
      const tenant = await tx.selectFrom("tenants").select("slug").where("id", "=", c.tenantId).executeTakeFirstOrThrow();
      const label = String(entity.facts.title ?? entity.facts.name ?? (entity.type === "deal" ? "Negócio" : "Lead"));
      await c.deps.chat.post(target, automationSlackMessage(a.text, c.automation.name, label, c.deps.links.tenantUrl(tenant.slug, recordPath(entity.type, entity.id))));
      return "Mensagem enviada ao Slack.";
    }
    case "move_deal_stage":
      return moveDealStage(c, a);
  }
}

/**
 * Through moveDeal / loseDeal, as a move on the board: the activity, the audit row, and the
 * stage_changed / deal_won / deal_lost automations and outbound webhooks it fires. A loop (an
 * automation on stage_changed moving the deal on) ends at each automation's per-entity hourly
 * limit (fire.ts); a move to the stage the deal is in already is a no-op and fires nothing.
 */
async function moveDealStage(c: ActionContext, a: Extract<AutomationAction, { type: "move_deal_stage" }>): Promise<string> {
  const { tx, entity } = c;
  const stage = await getStage(tx, a.stageId);
  if (!stage) throw new DomainError("BAD_REQUEST", "A etapa escolhida não existe mais (edite a automação).");
  const deal =
    entity.type === "deal"
      ? await tx.selectFrom("deals").select(["id", "title", "status", "stage_id"]).where("id", "=", entity.id).where("deleted_at", "is", null).executeTakeFirst()
      : await tx
          .selectFrom("deals")
          .select(["id", "title", "status", "stage_id"])
          .where("lead_id", "=", entity.id)
          .where("pipeline_id", "=", stage.pipeline_id)
          .where("status", "=", "open")
          .where("deleted_at", "is", null)
          .orderBy("created_at", "desc")
          .orderBy("id", "desc")
          .limit(1)
          .executeTakeFirst();
  // Nothing to move is how things are, not a failure to retry.
  if (!deal) return entity.type === "deal" ? "O negócio não existe mais: nada a mover." : `O lead não tem negócio aberto no funil da etapa "${stage.name}": nada a mover.`;
  if (deal.stage_id === stage.id) return `O negócio "${deal.title}" já está em "${stage.name}".`;
  const meta = { actorUserId: null };
  if (stage.kind === "lost") {
    if (deal.status === "lost") return `O negócio "${deal.title}" já está perdido.`;
    if (!a.lostReasonId) throw new DomainError("BAD_REQUEST", "Escolha o motivo da perda (edite a automação).");
    await loseDeal(tx, c.tenantId, AUTOMATION_ACTOR, { id: deal.id, lostReasonId: a.lostReasonId, note: `Automação: ${c.automation.name}`.slice(0, 500) }, meta, c.deps, c.after);
  } else {
    await moveDeal(tx, c.tenantId, AUTOMATION_ACTOR, { id: deal.id, stageId: stage.id }, meta, c.deps, c.after);
  }
  return `Negócio "${deal.title}" movido para "${stage.name}".`;
}

