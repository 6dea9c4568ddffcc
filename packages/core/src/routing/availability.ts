import { sql, type Kysely } from "kysely";
import type { DB } from "@vendaflow/db/types";
import type { TenantTx } from "@vendaflow/db/with-tenant";
import type { Availability } from "@vendaflow/validators/routing";
import { DomainError } from "../errors";
import type { AssignResult } from "./assign";
import { drainTeamQueue } from "./drain-queue";
import { lockAgentTeams } from "./store";

export interface AvailabilityChange {
  availability: Availability;
  /** Queued conversations handed out because the agent came online. */
  drained: AssignResult[];
}

/**
 * Sets the agent's availability (creating the profile on first use) and records activity. Going
 * online drains the queues of the agent's teams right away. The agent's teams are locked first (by
 * id) so this never deadlocks with assignments, which lock a team before its agents.
 */
export async function setAgentAvailability(tx: TenantTx, tenantId: string, userId: string, availability: Availability, now: Date): Promise<AvailabilityChange> {
  const teamIds = await lockAgentTeams(tx, userId);
  await tx
    .insertInto("agent_profiles")
    .values({ tenant_id: tenantId, user_id: userId, availability, last_seen_at: now, availability_changed_at: now, updated_at: now })
    .onConflict((oc) =>
      oc.columns(["tenant_id", "user_id"]).doUpdateSet({
        availability,
        last_seen_at: now,
        availability_changed_at: sql<Date>`case when agent_profiles.availability = excluded.availability then agent_profiles.availability_changed_at else excluded.availability_changed_at end`,
        updated_at: now,
      }),
    )
    .execute();
  const drained: AssignResult[] = [];
  if (availability === "online") for (const teamId of teamIds) drained.push(...(await drainTeamQueue(tx, tenantId, teamId, now)));
  return { availability, drained };
}

/**
 * Capacity and skills (profile created offline on first use). A larger capacity frees room, so
 * the agent's queues are drained when the agent is online.
 */
export async function setAgentCapacity(tx: TenantTx, tenantId: string, userId: string, input: { capacity: number; skills: string[] }, now: Date): Promise<AssignResult[]> {
  // RLS hides other tenants' users: an unknown id is refused here instead of failing on the foreign key.
  const user = await tx.selectFrom("users").select("role").where("id", "=", userId).executeTakeFirst();
  if (!user || user.role === "viewer") throw new DomainError("BAD_REQUEST", "Escolha um agente ou administrador deste espaço.", { field: "userId" });
  const teamIds = await lockAgentTeams(tx, userId);
  const row = await tx
    .insertInto("agent_profiles")
    .values({ tenant_id: tenantId, user_id: userId, capacity: input.capacity, skills: input.skills, updated_at: now })
    .onConflict((oc) => oc.columns(["tenant_id", "user_id"]).doUpdateSet({ capacity: input.capacity, skills: input.skills, updated_at: now }))
    .returning("availability")
    .executeTakeFirstOrThrow();
  const drained: AssignResult[] = [];
  if (row.availability === "online") for (const teamId of teamIds) drained.push(...(await drainTeamQueue(tx, tenantId, teamId, now)));
  return drained;
}

/** Heartbeat from the agent's UI: keeps an online agent from being dropped to away. */
export async function recordAgentActivity(tx: TenantTx, userId: string, now: Date): Promise<void> {
  await tx.updateTable("agent_profiles").set({ last_seen_at: now }).where("user_id", "=", userId).execute();
}

/**
 * The inactivity sweep, for every tenant at once (run from a scheduled job; needs no tenant bound):
 * online agents idle for `idleMinutes` become away. Returns who changed. Rows locked by an
 * assignment in progress are skipped until the next sweep.
 */
export async function markInactiveAgentsAway(db: Kysely<DB>, now: Date, idleMinutes: number): Promise<{ tenantId: string; userId: string }[]> {
  const { rows } = await sql<{ tenant_id: string; user_id: string }>`select tenant_id, user_id from app_mark_inactive_agents_away(${now}, make_interval(mins => ${Math.max(0, Math.round(idleMinutes))}))`.execute(db);
  return rows.map((r) => ({ tenantId: r.tenant_id, userId: r.user_id }));
}
