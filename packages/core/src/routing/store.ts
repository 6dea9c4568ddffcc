import { sql } from "kysely";
import type { TenantTx } from "@vendaflow/db/with-tenant";
import { businessIntervalSchema, DEFAULT_TIMEZONE, isValidTimeZone, tierSlaSchema, type Distribution, type TierSla } from "@vendaflow/validators/routing";
import type { BusinessHours } from "./business-hours";

// Row access shared by the routing services. Lock order, everywhere in routing/:
//   conversation → team → agent_profiles (by user_id)
// Paths that start from an agent (availability, capacity) lock that agent's teams first, by id,
// and then only take conversations with SKIP LOCKED, so they never wait on a conversation lock
// while holding a team.
// Row locks are FOR NO KEY UPDATE (the conversation's too, conversations/lock.ts): they exclude
// each other but not the FOR KEY SHARE that foreign-key checks take. With FOR UPDATE, two
// handoffs writing conversations.team_id (an FK check, KEY SHARE on the team) and then locking
// that team would each wait for the other's share lock: a deadlock.

export interface LockedTeam {
  id: string;
  distribution: Distribution;
  rr_last_position: number | null;
  is_active: boolean;
  sla: TierSla;
}

/** The team row, locked: whoever holds it hands out the team's next turn. */
export async function lockTeam(tx: TenantTx, teamId: string): Promise<LockedTeam | null> {
  const row = await tx.selectFrom("teams").select(["id", "distribution", "rr_last_position", "is_active", "sla_minutes"]).where("id", "=", teamId).forNoKeyUpdate().executeTakeFirst();
  if (!row) return null;
  const sla = tierSlaSchema.safeParse(row.sla_minutes);
  return { id: row.id, distribution: row.distribution as Distribution, rr_last_position: row.rr_last_position, is_active: row.is_active, sla: sla.success ? sla.data : {} };
}

/** Locks every team the agent belongs to, in id order; returns their ids. */
export async function lockAgentTeams(tx: TenantTx, userId: string): Promise<string[]> {
  const rows = await tx
    .selectFrom("teams as t")
    .innerJoin("team_members as tm", "tm.team_id", "t.id")
    .select("t.id")
    .where("tm.user_id", "=", userId)
    .orderBy("t.id")
    .forNoKeyUpdate("t")
    .execute();
  return rows.map((r) => r.id);
}

/**
 * The team's own hours, else the tenant's default (team_id null), else null (always open).
 * Malformed intervals are dropped; an unknown zone falls back to São Paulo.
 */
export async function loadBusinessHours(tx: TenantTx, teamId: string | null): Promise<BusinessHours | null> {
  const rows = await tx
    .selectFrom("business_hours")
    .select(["team_id", "timezone", "weekly", sql<string[]>`holidays::text[]`.as("holidays")])
    .where((eb) => (teamId ? eb.or([eb("team_id", "=", teamId), eb("team_id", "is", null)]) : eb("team_id", "is", null)))
    .execute();
  const row = rows.find((r) => r.team_id !== null) ?? rows[0];
  if (!row) return null;
  const weekly = (Array.isArray(row.weekly) ? row.weekly : []).flatMap((w) => {
    const parsed = businessIntervalSchema.safeParse(w);
    return parsed.success ? [parsed.data] : [];
  });
  return { timezone: isValidTimeZone(row.timezone) ? row.timezone : DEFAULT_TIMEZONE, weekly, holidays: row.holidays ?? [] };
}
