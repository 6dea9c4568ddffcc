import type { TenantTx } from "@vendaflow/db/with-tenant";
import { assignLocked, type AssignResult } from "./assign";
import { lockNextQueued } from "../conversations/lock";
import { lockAgentTeams, lockTeam } from "./store";

/**
 * Assigns the team's queued conversations, oldest first, while its agents have room. Call it when
 * an agent comes online or frees capacity. Holds the team lock throughout and takes queued
 * conversations with SKIP LOCKED (lockNextQueued): one being assigned elsewhere right now is left
 * to that caller (which gets the team lock after us), so the two never wait on each other.
 */
export async function drainTeamQueue(tx: TenantTx, tenantId: string, teamId: string, now: Date): Promise<AssignResult[]> {
  const team = await lockTeam(tx, teamId);
  if (!team || !team.is_active || team.distribution === "manual") return [];
  const assigned: AssignResult[] = [];
  for (;;) {
    const conv = await lockNextQueued(tx, teamId);
    if (!conv) break;
    const result = await assignLocked(tx, tenantId, conv, team, now, { reason: "queue" });
    if (result.kind !== "assigned") break;
    assigned.push(result);
  }
  return assigned;
}

/** Drains every queue the agent works in (teams locked in id order first). For "capacity freed". */
export async function drainQueuesForAgent(tx: TenantTx, tenantId: string, userId: string, now: Date): Promise<AssignResult[]> {
  const teamIds = await lockAgentTeams(tx, userId);
  const assigned: AssignResult[] = [];
  for (const teamId of teamIds) assigned.push(...(await drainTeamQueue(tx, tenantId, teamId, now)));
  return assigned;
}
