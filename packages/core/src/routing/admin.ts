import { sql } from "kysely";
import type { TenantTx } from "@vendaflow/db/with-tenant";
import type { BusinessHoursInput, RoutingRuleInput, TeamInput } from "@vendaflow/validators/routing";
import { recordAudit, type AuditMeta } from "../audit/record";
import { DomainError } from "../errors";

/** Admin CRUD for teams, business hours and routing rules (the routing logic lives beside it). */

/** Ids that must name rows of this tenant (RLS hides the others, so they simply are not found). */
async function assertOwnIds(tx: TenantTx, table: "teams" | "users", ids: string[], field: string) {
  const unique = [...new Set(ids)];
  if (!unique.length) return;
  const found = await tx.selectFrom(table).select("id").where("id", "in", unique).execute();
  if (found.length !== unique.length) {
    throw new DomainError("BAD_REQUEST", table === "teams" ? "Time não encontrado neste espaço." : "Agente não encontrado neste espaço.", { field });
  }
}

export async function listTeams(tx: TenantTx) {
  const teams = await tx.selectFrom("teams").select(["id", "name", "distribution", "sla_minutes", "is_active"]).orderBy("name").execute();
  const members = await tx.selectFrom("team_members").select(["team_id", "user_id", "position"]).orderBy("position").execute();
  return teams.map((t) => ({ ...t, memberIds: members.filter((m) => m.team_id === t.id).map((m) => m.user_id) }));
}

const uniqueName = (err: unknown) => {
  if ((err as { code?: string }).code === "23505") throw new DomainError("CONFLICT", "Já existe um time com este nome.", { field: "name" });
  if ((err as { code?: string }).code === "23503") throw new DomainError("BAD_REQUEST", "Um dos membros não pertence a este espaço.", { field: "memberIds" });
  throw err;
};

export async function saveTeam(tx: TenantTx, tenantId: string, id: string | null, input: TeamInput, meta: AuditMeta) {
  const values = { name: input.name, distribution: input.distribution, sla_minutes: JSON.stringify(input.slaMinutes), updated_at: sql<Date>`now()` };
  const row = id
    ? await tx.updateTable("teams").set(values).where("id", "=", id).returning("id").executeTakeFirst().catch(uniqueName)
    : await tx.insertInto("teams").values({ tenant_id: tenantId, ...values }).returning("id").executeTakeFirst().catch(uniqueName);
  if (!row) throw new DomainError("NOT_FOUND", "Time não encontrado.");
  // Members in round-robin order; the turn pointer restarts when the order changes.
  await tx.deleteFrom("team_members").where("team_id", "=", row.id).execute();
  if (input.memberIds.length) {
    await tx
      .insertInto("team_members")
      .values(input.memberIds.map((userId, position) => ({ tenant_id: tenantId, team_id: row.id, user_id: userId, position })))
      .execute()
      .catch(uniqueName);
  }
  await tx.updateTable("teams").set({ rr_last_position: null }).where("id", "=", row.id).execute();
  await recordAudit(tx, tenantId, meta, { action: id ? "team.update" : "team.create", entityType: "team", entityId: row.id, after: input });
  return row;
}

export async function deleteTeam(tx: TenantTx, tenantId: string, id: string, meta: AuditMeta) {
  const gone = await tx.deleteFrom("teams").where("id", "=", id).returning("name").executeTakeFirst();
  if (!gone) throw new DomainError("NOT_FOUND", "Time não encontrado.");
  await recordAudit(tx, tenantId, meta, { action: "team.delete", entityType: "team", entityId: id, before: gone });
}

export async function listBusinessHours(tx: TenantTx) {
  // Holidays as "YYYY-MM-DD" text: a date column would come back as a midnight Date in the server's zone.
  return tx.selectFrom("business_hours").select(["id", "team_id", "timezone", "weekly", sql<string[]>`holidays::text[]`.as("holidays")]).execute();
}

export async function saveBusinessHours(tx: TenantTx, tenantId: string, input: BusinessHoursInput, meta: AuditMeta) {
  if (input.teamId) await assertOwnIds(tx, "teams", [input.teamId], "teamId");
  const values = { timezone: input.timezone, weekly: JSON.stringify(input.weekly), holidays: input.holidays, updated_at: sql<Date>`now()` };
  const existing = await tx.selectFrom("business_hours").select("id").where((eb) => (input.teamId ? eb("team_id", "=", input.teamId) : eb("team_id", "is", null))).executeTakeFirst();
  if (existing) await tx.updateTable("business_hours").set(values).where("id", "=", existing.id).execute();
  else await tx.insertInto("business_hours").values({ tenant_id: tenantId, team_id: input.teamId, ...values }).execute();
  await recordAudit(tx, tenantId, meta, { action: "business_hours.save", entityType: "business_hours", entityId: input.teamId ?? tenantId, after: input });
}

export async function listRules(tx: TenantTx) {
  return tx.selectFrom("routing_rules").select(["id", "name", "priority", "conditions", "actions", "is_active"]).orderBy("priority").orderBy("created_at").execute();
}

export async function saveRule(tx: TenantTx, tenantId: string, id: string | null, input: RoutingRuleInput, meta: AuditMeta) {
  await assertOwnIds(tx, "teams", input.actions.flatMap((a) => (a.type === "assign_team" ? [a.teamId] : [])), "actions");
  await assertOwnIds(tx, "users", input.actions.flatMap((a) => (a.type === "assign_agent" ? [a.userId] : [])), "actions");
  const values = { name: input.name, priority: input.priority, conditions: JSON.stringify(input.conditions), actions: JSON.stringify(input.actions), is_active: input.isActive, updated_at: sql<Date>`now()` };
  const row = id
    ? await tx.updateTable("routing_rules").set(values).where("id", "=", id).returning("id").executeTakeFirst()
    : await tx.insertInto("routing_rules").values({ tenant_id: tenantId, ...values }).returning("id").executeTakeFirst();
  if (!row) throw new DomainError("NOT_FOUND", "Regra não encontrada.");
  await recordAudit(tx, tenantId, meta, { action: id ? "routing_rule.update" : "routing_rule.create", entityType: "routing_rule", entityId: row.id, after: input });
  return row;
}

export async function deleteRule(tx: TenantTx, tenantId: string, id: string, meta: AuditMeta) {
  const gone = await tx.deleteFrom("routing_rules").where("id", "=", id).returning("name").executeTakeFirst();
  if (!gone) throw new DomainError("NOT_FOUND", "Regra não encontrada.");
  await recordAudit(tx, tenantId, meta, { action: "routing_rule.delete", entityType: "routing_rule", entityId: id, before: gone });
}

export async function listAgents(tx: TenantTx) {
  return tx
    .selectFrom("users as u")
    .leftJoin("agent_profiles as p", "p.user_id", "u.id")
    .select(["u.id", "u.name", "u.email", "u.role", "p.availability", "p.capacity", "p.skills", "p.last_seen_at"])
    .where("u.role", "in", ["admin", "agent"])
    .where("u.is_active", "=", true)
    .orderBy("u.name")
    .execute();
}
