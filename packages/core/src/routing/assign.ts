import type { TenantTx } from "@vendaflow/db/with-tenant";
import type { Availability, Distribution } from "@vendaflow/validators/routing";
import { ACTIVE_CONVERSATION_STATUSES } from "@vendaflow/validators/plain/inbox";
import { conversationBant } from "./bant-so-far";
import { canTakeMore, pickAgent, type AgentCandidate, type LeadProfile, type Pick } from "./pick-agent";
import { recordEvent } from "../conversations/events";
import { lockConversation, type LockedConversation } from "../conversations/lock";
import { meetingLinesToConversationAgent } from "../crm/meeting-lines";
import { notify } from "../notifications/notifications";
import { lockTeam, type LockedTeam } from "./store";

export type AssignResult =
  | { kind: "assigned"; conversationId: string; userId: string; teamId: string | null; method: Distribution | "preferred" }
  | { kind: "queued"; conversationId: string; teamId: string | null; reason: "no_agent_available" | "manual_queue" | "no_team" }
  /** Only with `noQueue`: nobody could take it and nothing was changed. */
  | { kind: "unavailable"; conversationId: string; teamId: string | null }
  | { kind: "skipped"; conversationId: string; reason: "not_found" | "not_pending" | "already_assigned" };

export interface AssignOptions {
  /** Never assign to these (the SLA re-route excludes the agent who missed it). */
  excludeUserIds?: readonly string[];
  /** Tried first (a rule's assign_agent) when online and below capacity; else the team decides. */
  preferredUserId?: string | null;
  /** Leave the conversation untouched instead of queueing it when nobody can take it. */
  noQueue?: boolean;
  /** Recorded with the assignment (event and notification). */
  reason?: string;
}

/**
 * Assigns one pending, unassigned conversation to an agent of its team, safely under concurrency
 * across server instances: the conversation row, then the team row, then the candidate agents'
 * profile rows are locked (in that order; agents by user_id), and capacity is counted under those
 * locks. Assignment keeps status `pending` (the agent's takeover or first reply opens it); capacity
 * counts pending + open. When nobody can take it, the conversation waits in its team's queue
 * (queued_at, FIFO) until drainTeamQueue runs.
 */
export async function assignConversation(tx: TenantTx, tenantId: string, conversationId: string, now: Date, opts: AssignOptions = {}): Promise<AssignResult> {
  const conv = await lockConversation(tx, conversationId);
  if (!conv) return { kind: "skipped", conversationId, reason: "not_found" };
  if (conv.assigned_to) return { kind: "skipped", conversationId, reason: "already_assigned" };
  if (conv.status !== "pending") return { kind: "skipped", conversationId, reason: "not_pending" };
  const team = conv.team_id ? await lockTeam(tx, conv.team_id) : null;
  return assignLocked(tx, tenantId, conv, team, now, opts);
}

interface ProfileRow {
  user_id: string;
  availability: string;
  capacity: number;
  skills: string[];
}

/** Online, active, non-viewer profiles of these users, locked in user_id order. */
async function lockCandidates(tx: TenantTx, userIds: string[]): Promise<ProfileRow[]> {
  if (!userIds.length) return [];
  return tx
    .selectFrom("agent_profiles as ap")
    .innerJoin("users as u", "u.id", "ap.user_id")
    .select(["ap.user_id", "ap.availability", "ap.capacity", "ap.skills"])
    .where("ap.user_id", "in", userIds)
    .where("ap.availability", "=", "online")
    .where("u.is_active", "=", true)
    .where("u.role", "!=", "viewer")
    .orderBy("ap.user_id")
    .forNoKeyUpdate("ap")
    .execute();
}

async function openCounts(tx: TenantTx, userIds: string[]): Promise<Map<string, number>> {
  if (!userIds.length) return new Map();
  const rows = await tx
    .selectFrom("conversations")
    .select((eb) => ["assigned_to", eb.fn.countAll<number>().as("n")])
    .where("assigned_to", "in", userIds)
    .where("status", "in", ACTIVE_CONVERSATION_STATUSES)
    .groupBy("assigned_to")
    .execute();
  return new Map(rows.map((r) => [r.assigned_to!, Number(r.n)]));
}

/** Skill-based routing compares the lead's need answer (so far) and tags with agent skills. */
async function leadProfile(tx: TenantTx, conversationId: string): Promise<LeadProfile> {
  const { bant, tags } = await conversationBant(tx, conversationId);
  const need = bant.need?.value;
  return { needText: typeof need === "string" ? need : null, tags };
}

/**
 * The assignment itself, for callers that already hold the conversation lock (and the team's,
 * when it has one). Mutates `team.rr_last_position` so a caller looping over a queue keeps turns.
 */
export async function assignLocked(tx: TenantTx, tenantId: string, conv: LockedConversation, team: LockedTeam | null, now: Date, opts: AssignOptions = {}): Promise<AssignResult> {
  const conversationId = conv.id;
  const teamId = conv.team_id;
  const exclude = opts.excludeUserIds ?? [];
  const activeTeam = team?.is_active ? team : null;
  const members = activeTeam ? await tx.selectFrom("team_members").select(["user_id", "position"]).where("team_id", "=", activeTeam.id).execute() : [];
  const preferred = opts.preferredUserId && !exclude.includes(opts.preferredUserId) ? opts.preferredUserId : null;

  const ids = [...new Set([...members.map((m) => m.user_id), ...(preferred ? [preferred] : [])])];
  const profiles = await lockCandidates(tx, ids);
  const counts = await openCounts(tx, profiles.map((p) => p.user_id));
  const toCandidate = (p: ProfileRow, position: number): AgentCandidate => ({
    userId: p.user_id,
    position,
    availability: p.availability as Availability,
    capacity: p.capacity,
    openCount: counts.get(p.user_id) ?? 0,
    skills: p.skills,
  });

  let pick: Pick | null = null;
  let method: Distribution | "preferred" | null = null;
  const preferredProfile = preferred ? profiles.find((p) => p.user_id === preferred) : undefined;
  if (preferredProfile && canTakeMore(toCandidate(preferredProfile, -1), exclude)) {
    pick = { userId: preferred!, position: -1 };
    method = "preferred";
  } else if (activeTeam && activeTeam.distribution !== "manual") {
    const byUser = new Map(profiles.map((p) => [p.user_id, p]));
    const candidates = members.flatMap((m) => {
      const p = byUser.get(m.user_id);
      return p ? [toCandidate(p, m.position)] : [];
    });
    const lead = activeTeam.distribution === "skill_based" ? await leadProfile(tx, conv.id) : undefined;
    pick = pickAgent(activeTeam.distribution, candidates, activeTeam.rr_last_position, { exclude, ...(lead ? { lead } : {}) });
    method = activeTeam.distribution;
  }

  if (pick && method) {
    await tx.updateTable("conversations").set({ assigned_to: pick.userId, queued_at: null, updated_at: now }).where("id", "=", conversationId).execute();
    await meetingLinesToConversationAgent(tx, conversationId, pick.userId, now);
    if (method !== "preferred" && activeTeam) {
      await tx.updateTable("teams").set({ rr_last_position: pick.position }).where("id", "=", activeTeam.id).execute();
      activeTeam.rr_last_position = pick.position;
    }
    conv.assigned_to = pick.userId;
    conv.queued_at = null;
    const data = { conversationId, teamId, method, ...(opts.reason ? { reason: opts.reason } : {}) };
    await notify(tx, tenantId, pick.userId, "conversation_assigned", data, now);
    await recordEvent(tx, tenantId, { conversationId, kind: "assigned", data: { userId: pick.userId, teamId, method, ...(opts.reason ? { reason: opts.reason } : {}) }, at: now });
    return { kind: "assigned", conversationId, userId: pick.userId, teamId, method };
  }

  if (opts.noQueue) return { kind: "unavailable", conversationId, teamId };
  const reason = !activeTeam ? "no_team" : activeTeam.distribution === "manual" ? "manual_queue" : "no_agent_available";
  if (!conv.queued_at) {
    await tx.updateTable("conversations").set({ queued_at: now, updated_at: now }).where("id", "=", conversationId).execute();
    conv.queued_at = now;
    await recordEvent(tx, tenantId, { conversationId, kind: "queued", data: { teamId, reason }, at: now });
  }
  return { kind: "queued", conversationId, teamId, reason };
}
