import type { Database } from "@vendaflow/db/create-db";
import { withTenant } from "@vendaflow/db/with-tenant";
import { businessHoursInput, cannedResponseInput, routingRuleInput, teamInput } from "@vendaflow/validators/routing";
import { NOT_QUALIFIED_TAG } from "../bot/not-qualified-tag";

// Demo routing: agent profiles, two teams, business hours, two rules and three canned responses.
// Everything goes through the validators' schemas first, so the seed never stores what the admin
// screens could not have saved.

const PROFILES = {
  admin: { capacity: 5, skills: ["vendas", "automação"] },
  agent: { capacity: 5, skills: ["qualificação", "suporte"] },
} as const;

/** National holidays for 2026 and 2027, plus the Carnival and Corpus Christi optional days most businesses close on. */
const HOLIDAYS = [
  "2026-01-01", "2026-02-16", "2026-02-17", "2026-04-03", "2026-04-21", "2026-05-01", "2026-06-04", "2026-09-07", "2026-10-12", "2026-11-02", "2026-11-15", "2026-11-20", "2026-12-25",
  "2027-01-01", "2027-02-08", "2027-02-09", "2027-03-26", "2027-04-21", "2027-05-01", "2027-05-27", "2027-09-07", "2027-10-12", "2027-11-02", "2027-11-15", "2027-11-20", "2027-12-25",
];

const CANNED = [
  { shortcut: "ola", title: "Saudação", body: "Olá, {primeiro_nome}! Aqui é {agente}, do time comercial. Vi suas respostas e já estou com o seu caso. Como posso ajudar?" },
  { shortcut: "agenda", title: "Agendar conversa", body: "{primeiro_nome}, que tal marcarmos uma conversa de 30 minutos para eu mostrar como funciona na prática? Me diga o melhor dia e horário para você." },
  { shortcut: "obrigado", title: "Agradecimento", body: "Obrigado pelo contato, {primeiro_nome}! Qualquer dúvida, é só responder por aqui." },
];

/**
 * Idempotent: does nothing if the tenant already has a team. Runs as the app role inside
 * withTenant, like the admin screens. Expects the tenant's admin and agent users to exist.
 */
export async function seedRouting(db: Database, tenantId: string, now: Date): Promise<void> {
  await withTenant(db, tenantId, async (tx) => {
    if (await tx.selectFrom("teams").select("id").limit(1).executeTakeFirst()) return;
    const users = await tx.selectFrom("users").select(["id", "role"]).where("role", "in", ["admin", "agent"]).where("is_active", "=", true).orderBy("created_at").orderBy("id").execute();
    const admin = users.find((u) => u.role === "admin");
    const agent = users.find((u) => u.role === "agent");
    if (!admin || !agent) return;

    for (const [user, profile] of [[admin, PROFILES.admin], [agent, PROFILES.agent]] as const) {
      await tx
        .insertInto("agent_profiles")
        .values({ tenant_id: tenantId, user_id: user.id, availability: "online", capacity: profile.capacity, skills: [...profile.skills], last_seen_at: now, availability_changed_at: now })
        .onConflict((oc) => oc.columns(["tenant_id", "user_id"]).doNothing())
        .execute();
    }

    const addTeam = async (raw: unknown) => {
      const team = teamInput.parse(raw);
      const row = await tx
        .insertInto("teams")
        .values({ tenant_id: tenantId, name: team.name, distribution: team.distribution, sla_minutes: JSON.stringify(team.slaMinutes) })
        .returning("id")
        .executeTakeFirstOrThrow();
      await tx
        .insertInto("team_members")
        .values(team.memberIds.map((userId, position) => ({ tenant_id: tenantId, team_id: row.id, user_id: userId, position })))
        .execute();
      return row.id;
    };
    const sales = await addTeam({ name: "Vendas", distribution: "round_robin", slaMinutes: { hot: 5, warm: 15 }, memberIds: [admin.id, agent.id] });
    const nurture = await addTeam({ name: "Nutrição", distribution: "least_busy", slaMinutes: { cold: 480 }, memberIds: [agent.id] });

    const hasHours = await tx.selectFrom("business_hours").select("id").where("team_id", "is", null).executeTakeFirst();
    if (!hasHours) {
      const hours = businessHoursInput.parse({
        teamId: null,
        timezone: "America/Sao_Paulo",
        weekly: [1, 2, 3, 4, 5].map((day) => ({ day, open: "09:00", close: "18:00" })),
        holidays: HOLIDAYS,
      });
      await tx.insertInto("business_hours").values({ tenant_id: tenantId, team_id: null, timezone: hours.timezone, weekly: JSON.stringify(hours.weekly), holidays: hours.holidays }).execute();
    }

    const rules = [
      { name: "Lead quente → Vendas", priority: 10, conditions: [{ field: "score", op: "gte", value: 70 }], actions: [{ type: "assign_team", teamId: sales }, { type: "set_sla", minutes: 5 }] },
      { name: "Não qualificado → Nutrição", priority: 20, conditions: [{ field: "score", op: "lte", value: 69 }], actions: [{ type: "assign_team", teamId: nurture }, { type: "add_tag", tag: NOT_QUALIFIED_TAG }] },
    ].map((r) => routingRuleInput.parse(r));
    await tx
      .insertInto("routing_rules")
      .values(rules.map((r) => ({ tenant_id: tenantId, name: r.name, priority: r.priority, conditions: JSON.stringify(r.conditions), actions: JSON.stringify(r.actions), is_active: r.isActive })))
      .execute();

    const existing = new Set((await tx.selectFrom("canned_responses").select("shortcut").execute()).map((c) => c.shortcut.toLowerCase()));
    const canned = CANNED.map((c) => cannedResponseInput.parse(c)).filter((c) => !existing.has(c.shortcut));
    if (canned.length) await tx.insertInto("canned_responses").values(canned.map((c) => ({ tenant_id: tenantId, ...c, created_by: admin.id }))).execute();
  });
}
