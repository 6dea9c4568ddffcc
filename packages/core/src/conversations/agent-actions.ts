import { withTenant, type TenantTx } from "@vendaflow/db/with-tenant";
import { botStateSchema } from "@vendaflow/validators/flow";
import { recordAudit } from "../audit/record";
import { questionReply } from "../bot/reply-format";
import { DomainError } from "../errors";
import { loadFlow } from "../flows/store";
import { drainQueuesForAgent } from "../routing/drain-queue";
import { notify } from "../routing/store";
import { storeReplies, type AfterCommit } from "./apply-bot";
import type { AppDeps } from "../deps";
import { deliverMessages } from "./deliver";
import { assertCanHandle, type Actor } from "./permissions";

type Locked = { id: string; status: string; assigned_to: string | null; team_id: string | null; lead_id: string; inbox_id: string; flow_id: string | null; bot_state: unknown; first_response_at: Date | null };

async function lock(tx: TenantTx, conversationId: string): Promise<Locked> {
  const c = await tx
    .selectFrom("conversations")
    .select(["id", "status", "assigned_to", "team_id", "lead_id", "inbox_id", "flow_id", "bot_state", "first_response_at"])
    .where("id", "=", conversationId)
    .forUpdate()
    .executeTakeFirst();
  if (!c) throw new DomainError("NOT_FOUND", "Conversa não encontrada.");
  return c;
}

/** Every agent action lands in the conversation's timeline and in the tenant's audit log. */
async function event(tx: TenantTx, tenantId: string, conversationId: string, actor: Actor, kind: string, data: Record<string, unknown> = {}) {
  await tx.insertInto("conversation_events").values({ tenant_id: tenantId, conversation_id: conversationId, kind, data: JSON.stringify(data), actor_user_id: actor.userId }).execute();
  await recordAudit(tx, tenantId, { actorUserId: actor.userId }, { action: `conversation.${kind}`, entityType: "conversation", entityId: conversationId, after: data });
}


/** The agent takes the conversation from the bot or the queue: status open, assigned to them. */
export async function takeOver(tx: TenantTx, tenantId: string, actor: Actor, conversationId: string) {
  const c = await lock(tx, conversationId);
  await assertCanHandle(tx, actor, c);
  if (c.status === "resolved") throw new DomainError("PRECONDITION_FAILED", "Reabra a conversa antes de assumi-la.");
  await tx.updateTable("conversations").set({ status: "open", assigned_to: actor.userId, queued_at: null, updated_at: new Date() }).where("id", "=", c.id).execute();
  await event(tx, tenantId, c.id, actor, "takeover", { from: c.status });
}

/** Hands the conversation back to the bot, which resumes by asking the chosen step again. */
export async function handBack(deps: AppDeps, tenantId: string, actor: Actor, conversationId: string, stepId: string) {
  const after: AfterCommit = { outbound: [], jobs: [] };
  await withTenant(deps.db, tenantId, async (tx) => {
    const c = await lock(tx, conversationId);
    await assertCanHandle(tx, actor, c);
    if (!c.flow_id) throw new DomainError("PRECONDITION_FAILED", "Esta conversa não tem fluxo de qualificação.");
    const flow = await loadFlow(tx, c.flow_id);
    const step = flow.steps.find((s) => s.id === stepId);
    if (!step) throw new DomainError("BAD_REQUEST", `A etapa "${stepId}" não existe no fluxo desta conversa.`, { field: "stepId" });
    const prior = botStateSchema.safeParse(c.bot_state);
    const base = prior.success
      ? prior.data
      : { flowVersion: flow.version, stepId: null, revision: 0, answers: {}, score: 0, invalidCount: 0, reminderCount: 0, status: "active" as const, contact: {}, path: [] };
    const state = { ...base, stepId, status: "active" as const, revision: base.revision + 1, invalidCount: 0, reminderCount: 0, path: [...base.path, stepId] };
    const now = deps.now();
    await storeReplies({ tx, tenantId, conversationId: c.id, leadId: c.lead_id, now }, [questionReply(step)], after);
    after.jobs.push({ path: "/api/jobs/bot-timeout", body: { tenantId, conversationId: c.id, revision: state.revision }, delaySeconds: step.timeoutSeconds ?? deps.bot.defaultTimeoutSeconds, deduplicationId: `bot-timeout-${c.id}-${state.revision}` });
    await tx
      .updateTable("conversations")
      .set({ status: "bot", assigned_to: null, queued_at: null, bot_state: JSON.stringify(state), bot_revision: state.revision, current_step: stepId, handoff_reason: null, routed_at: null, updated_at: now })
      .where("id", "=", c.id)
      .execute();
    await event(tx, tenantId, c.id, actor, "hand_back", { stepId });
  });
  await deliverMessages(deps, tenantId, after.outbound);
  for (const j of after.jobs) await deps.scheduler.schedule(j);
}

/** Assigns (or unassigns with null) a conversation; admins assign anyone, agents only themselves. */
export async function assignTo(tx: TenantTx, tenantId: string, actor: Actor, conversationId: string, userId: string | null) {
  const c = await lock(tx, conversationId);
  if (actor.role !== "admin" && !(actor.role === "agent" && userId === actor.userId)) {
    throw new DomainError("FORBIDDEN", "Apenas administradores atribuem conversas a outras pessoas.");
  }
  if (actor.role === "agent") await assertCanHandle(tx, actor, c);
  if (userId) {
    const u = await tx.selectFrom("users").select(["id", "role", "is_active"]).where("id", "=", userId).executeTakeFirst();
    if (!u || !u.is_active || u.role === "viewer") throw new DomainError("BAD_REQUEST", "Escolha um agente ou administrador ativo.", { field: "userId" });
  }
  const freed = c.assigned_to;
  await tx
    .updateTable("conversations")
    .set({ assigned_to: userId, queued_at: userId ? null : new Date(), status: c.status === "bot" ? "pending" : c.status, updated_at: new Date() })
    .where("id", "=", c.id)
    .execute();
  await event(tx, tenantId, c.id, actor, userId ? "assigned" : "unassigned", { userId, previous: freed });
  if (userId && userId !== actor.userId) await notify(tx, tenantId, userId, "conversation_assigned", { conversationId: c.id, by: actor.name }, new Date());
  if (freed && freed !== userId) await drainQueuesForAgent(tx, tenantId, freed, new Date());
}

export async function resolve(tx: TenantTx, tenantId: string, actor: Actor, conversationId: string) {
  const c = await lock(tx, conversationId);
  await assertCanHandle(tx, actor, c);
  if (c.status === "resolved") return;
  await tx.updateTable("conversations").set({ status: "resolved", queued_at: null, updated_at: new Date() }).where("id", "=", c.id).execute();
  await event(tx, tenantId, c.id, actor, "resolved", { from: c.status });
  // Resolving frees capacity: queued conversations may now reach this agent.
  if (c.assigned_to) await drainQueuesForAgent(tx, tenantId, c.assigned_to, new Date());
}

export async function reopen(tx: TenantTx, tenantId: string, actor: Actor, conversationId: string) {
  const c = await lock(tx, conversationId);
  await assertCanHandle(tx, actor, c);
  if (c.status !== "resolved") return;
  await tx.updateTable("conversations").set({ status: c.assigned_to ? "open" : "pending", updated_at: new Date() }).where("id", "=", c.id).execute();
  await event(tx, tenantId, c.id, actor, "reopened");
}

/** An internal note: visible to the team in the timeline, never sent to the lead. */
export async function addNote(tx: TenantTx, tenantId: string, actor: Actor, conversationId: string, text: string) {
  const c = await lock(tx, conversationId);
  if (actor.role === "viewer") throw new DomainError("FORBIDDEN", "Leitores não podem escrever notas.");
  await tx.insertInto("messages").values({ tenant_id: tenantId, conversation_id: c.id, sender: "agent", sender_user_id: actor.userId, content_type: "note", text }).execute();
  await recordAudit(tx, tenantId, { actorUserId: actor.userId }, { action: "conversation.note", entityType: "conversation", entityId: c.id });
}

/**
 * An agent's reply. Unassigned → the agent takes it; the first reply stamps first_response_at (SLA).
 * Sent through the conversation's channel after commit; outside WhatsApp's 24-hour window pass a
 * template key instead of free text.
 */
export async function reply(deps: AppDeps, tenantId: string, actor: Actor, conversationId: string, input: { text: string } | { templateKey: "welcome" | "confirmation" | "reminder" | "followup" }) {
  const ids = await withTenant(deps.db, tenantId, async (tx) => {
    const c = await lock(tx, conversationId);
    await assertCanHandle(tx, actor, c);
    if (c.status === "resolved") throw new DomainError("PRECONDITION_FAILED", "Reabra a conversa para responder.");
    if ("templateKey" in input) {
      const inbox = await tx.selectFrom("inboxes").select("channel").where("id", "=", c.inbox_id).executeTakeFirstOrThrow();
      if (inbox.channel !== "whatsapp") throw new DomainError("BAD_REQUEST", "Templates só existem em conversas do WhatsApp.", { field: "templateKey" });
    }
    const now = deps.now();
    const text = "text" in input ? input.text : null;
    const row = await tx
      .insertInto("messages")
      .values({ tenant_id: tenantId, conversation_id: c.id, sender: "agent", sender_user_id: actor.userId, content_type: "text", text: text ?? `[template: ${"templateKey" in input ? input.templateKey : ""}]`, payload: JSON.stringify("templateKey" in input ? { templateKey: input.templateKey } : {}), delivery_status: "pending", created_at: now })
      .returning("id")
      .executeTakeFirstOrThrow();
    await tx
      .updateTable("conversations")
      .set({ status: "open", assigned_to: c.assigned_to ?? actor.userId, queued_at: null, first_response_at: c.first_response_at ?? now, last_message_at: now, updated_at: now })
      .where("id", "=", c.id)
      .execute();
    if (c.status !== "open") await event(tx, tenantId, c.id, actor, "takeover", { from: c.status, byReply: true });
    await recordAudit(tx, tenantId, { actorUserId: actor.userId }, { action: "conversation.reply", entityType: "conversation", entityId: c.id });
    return [row.id];
  });
  await deliverMessages(deps, tenantId, ids);
  return ids[0]!;
}
