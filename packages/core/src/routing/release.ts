import { sql } from "kysely";
import type { TenantTx } from "@vendaflow/db/with-tenant";
import type { Role } from "@vendaflow/validators/users";
import { recordAudits, type AuditMeta } from "../audit/record";
import { DomainError } from "../errors";
import { meetingLinesToConversationAgent } from "../crm/meeting-lines";
import { notify } from "../notifications/notifications";
import { recordEvent } from "../conversations/events";
import { lockedColumns, type LockedConversation } from "../conversations/lock";
import type { ConversationStatus } from "../conversations/status";
import { ACTIVE_CONVERSATION_STATUSES } from "@vendaflow/validators/plain/inbox";
import { assignLocked, type AssignResult } from "./assign";
import { decideRouting } from "./handoff";
import { lockTeam, type LockedTeam } from "./store";

/** Why an agent's conversations go back to routing (the timeline event's and the audit row's `reason`). */
export type ReleaseReason = "agent_deactivated" | "bulk_reassign";

export interface ReleasedConversation {
  conversationId: string;
  /** Where it went: another agent, or the team's queue. */
  result: AssignResult;
}

const held = (tx: TenantTx, userId: string) =>
  tx.selectFrom("conversations").select(lockedColumns).where("assigned_to", "=", userId).where("status", "in", ACTIVE_CONVERSATION_STATUSES).orderBy("id").forNoKeyUpdate();

/**
 * The agent leaves routing (deactivated): they go offline, and each of their pending and open
 * conversations goes back to the queue and is routed again by the tenant's rules, as a helpdesk
 * does when an agent is removed (Zendesk, Intercom, Chatwoot). Each conversation keeps its team
 * (the rules chose it at handoff) unless it has none or that team is inactive, when the rules pick
 * one now (decideRouting, with the tenant's oldest active team as the fallback); a rule's preferred
 * agent is tried first. It is unassigned (status `pending`: an agent's takeover or first reply
 * opens it again; its SLA fields are kept) and assigned with the agent excluded, or queued FIFO in
 * its team when nobody can take it. Timeline events and one audit row per conversation, by `meta`.
 *
 * Lock order is routing's (store.ts): the conversations (by id), then their teams and the agent's
 * own teams (by id), then the agent's profile, set offline. From then on no routing path picks the
 * agent (a path holding the profile's lock and committing before us has been waited for), so a
 * final sweep takes, with SKIP LOCKED, what such a path assigned after the first read; those go to
 * their team's queue (their team may not be locked here) to be drained as agents free up.
 * Notifications for the new assignees are rows of this transaction; the change feed wakes the
 * inboxes at commit, so there is no after-commit work.
 */
export async function releaseAgentConversations(tx: TenantTx, tenantId: string, userId: string, reason: ReleaseReason, meta: AuditMeta, now: Date): Promise<ReleasedConversation[]> {
  const convs = await lockHeld(tx, userId);
  const released = await reroute(tx, tenantId, userId, convs, reason, meta, now, async () => {
    await tx
      .updateTable("agent_profiles")
      .set({ availability: "offline", availability_changed_at: sql<Date>`case when availability = 'offline' then availability_changed_at else ${now}::timestamptz end`, updated_at: now })
      .where("user_id", "=", userId)
      .execute();
  });

  // Assigned to the agent by a routing path that committed between the first read and the profile lock.
  const late = await held(tx, userId).skipLocked().execute();
  for (const row of late) {
    const c = { ...row, status: row.status as ConversationStatus } as LockedConversation;
    await unassign(tx, tenantId, userId, c, c.team_id, now, reason, meta);
    await recordEvent(tx, tenantId, { conversationId: c.id, kind: "queued", data: { teamId: c.team_id, reason }, at: now });
    released.push({ conversationId: c.id, result: { kind: "queued", conversationId: c.id, teamId: c.team_id, reason: "no_agent_available" } });
  }
  await auditReleased(tx, tenantId, userId, released, reason, meta);
  return released;
}

async function lockHeld(tx: TenantTx, userId: string): Promise<LockedConversation[]> {
  return (await held(tx, userId).execute()).map((c) => ({ ...c, status: c.status as ConversationStatus }) as LockedConversation);
}

/** Unassigned (status pending, in `teamId`), queued at `queuedAt` or not; the timeline says who it came from and why. */
async function unassign(tx: TenantTx, tenantId: string, from: string, c: LockedConversation, teamId: string | null, now: Date, reason: string, meta: AuditMeta, queuedAt: Date | null = now) {
  await tx.updateTable("conversations").set({ assigned_to: null, status: "pending", team_id: teamId, queued_at: queuedAt, updated_at: now }).where("id", "=", c.id).execute();
  await recordEvent(tx, tenantId, { conversationId: c.id, kind: "unassigned", data: { userId: null, previous: from, reason, teamId }, actorUserId: meta.actorUserId ?? null, at: now });
  Object.assign(c, { assigned_to: null, status: "pending", team_id: teamId, queued_at: queuedAt });
}

/**
 * The locked conversations `from` held, back to routing: each one's team decided (its own active
 * team, else the rules'), those teams and `from`'s own locked by id, `whileLocked` run (the
 * deactivation sets the profile offline there), then each unassigned and assigned with `from`
 * excluded (a rule's preferred agent first), or queued.
 */
async function reroute(tx: TenantTx, tenantId: string, from: string, convs: LockedConversation[], reason: string, meta: AuditMeta, now: Date, whileLocked?: () => Promise<void>): Promise<ReleasedConversation[]> {
  const routes = new Map<string, { teamId: string | null; preferredUserId: string | null }>();
  const convTeams = [...new Set(convs.flatMap((c) => (c.team_id ? [c.team_id] : [])))];
  const activeTeams = new Set(convTeams.length ? (await tx.selectFrom("teams").select("id").where("is_active", "=", true).where("id", "in", convTeams).execute()).map((t) => t.id) : []);
  for (const c of convs) {
    const route = await decideRouting(tx, c);
    routes.set(c.id, { teamId: c.team_id && activeTeams.has(c.team_id) ? c.team_id : route.teamId, preferredUserId: route.decision.agentId });
  }

  const agentTeams = (await tx.selectFrom("team_members").select("team_id").where("user_id", "=", from).execute()).map((r) => r.team_id);
  const teamIds = [...new Set([...agentTeams, ...[...routes.values()].flatMap((r) => (r.teamId ? [r.teamId] : []))])].sort();
  const teams = new Map<string, LockedTeam>();
  for (const id of teamIds) {
    const t = await lockTeam(tx, id);
    if (t) teams.set(id, t);
  }
  await whileLocked?.();

  const released: ReleasedConversation[] = [];
  for (const c of convs) {
    const route = routes.get(c.id)!;
    await unassign(tx, tenantId, from, c, route.teamId, now, reason, meta, null);
    const team = route.teamId ? (teams.get(route.teamId) ?? null) : null;
    released.push({ conversationId: c.id, result: await assignLocked(tx, tenantId, c, team, now, { excludeUserIds: [from], preferredUserId: route.preferredUserId, reason }) });
  }
  return released;
}

async function auditReleased(tx: TenantTx, tenantId: string, from: string, released: ReleasedConversation[], reason: string, meta: AuditMeta) {
  await recordAudits(
    tx,
    tenantId,
    meta,
    released.map(({ conversationId, result }) => ({
      action: "conversation.unassigned",
      entityType: "conversation",
      entityId: conversationId,
      before: { assignedTo: from },
      after: { assignedTo: result.kind === "assigned" ? result.userId : null, queued: result.kind === "queued", reason },
    })),
  );
}


export interface ReassignHeldResult {
  moved: number;
  /** Of those, now with an agent (all of them for a target agent; the ones routing placed for the queue). */
  assigned: number;
}

/**
 * A manager moves everything an agent holds (pending + open) at once, from "Carga da equipe": to
 * another active agent or admin who is online — a deliberate, manual assignment, which may exceed
 * their capacity like any manual one (statuses kept, the new agent notified) — or back to the queue
 * (`toUserId` null), where each is routed again as on a deactivation, the agent excluded, without
 * changing the agent's availability. Admins only. `expected` is the count the manager confirmed:
 * under the conversations' locks a different count is a CONFLICT, so a stale screen never moves
 * what the manager did not see. The agent's queues are not drained here: the manager just emptied
 * them, and routing hands them work on its next turn. Timeline events and an audit row per
 * conversation. Lock order is routing's: conversations (by id), teams, profiles.
 */
export async function reassignHeldConversations(
  tx: TenantTx,
  tenantId: string,
  actor: { userId: string; role: Role },
  input: { fromUserId: string; toUserId: string | null; expected: number },
  meta: AuditMeta,
  now: Date,
): Promise<ReassignHeldResult> {
  if (actor.role !== "admin") throw new DomainError("FORBIDDEN", "Apenas administradores redistribuem as conversas de um agente.");
  const from = await tx.selectFrom("users").select(["id", "name", "email"]).where("id", "=", input.fromUserId).executeTakeFirst();
  if (!from) throw new DomainError("NOT_FOUND", "Usuário não encontrado.", { field: "fromUserId" });
  if (input.toUserId === from.id) throw new DomainError("BAD_REQUEST", "Escolha outro agente: estas conversas já são dele.", { field: "toUserId" });
  const convs = await lockHeld(tx, from.id);
  if (convs.length !== input.expected) {
    throw new DomainError("CONFLICT", `As conversas de ${from.name || from.email} mudaram enquanto você confirmava (agora são ${convs.length}). Confira e confirme de novo.`);
  }
  const reason = "bulk_reassign";

  if (input.toUserId === null) {
    const released = await reroute(tx, tenantId, from.id, convs, reason, meta, now);
    await auditReleased(tx, tenantId, from.id, released, reason, meta);
    return { moved: released.length, assigned: released.filter((r) => r.result.kind === "assigned").length };
  }

  // The target's profile, locked after the conversations (routing's order): online now, and stays so until commit.
  const to = await tx.selectFrom("users").select(["id", "name", "email", "role", "is_active"]).where("id", "=", input.toUserId).executeTakeFirst();
  if (!to || !to.is_active || to.role === "viewer") throw new DomainError("BAD_REQUEST", "Escolha um agente ou administrador ativo deste espaço.", { field: "toUserId" });
  const profile = await tx.selectFrom("agent_profiles").select("availability").where("user_id", "=", to.id).forNoKeyUpdate().executeTakeFirst();
  if (profile?.availability !== "online") {
    throw new DomainError("PRECONDITION_FAILED", `${to.name || to.email} não está online. Escolha um agente online ou devolva as conversas para a fila.`, { field: "toUserId" });
  }
  const ids = convs.map((c) => c.id);
  await tx.updateTable("conversations").set({ assigned_to: to.id, queued_at: null, updated_at: now }).where("id", "in", ids).execute();
  for (const id of ids) await meetingLinesToConversationAgent(tx, id, to.id, now);
  for (const id of ids) {
    await recordEvent(tx, tenantId, { conversationId: id, kind: "assigned", data: { userId: to.id, previous: from.id, reason }, actorUserId: actor.userId, at: now });
    await notify(tx, tenantId, to.id, "conversation_assigned", { conversationId: id, reason }, now);
  }
  await recordAudits(
    tx,
    tenantId,
    meta,
    ids.map((id) => ({ action: "conversation.assigned", entityType: "conversation", entityId: id, before: { assignedTo: from.id }, after: { assignedTo: to.id, reason } })),
  );
  return { moved: ids.length, assigned: ids.length };
}
