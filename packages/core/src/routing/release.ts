import { sql } from "kysely";
import type { TenantTx } from "@vendaflow/db/with-tenant";
import { recordAudits, type AuditMeta } from "../audit/record";
import { recordEvent } from "../conversations/events";
import { lockedColumns, type LockedConversation } from "../conversations/lock";
import type { ConversationStatus } from "../conversations/status";
import { assignLocked, CAPACITY_STATUSES, type AssignResult } from "./assign";
import { decideRouting } from "./handoff";
import { lockTeam, type LockedTeam } from "./store";

/** Why an agent's conversations go back to routing (the timeline event's and the audit row's `reason`). */
export type ReleaseReason = "agent_deactivated";

export interface ReleasedConversation {
  conversationId: string;
  /** Where it went: another agent, or the team's queue. */
  result: AssignResult;
}

const held = (tx: TenantTx, userId: string) =>
  tx.selectFrom("conversations").select(lockedColumns).where("assigned_to", "=", userId).where("status", "in", CAPACITY_STATUSES).orderBy("id").forNoKeyUpdate();

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
  const convs = (await held(tx, userId).execute()).map((c) => ({ ...c, status: c.status as ConversationStatus }) as LockedConversation);

  // Where each one goes: its own active team, else the rules' team; the rules' preferred agent.
  const routes = new Map<string, { teamId: string | null; preferredUserId: string | null }>();
  const convTeams = [...new Set(convs.flatMap((c) => (c.team_id ? [c.team_id] : [])))];
  const activeTeams = new Set(convTeams.length ? (await tx.selectFrom("teams").select("id").where("is_active", "=", true).where("id", "in", convTeams).execute()).map((t) => t.id) : []);
  for (const c of convs) {
    const route = await decideRouting(tx, c);
    routes.set(c.id, { teamId: c.team_id && activeTeams.has(c.team_id) ? c.team_id : route.teamId, preferredUserId: route.decision.agentId });
  }

  const agentTeams = (await tx.selectFrom("team_members").select("team_id").where("user_id", "=", userId).execute()).map((r) => r.team_id);
  const teamIds = [...new Set([...agentTeams, ...[...routes.values()].flatMap((r) => (r.teamId ? [r.teamId] : []))])].sort();
  const teams = new Map<string, LockedTeam>();
  for (const id of teamIds) {
    const t = await lockTeam(tx, id);
    if (t) teams.set(id, t);
  }

  await tx
    .updateTable("agent_profiles")
    .set({ availability: "offline", availability_changed_at: sql<Date>`case when availability = 'offline' then availability_changed_at else ${now}::timestamptz end`, updated_at: now })
    .where("user_id", "=", userId)
    .execute();

  const released: ReleasedConversation[] = [];
  const unassign = async (c: LockedConversation, teamId: string | null, queuedAt: Date | null) => {
    await tx.updateTable("conversations").set({ assigned_to: null, status: "pending", team_id: teamId, queued_at: queuedAt, updated_at: now }).where("id", "=", c.id).execute();
    await recordEvent(tx, tenantId, { conversationId: c.id, kind: "unassigned", data: { userId: null, previous: userId, reason, teamId }, at: now });
    Object.assign(c, { assigned_to: null, status: "pending", team_id: teamId, queued_at: queuedAt });
  };
  for (const c of convs) {
    const route = routes.get(c.id)!;
    await unassign(c, route.teamId, null);
    const team = route.teamId ? (teams.get(route.teamId) ?? null) : null;
    released.push({ conversationId: c.id, result: await assignLocked(tx, tenantId, c, team, now, { excludeUserIds: [userId], preferredUserId: route.preferredUserId, reason }) });
  }

  // Assigned to the agent by a routing path that committed between the first read and the profile lock.
  const late = await held(tx, userId).skipLocked().execute();
  for (const row of late) {
    const c = { ...row, status: row.status as ConversationStatus } as LockedConversation;
    await unassign(c, c.team_id, now);
    await recordEvent(tx, tenantId, { conversationId: c.id, kind: "queued", data: { teamId: c.team_id, reason }, at: now });
    released.push({ conversationId: c.id, result: { kind: "queued", conversationId: c.id, teamId: c.team_id, reason: "no_agent_available" } });
  }

  await recordAudits(
    tx,
    tenantId,
    meta,
    released.map(({ conversationId, result }) => ({
      action: "conversation.unassigned",
      entityType: "conversation",
      entityId: conversationId,
      before: { assignedTo: userId },
      after: { assignedTo: result.kind === "assigned" ? result.userId : null, queued: result.kind === "queued", reason },
    })),
  );
  return released;
}
