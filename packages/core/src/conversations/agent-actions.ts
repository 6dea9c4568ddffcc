import type { ConversationEventKind } from "@vendaflow/validators/plain/inbox";
import type { TenantTx } from "@vendaflow/db/with-tenant";
import { botStateSchema } from "@vendaflow/validators/flow";
import type { TemplateKey } from "@vendaflow/validators/inbox";
import type { AfterCommit } from "../after-commit";
import { recordAudit } from "../audit/record";
import { questionReply } from "../bot/reply-format";
import type { StoredAgentFile } from "../media/agent-file";
import type { AppDeps } from "../deps";
import { DomainError } from "../errors";
import { loadFlow } from "../flows/store";
import { notify } from "../notifications/notifications";
import { meetingLinesToConversationAgent } from "../crm/meeting-lines";
import { drainQueuesForAgent } from "../routing/drain-queue";
import { storeReplies } from "./apply-bot";
import { recordEvent } from "./events";
import { lockConversation, type LockedConversation } from "./lock";
import { lockConversationSenders } from "./sender-locks";
import { assertCanHandle, type Actor } from "./permissions";

/**
 * What every agent action runs in, all of it from the caller (the tRPC ladder): the tenant
 * transaction, who acts, the time, and where to queue the messages and jobs that go out after commit.
 */
export interface AgentAction {
  tx: TenantTx;
  tenantId: string;
  actor: Actor;
  now: Date;
  after: AfterCommit;
}

async function lock(a: AgentAction, conversationId: string): Promise<LockedConversation> {
  const c = await lockConversation(a.tx, conversationId);
  if (!c) throw new DomainError("NOT_FOUND", "Conversa não encontrada.");
  return c;
}

/** Every agent action lands in the conversation's timeline and in the tenant's audit log. */
async function event(a: AgentAction, conversationId: string, kind: ConversationEventKind, data: Record<string, unknown> = {}) {
  await recordEvent(a.tx, a.tenantId, { conversationId, kind, data, actorUserId: a.actor.userId });
  await recordAudit(a.tx, a.tenantId, { actorUserId: a.actor.userId }, { action: `conversation.${kind}`, entityType: "conversation", entityId: conversationId, after: data });
}

/** The agent takes the conversation from the bot or the queue: status open, assigned to them. */
export async function takeOver(a: AgentAction, conversationId: string) {
  const c = await lock(a, conversationId);
  await assertCanHandle(a.tx, a.actor, c);
  if (c.status === "resolved") throw new DomainError("PRECONDITION_FAILED", "Reabra a conversa antes de assumi-la.");
  await a.tx.updateTable("conversations").set({ status: "open", assigned_to: a.actor.userId, queued_at: null, updated_at: a.now }).where("id", "=", c.id).execute();
  await meetingLinesToConversationAgent(a.tx, c.id, a.actor.userId, a.now);
  await event(a, c.id, "takeover", { from: c.status });
}

/** Hands the conversation back to the bot, which resumes by asking the chosen step again (sent after commit). */
export async function handBack(a: AgentAction, deps: Pick<AppDeps, "bot">, conversationId: string, stepId: string) {
  const { tx, tenantId, now } = a;
  const c = await lock(a, conversationId);
  await assertCanHandle(tx, a.actor, c);
  if (!c.flow_id) throw new DomainError("PRECONDITION_FAILED", "Esta conversa não tem fluxo de qualificação.");
  const flow = await loadFlow(tx, c.flow_id);
  const step = flow.steps.find((s) => s.id === stepId);
  if (!step) throw new DomainError("BAD_REQUEST", `A etapa "${stepId}" não existe no fluxo desta conversa.`, { field: "stepId" });
  const prior = botStateSchema.safeParse(c.bot_state);
  const base = prior.success
    ? prior.data
    : { flowVersion: flow.version, stepId: null, revision: 0, answers: {}, score: 0, invalidCount: 0, reminderCount: 0, status: "active" as const, contact: {}, path: [] };
  const state = { ...base, stepId, status: "active" as const, revision: base.revision + 1, invalidCount: 0, reminderCount: 0, path: [...base.path, stepId] };
  await storeReplies({ tx, tenantId, conversationId: c.id, leadId: c.lead_id, now }, [questionReply(step)], a.after);
  a.after.jobs.push({ path: "/api/jobs/bot-timeout", body: { tenantId, conversationId: c.id, revision: state.revision }, delaySeconds: step.timeoutSeconds ?? deps.bot.defaultTimeoutSeconds, deduplicationId: `bot-timeout-${c.id}-${state.revision}` });
  await tx
    .updateTable("conversations")
    .set({ status: "bot", assigned_to: null, queued_at: null, bot_state: JSON.stringify(state), bot_revision: state.revision, current_step: stepId, handoff_reason: null, routed_at: null, updated_at: now })
    .where("id", "=", c.id)
    .execute();
  await event(a, c.id, "hand_back", { stepId });
}

/** Assigns (or unassigns with null) a conversation; admins assign anyone, agents only themselves. */
export async function assignTo(a: AgentAction, conversationId: string, userId: string | null) {
  const { tx, tenantId, actor, now } = a;
  const c = await lock(a, conversationId);
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
    .set({ assigned_to: userId, queued_at: userId ? null : now, status: c.status === "bot" ? "pending" : c.status, updated_at: now })
    .where("id", "=", c.id)
    .execute();
  await meetingLinesToConversationAgent(tx, c.id, userId, now);
  await event(a, c.id, userId ? "assigned" : "unassigned", { userId, previous: freed });
  if (userId && userId !== actor.userId) await notify(tx, tenantId, userId, "conversation_assigned", { conversationId: c.id, by: actor.name }, now);
  if (freed && freed !== userId) await drainQueuesForAgent(tx, tenantId, freed, now);
}

export async function resolve(a: AgentAction, conversationId: string) {
  const c = await lock(a, conversationId);
  await assertCanHandle(a.tx, a.actor, c);
  if (c.status === "resolved") return;
  await a.tx.updateTable("conversations").set({ status: "resolved", queued_at: null, updated_at: a.now }).where("id", "=", c.id).execute();
  await event(a, c.id, "resolved", { from: c.status });
  // Resolving frees capacity: queued conversations may now reach this agent.
  if (c.assigned_to) await drainQueuesForAgent(a.tx, a.tenantId, c.assigned_to, a.now);
}

export async function reopen(a: AgentAction, conversationId: string) {
  const c = await lock(a, conversationId);
  await assertCanHandle(a.tx, a.actor, c);
  if (c.status !== "resolved") return;
  await a.tx.updateTable("conversations").set({ status: c.assigned_to ? "open" : "pending", updated_at: a.now }).where("id", "=", c.id).execute();
  await event(a, c.id, "reopened");
}

/** An internal note: visible to the team in the timeline, never sent to the lead. */
export async function addNote(a: AgentAction, conversationId: string, text: string) {
  const c = await lock(a, conversationId);
  if (a.actor.role === "viewer") throw new DomainError("FORBIDDEN", "Leitores não podem escrever notas.");
  await a.tx.insertInto("messages").values({ tenant_id: a.tenantId, conversation_id: c.id, sender: "agent", sender_user_id: a.actor.userId, content_type: "note", text }).execute();
  await recordAudit(a.tx, a.tenantId, { actorUserId: a.actor.userId }, { action: "conversation.note", entityType: "conversation", entityId: c.id });
}

export type ReplyInput = { text: string } | { templateKey: TemplateKey } | { file: StoredAgentFile };

/**
 * An agent's reply. Unassigned → the agent takes it; the first reply stamps first_response_at (SLA).
 * Sent through the conversation's channel after commit; outside WhatsApp's 24-hour window pass a
 * template key instead of free text. A file (WhatsApp only) comes already stored
 * (media/agent-file) and is recorded with its message. Returns the stored message's id.
 */
export async function reply(a: AgentAction, conversationId: string, input: ReplyInput): Promise<string> {
  const { tx, tenantId, actor, now } = a;
  // Before the conversation's lock (sender-locks.ts): a lead message racing this reply waits for it and counts it.
  await lockConversationSenders(tx, tenantId, conversationId);
  const c = await lock(a, conversationId);
  await assertCanHandle(tx, actor, c);
  if (c.status === "resolved") throw new DomainError("PRECONDITION_FAILED", "Reabra a conversa para responder.");
  const file = "file" in input ? input.file : null;
  if ("templateKey" in input || file) {
    const inbox = await tx.selectFrom("inboxes").select("channel").where("id", "=", c.inbox_id).executeTakeFirstOrThrow();
    if (inbox.channel !== "whatsapp") {
      throw file ? new DomainError("BAD_REQUEST", "Arquivos só podem ser enviados em conversas do WhatsApp.", { field: "file" }) : new DomainError("BAD_REQUEST", "Templates só existem em conversas do WhatsApp.", { field: "templateKey" });
    }
  }
  const values = file
    ? { content_type: file.kind, text: file.caption, payload: JSON.stringify({ media: { filename: file.filename, mimeType: file.contentType, ...(file.caption ? { caption: file.caption } : {}) } }) }
    : "text" in input
      ? { content_type: "text", text: input.text, payload: "{}" }
      : { content_type: "text", text: `[template: ${"templateKey" in input ? input.templateKey : ""}]`, payload: JSON.stringify("templateKey" in input ? { templateKey: input.templateKey } : {}) };
  const row = await tx
    .insertInto("messages")
    .values({ tenant_id: tenantId, conversation_id: c.id, sender: "agent", sender_user_id: actor.userId, ...values, delivery_status: "pending", created_at: now })
    .returning("id")
    .executeTakeFirstOrThrow();
  if (file) {
    await tx
      .insertInto("media_objects")
      .values({ id: file.mediaId, tenant_id: tenantId, message_id: row.id, direction: "outbound", kind: file.kind, status: "stored", storage_key: file.key, content_type: file.contentType, declared_type: file.declaredType, filename: file.filename, size_bytes: file.size, sha256: file.sha256, stored_at: now })
      .execute();
  }
  await tx
    .updateTable("conversations")
    .set({ status: "open", assigned_to: c.assigned_to ?? actor.userId, queued_at: null, first_response_at: c.first_response_at ?? now, last_message_at: now, updated_at: now })
    .where("id", "=", c.id)
    .execute();
  if (!c.assigned_to) await meetingLinesToConversationAgent(tx, c.id, actor.userId, now);
  if (c.status !== "open") await event(a, c.id, "takeover", { from: c.status, byReply: true });
  await recordAudit(tx, tenantId, { actorUserId: actor.userId }, { action: file ? "conversation.reply_file" : "conversation.reply", entityType: "conversation", entityId: c.id, ...(file ? { after: { filename: file.filename, kind: file.kind, size: file.size } } : {}) });
  a.after.outbound.push(row.id);
  return row.id;
}
