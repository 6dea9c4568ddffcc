import { afterAll, describe, expect, it } from "vitest";
import { closeOwner, createTenant, env, owner, type FixtureTenant } from "../support/fixtures";
import type { Client, TrpcError } from "../support/http";
import { WidgetClient } from "../support/widget-client";

// The routing admin API over HTTP (teams, agent profiles, business hours, rules, canned responses):
// round-trips, roles, field-level issues, tenant isolation of members, and a widget lead routed by
// a rule end to end.

afterAll(closeOwner);

type Team = { id: string; name: string; distribution: string; sla_minutes: Record<string, number>; is_active: boolean; memberIds: string[] };
type Rule = { id: string; name: string; priority: number; conditions: unknown[]; actions: unknown[]; is_active: boolean };
type Hours = { id: string; team_id: string | null; timezone: string; weekly: unknown[]; holidays: string[] };
type Agent = { id: string; email: string; availability: string | null; capacity: number | null; skills: string[] | null };

/** A `date` travels as the instant of local midnight on the server: the nearest UTC midnight is that day. */
const day = (d: string) => new Date(Math.round(new Date(d).getTime() / 86_400_000) * 86_400_000).toISOString().slice(0, 10);

const paths = (error: TrpcError | null) => (error?.data.zodIssues ?? []).map((i) => i.path.join("."));

async function ok<T>(c: Client, path: string, input?: unknown): Promise<T> {
  const res = await c.trpc<T>("mutation", path, input);
  expect(res.error, `${path}: ${res.error?.message}`).toBeNull();
  return res.data;
}
const read = async <T>(c: Client, path: string) => {
  const res = await c.trpc<T>("query", path);
  expect(res.error, `${path}: ${res.error?.message}`).toBeNull();
  return res.data;
};

const weekdays = (open = "09:00", close = "18:00") => [1, 2, 3, 4, 5].map((d) => ({ day: d, open, close }));

describe("routing admin: round-trips", () => {
  it("an admin's teams, agent profiles, rules, business hours and canned responses read back as saved", async () => {
    const t = await createTenant();
    const admin = await t.loginAs("admin");
    const { agent, admin: adminUser } = t.users;

    // Team: members in round-robin order, SLA per tier.
    const created = await ok<{ id: string }>(admin, "routing.saveTeam", { id: null, name: "Vendas", distribution: "least_busy", slaMinutes: { hot: 3, cold: 120 }, memberIds: [agent.id, adminUser.id] });
    let teams = await read<Team[]>(admin, "routing.teams");
    expect(teams).toEqual([{ id: created.id, name: "Vendas", distribution: "least_busy", sla_minutes: { hot: 3, cold: 120 }, is_active: true, memberIds: [agent.id, adminUser.id] }]);
    // Reorder, rename, clear an SLA.
    await ok(admin, "routing.saveTeam", { id: created.id, name: "Vendas B2B", distribution: "round_robin", slaMinutes: { warm: 20 }, memberIds: [adminUser.id, agent.id] });
    teams = await read<Team[]>(admin, "routing.teams");
    expect(teams).toEqual([expect.objectContaining({ id: created.id, name: "Vendas B2B", distribution: "round_robin", sla_minutes: { warm: 20 }, memberIds: [adminUser.id, agent.id] })]);
    // Names are unique per tenant, case-insensitively.
    const dup = await admin.trpc("mutation", "routing.saveTeam", { id: null, name: "vendas b2b", memberIds: [] });
    expect(dup.error?.data.code).toBe("CONFLICT");
    expect(dup.error?.data.details).toEqual({ field: "name" });

    // Agent profile: skills are trimmed and lower-cased.
    await ok(admin, "routing.saveAgentProfile", { userId: agent.id, capacity: 3, skills: [" Vendas ", "automação"] });
    const agents = await read<Agent[]>(admin, "routing.agents");
    expect(agents.map((a) => a.email).sort()).toEqual([adminUser.email, agent.email].sort());
    expect(agents.find((a) => a.id === agent.id)).toMatchObject({ capacity: 3, skills: ["vendas", "automação"], availability: "offline" });

    // Rule with every kind of condition value and action.
    const rule = {
      name: "Grandes contas",
      priority: 5,
      conditions: [
        { field: "score", op: "gte", value: 70 },
        { field: "channel", op: "in", value: ["web", "whatsapp"] },
        { field: "bant.budget", op: "eq", value: "gt_10k" },
        { field: "tags", op: "contains", value: "enterprise" },
      ],
      actions: [
        { type: "assign_team", teamId: created.id },
        { type: "assign_agent", userId: agent.id },
        { type: "add_tag", tag: "vip" },
        { type: "set_sla", minutes: 10 },
      ],
      isActive: true,
    };
    const savedRule = await ok<{ id: string }>(admin, "routing.saveRule", { id: null, ...rule });
    const later = await ok<{ id: string }>(admin, "routing.saveRule", { id: null, name: "Resto", priority: 900, actions: [{ type: "add_tag", tag: "geral" }], isActive: false });
    let rules = await read<Rule[]>(admin, "routing.rules");
    // `parsed`: the jsonb as core's evaluation reads it (the rules page shows that, without zod in the browser).
    expect(rules).toEqual([
      { id: savedRule.id, name: rule.name, priority: 5, conditions: rule.conditions, actions: rule.actions, is_active: true, parsed: { conditions: rule.conditions, actions: rule.actions, invalid: false } },
      { id: later.id, name: "Resto", priority: 900, conditions: [], actions: [{ type: "add_tag", tag: "geral" }], is_active: false, parsed: { conditions: [], actions: [{ type: "add_tag", tag: "geral" }], invalid: false } },
    ]);
    // The active toggle is a save of the whole rule.
    await ok(admin, "routing.saveRule", { id: later.id, name: "Resto", priority: 1, actions: [{ type: "add_tag", tag: "geral" }], isActive: true });
    rules = await read<Rule[]>(admin, "routing.rules");
    expect(rules.map((r) => [r.name, r.is_active])).toEqual([["Resto", true], ["Grandes contas", true]]);

    // Business hours: the tenant's default (two intervals on Monday, Friday until midnight) and one team override.
    await ok(admin, "routing.saveBusinessHours", {
      teamId: null,
      timezone: "America/Recife",
      weekly: [{ day: 1, open: "09:00", close: "12:00" }, { day: 1, open: "13:00", close: "18:00" }, { day: 5, open: "09:00", close: "24:00" }],
      holidays: ["2026-12-25", "2026-04-21", "2026-12-25"],
    });
    await ok(admin, "routing.saveBusinessHours", { teamId: created.id, timezone: "UTC", weekly: weekdays("08:00", "17:00"), holidays: [] });
    // Saving again replaces the section instead of adding a row.
    await ok(admin, "routing.saveBusinessHours", { teamId: created.id, timezone: "America/Sao_Paulo", weekly: weekdays("10:00", "16:00"), holidays: ["2027-01-01"] });
    const hours = await read<Hours[]>(admin, "routing.businessHours");
    expect(hours).toHaveLength(2);
    const tenantHours = hours.find((h) => h.team_id === null)!;
    expect(tenantHours).toMatchObject({ timezone: "America/Recife", weekly: [{ day: 1, open: "09:00", close: "12:00" }, { day: 1, open: "13:00", close: "18:00" }, { day: 5, open: "09:00", close: "24:00" }] });
    expect(tenantHours.holidays.map(day)).toEqual(["2026-04-21", "2026-12-25"]);
    const teamHours = hours.find((h) => h.team_id === created.id)!;
    expect(teamHours).toMatchObject({ timezone: "America/Sao_Paulo", weekly: weekdays("10:00", "16:00") });
    expect(teamHours.holidays.map(day)).toEqual(["2027-01-01"]);

    // Canned responses: the shortcut is lower-cased; agents can read them.
    const canned = await ok<{ id: string }>(admin, "agent.canned.save", { id: null, shortcut: "Agenda", title: "Agendar", body: "Oi {primeiro_nome}, vamos marcar?" });
    const agentClient = await t.loginAs("agent");
    expect(await read(agentClient, "agent.canned.list")).toEqual([expect.objectContaining({ id: canned.id, shortcut: "agenda", title: "Agendar", body: "Oi {primeiro_nome}, vamos marcar?" })]);

    // Deleting: the team's own hours go with it; rules and canned responses are removed.
    await ok(admin, "routing.deleteRule", { id: later.id });
    await ok(admin, "routing.deleteTeam", { id: created.id });
    await ok(admin, "agent.canned.delete", { id: canned.id });
    expect(await read<Team[]>(admin, "routing.teams")).toEqual([]);
    expect((await read<Rule[]>(admin, "routing.rules")).map((r) => r.id)).toEqual([savedRule.id]);
    expect((await read<Hours[]>(admin, "routing.businessHours")).map((h) => h.team_id)).toEqual([null]);
    expect(await read(admin, "agent.canned.list")).toEqual([]);
    expect((await admin.trpc("mutation", "routing.deleteTeam", { id: created.id })).error?.data.code).toBe("NOT_FOUND");

    const audit = await owner().query<{ action: string }>("select action from audit_logs where tenant_id = $1 and entity_type in ('team', 'routing_rule', 'business_hours', 'canned_response')", [t.id]);
    expect(new Set(audit.rows.map((r) => r.action))).toEqual(new Set(["team.create", "team.update", "team.delete", "routing_rule.create", "routing_rule.update", "routing_rule.delete", "business_hours.save", "canned.create", "canned.delete"]));
  });
});

describe("routing admin: roles", () => {
  it("agents and viewers get FORBIDDEN on every save and delete, and nothing changes", async () => {
    const t = await createTenant();
    const admin = await t.loginAs("admin");
    const team = await ok<{ id: string }>(admin, "routing.saveTeam", { id: null, name: "Suporte", memberIds: [t.users.agent.id] });
    const rule = await ok<{ id: string }>(admin, "routing.saveRule", { id: null, name: "Todos", actions: [{ type: "assign_team", teamId: team.id }] });
    const canned = await ok<{ id: string }>(admin, "agent.canned.save", { id: null, shortcut: "oi", title: "Oi", body: "Olá!" });
    await ok(admin, "routing.saveBusinessHours", { teamId: null, timezone: "America/Sao_Paulo", weekly: weekdays(), holidays: [] });
    const before = await Promise.all(["routing.teams", "routing.rules", "routing.businessHours", "agent.canned.list", "routing.agents"].map((p) => read(admin, p)));

    const writes: [string, unknown][] = [
      ["routing.saveTeam", { id: null, name: "Outro time", memberIds: [] }],
      ["routing.saveTeam", { id: team.id, name: "Renomeado", memberIds: [] }],
      ["routing.deleteTeam", { id: team.id }],
      ["routing.saveAgentProfile", { userId: t.users.agent.id, capacity: 50, skills: ["tudo"] }],
      ["routing.saveBusinessHours", { teamId: null, timezone: "UTC", weekly: weekdays("00:00", "24:00"), holidays: [] }],
      ["routing.saveRule", { id: null, name: "Nova", actions: [{ type: "add_tag", tag: "x" }] }],
      ["routing.saveRule", { id: rule.id, name: "Todos", actions: [{ type: "add_tag", tag: "x" }], isActive: false }],
      ["routing.deleteRule", { id: rule.id }],
      ["agent.canned.save", { id: null, shortcut: "novo", title: "Novo", body: "Texto" }],
      ["agent.canned.save", { id: canned.id, shortcut: "oi", title: "Oi", body: "Mudou" }],
      ["agent.canned.delete", { id: canned.id }],
    ];
    for (const role of ["agent", "viewer"] as const) {
      const c = await t.loginAs(role);
      for (const [path, input] of writes) {
        const res = await c.trpc("mutation", path, input);
        expect(res.error?.data.code, `${role} ${path}`).toBe("FORBIDDEN");
      }
    }
    const after = await Promise.all(["routing.teams", "routing.rules", "routing.businessHours", "agent.canned.list", "routing.agents"].map((p) => read(admin, p)));
    expect(after).toEqual(before);
  });
});

describe("routing admin: validation", () => {
  it("bad input comes back as pt-BR zod issues at the field's path", async () => {
    const t = await createTenant();
    const admin = await t.loginAs("admin");
    const team = await ok<{ id: string }>(admin, "routing.saveTeam", { id: null, name: "Vendas", memberIds: [] });

    const tz = await admin.trpc("mutation", "routing.saveBusinessHours", { teamId: null, timezone: "Mars/Olympus_Mons", weekly: weekdays(), holidays: [] });
    expect(tz.error?.data.code).toBe("BAD_REQUEST");
    expect(tz.error?.data.zodIssues).toEqual([{ path: ["timezone"], message: expect.stringContaining("Fuso horário desconhecido") }]);

    const backwards = await admin.trpc("mutation", "routing.saveBusinessHours", { teamId: team.id, timezone: "America/Sao_Paulo", weekly: [{ day: 1, open: "09:00", close: "18:00" }, { day: 2, open: "18:00", close: "09:00" }], holidays: ["2026-02-30x"] });
    expect(paths(backwards.error)).toEqual(expect.arrayContaining(["weekly.1.close", "holidays.0"]));
    expect(backwards.error?.data.zodIssues?.find((i) => i.path.join(".") === "weekly.1.close")?.message).toBe("O horário de fechamento deve ser depois da abertura.");
    expect(paths((await admin.trpc("mutation", "routing.saveBusinessHours", { teamId: null, weekly: [{ day: 7, open: "9h", close: "18:00" }] })).error)).toEqual(expect.arrayContaining(["weekly.0.day", "weekly.0.open"]));
    expect(paths((await admin.trpc("mutation", "routing.saveBusinessHours", { teamId: null, weekly: [] })).error)).toEqual(["weekly"]);

    const badTeam = await admin.trpc("mutation", "routing.saveTeam", { id: null, name: "V", distribution: "random", slaMinutes: { hot: 0, cold: 1.5 }, memberIds: [t.users.agent.id, t.users.agent.id] });
    expect(paths(badTeam.error)).toEqual(expect.arrayContaining(["name", "distribution", "slaMinutes.hot", "slaMinutes.cold", "memberIds"]));

    const badRule = await admin.trpc("mutation", "routing.saveRule", {
      id: null,
      name: "",
      conditions: [{ field: "score", op: "gte", value: 70 }, { field: "score", op: "contains", value: "7" }, { field: "source", op: "gte", value: 3 }, { field: "channel", op: "in", value: "web" }],
      actions: [{ type: "assign_team", teamId: "" }, { type: "set_sla", minutes: 0 }, { type: "add_tag", tag: " " }],
    });
    expect(paths(badRule.error)).toEqual(expect.arrayContaining(["name", "conditions.1.value", "conditions.2.value", "conditions.3.value", "actions.0.teamId", "actions.1.minutes", "actions.2.tag"]));
    expect(paths(badRule.error)).not.toContain("conditions.0.value");
    expect(paths((await admin.trpc("mutation", "routing.saveRule", { id: null, name: "Sem ação", actions: [] })).error)).toEqual(["actions"]);

    expect(paths((await admin.trpc("mutation", "routing.saveAgentProfile", { userId: t.users.agent.id, capacity: 0, skills: [""] })).error)).toEqual(expect.arrayContaining(["capacity", "skills.0"]));
    expect(paths((await admin.trpc("mutation", "agent.canned.save", { id: null, shortcut: "/olá", title: "", body: "x" })).error)).toEqual(expect.arrayContaining(["shortcut", "title"]));

    // Nothing was written by the refused calls.
    expect(await read<Team[]>(admin, "routing.teams")).toHaveLength(1);
    expect(await read<Rule[]>(admin, "routing.rules")).toEqual([]);
    expect(await read<Hours[]>(admin, "routing.businessHours")).toEqual([]);
  });

  it("refuses a team member from another tenant and leaves the team as it was", async () => {
    const t = await createTenant();
    const other = await createTenant();
    const admin = await t.loginAs("admin");
    const team = await ok<{ id: string }>(admin, "routing.saveTeam", { id: null, name: "Vendas", memberIds: [t.users.agent.id] });

    const update = await admin.trpc("mutation", "routing.saveTeam", { id: team.id, name: "Vendas", memberIds: [t.users.agent.id, other.users.agent.id] });
    expect(update.error?.data.code).toBe("BAD_REQUEST");
    expect(update.error?.data.details).toEqual({ field: "memberIds" });
    const create = await admin.trpc("mutation", "routing.saveTeam", { id: null, name: "Intrusos", memberIds: [other.users.admin.id] });
    expect(create.error?.data.code).toBe("BAD_REQUEST");

    // The failed transactions left no trace: same members, no new team, nothing on the other tenant.
    expect(await read<Team[]>(admin, "routing.teams")).toEqual([expect.objectContaining({ id: team.id, memberIds: [t.users.agent.id] })]);
    const { rows } = await owner().query("select count(*)::int as n from team_members where user_id = any($1)", [[other.users.agent.id, other.users.admin.id]]);
    expect(rows[0].n).toBe(0);
    // Another tenant's team or rule is invisible: updating or deleting it is NOT_FOUND.
    const otherAdmin = await other.loginAs("admin");
    expect((await otherAdmin.trpc("mutation", "routing.deleteTeam", { id: team.id })).error?.data.code).toBe("NOT_FOUND");
    expect((await otherAdmin.trpc("mutation", "routing.saveTeam", { id: team.id, name: "Roubado", memberIds: [] })).error?.data.code).toBe("NOT_FOUND");
    expect(await read<Team[]>(admin, "routing.teams")).toEqual([expect.objectContaining({ id: team.id, name: "Vendas" })]);
  });
});

describe("routing admin: end to end", () => {
  const SITE = "http://loja.example";

  async function setup(): Promise<{ t: FixtureTenant; admin: Client; publicKey: string }> {
    const t = await createTenant();
    const admin = await t.loginAs("admin");
    const inbox = await ok<{ inbox: { publicKey: string } }>(admin, "inboxes.create", { channel: "web", name: "Site", settings: { allowedOrigins: [SITE], schedulingUrl: "", templates: {} } });
    return { t, admin, publicKey: inbox.inbox.publicKey };
  }

  it("a lead qualified in the widget goes, by the rule, to the team's online agent with a BANT note and an SLA", async () => {
    const { t, admin, publicKey } = await setup();
    // An older team catches conversations no rule assigns: the rule must win over it.
    const fallback = await ok<{ id: string }>(admin, "routing.saveTeam", { id: null, name: "Geral", memberIds: [t.users.admin.id] });
    const team = await ok<{ id: string }>(admin, "routing.saveTeam", { id: null, name: "Vendas", distribution: "round_robin", memberIds: [t.users.admin.id, t.users.agent.id] });
    await ok(admin, "routing.saveRule", { id: null, name: "Lead quente → Vendas", priority: 10, conditions: [{ field: "score", op: "gte", value: 70 }], actions: [{ type: "assign_team", teamId: team.id }] });
    // Only the agent is online (the admin has no profile: offline).
    const agent = await t.loginAs("agent");
    expect(await ok(agent, "routing.setAvailability", { availability: "online" })).toEqual({ availability: "online", assigned: 0 });

    const w = new WidgetClient(env().port, env().rootDomain, SITE);
    expect((await w.start(publicKey)).status).toBe(200);
    expect((await w.consent()).status).toBe(200);
    let got = await w.waitForReply(0);
    const answer = async (input: { text?: string; optionId?: string }) => {
      const seq = got.at(-1)!.seq;
      expect((await w.send(input)).status).toBe(200);
      got = await w.waitForReply(seq);
    };
    const email = `lead-${t.slug}@exemplo.com.br`;
    await answer({ text: "Marcos Pereira" });
    await answer({ text: email });
    await answer({ text: "R$ 15 mil" });
    await answer({ optionId: "decision_maker" });
    await answer({ text: "vendas e qualificação" });
    const startedAt = Date.now();
    await answer({ optionId: "immediately" });

    const conv = (
      await owner().query(
        "select c.id, c.status, c.team_id, c.assigned_to, c.sla_due_at, c.routed_at, c.handoff_reason, l.stage, l.bant_score from conversations c join leads l on l.id = c.lead_id where c.tenant_id = $1 and l.email = $2",
        [t.id, email],
      )
    ).rows[0];
    expect(conv).toMatchObject({ status: "pending", handoff_reason: "qualified", stage: "qualified", team_id: team.id, assigned_to: t.users.agent.id });
    expect(conv.team_id).not.toBe(fallback.id);
    expect(conv.bant_score).toBeGreaterThanOrEqual(70);
    // No business hours: the default hot/warm SLA runs on the clock from the handoff.
    expect(conv.sla_due_at).toBeInstanceOf(Date);
    expect(conv.sla_due_at.getTime()).toBeGreaterThan(conv.routed_at.getTime());
    expect(conv.sla_due_at.getTime()).toBeLessThanOrEqual(startedAt + 31 * 60_000);

    const notes = (await owner().query("select sender, text from messages where conversation_id = $1 and content_type = 'note'", [conv.id])).rows;
    expect(notes).toHaveLength(1);
    expect(notes[0].sender).toBe("system");
    const lines: string[] = notes[0].text.split("\n");
    expect(lines[0]).toBe("Conversa transferida para atendimento humano (motivo: lead qualificado).");
    // Each BANT line carries the lead's words and how they earned their points.
    expect(lines).toEqual(
      expect.arrayContaining([
        "Respostas BANT até aqui:",
        "• Orçamento: “R$ 15 mil” → Acima de R$ 10.000/mês (+50, faixa de valor)",
        "• Necessidade: vendas e qualificação (+25, palavras-chave; vendas +10, qualificação +15)",
        "• Prazo: Imediatamente (+20, botão)",
        `Contato: Marcos Pereira · ${email}`,
      ]),
    );
    expect(lines[1]).toMatch(/^Resumo: Marcos — autoridade: sim, sou o decisor; orçamento: Acima de R\$ 10\.000\/mês; prazo: imediatamente; desafio: “vendas e qualificação”\.$/);
    expect(lines.find((l) => l.startsWith("• Autoridade:"))).toMatch(/decisor/i);
    expect(lines.find((l) => l.startsWith("Pontuação:"))).toMatch(/^Pontuação: \d+ \(lead (quente|morno)\)$/);

    // The notes aren't shown to the lead.
    const seen = await w.messages(0);
    expect(seen.messages.some((m) => m.text?.includes("Respostas BANT"))).toBe(false);
    // The agent was told.
    const notified = await owner().query("select count(*)::int as n from notifications where user_id = $1 and kind = 'conversation_assigned'", [t.users.agent.id]);
    expect(notified.rows[0].n).toBe(1);
  });
});
