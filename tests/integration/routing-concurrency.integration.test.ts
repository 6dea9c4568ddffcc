import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Database } from "@vendaflow/db/create-db";
import { withTenant, type TenantTx } from "@vendaflow/db/with-tenant";
import { assignConversation, type AssignResult } from "@vendaflow/core/routing/assign";
import { routeHandoff, type HandoffOutcome } from "@vendaflow/core/routing/handoff";
import { closeOwner, createTenant, env, owner } from "../support/fixtures";

// Many handoffs at once, over a pool of app-role connections (RLS on, locks in Postgres): nobody
// exceeds capacity, no conversation is handed out twice, round robin stays within one of even.

const POOL = 10;
let app: { db: Database; close: () => Promise<void> };

beforeAll(() => {
  app = createDb({ url: env().appUrl, max: POOL });
});
afterAll(async () => {
  await app?.close();
  await closeOwner();
});

type Availability = "online" | "away" | "offline";

async function addAgents(tenantId: string, n: number, opts: { availability?: Availability; capacity: number; skills?: string[] }): Promise<string[]> {
  const { rows } = await owner().query<{ id: string }>(
    `insert into users (tenant_id, email, name, role)
     select $1, 'agente-' || g || '-' || left(gen_random_uuid()::text, 8) || '@routing.test', 'Agente ' || g, 'agent' from generate_series(1, $2) g
     returning id`,
    [tenantId, n],
  );
  const ids = rows.map((r) => r.id);
  await owner().query(
    `insert into agent_profiles (tenant_id, user_id, availability, capacity, skills, last_seen_at) select $1, u, $3, $4, $5, now() from unnest($2::uuid[]) u`,
    [tenantId, ids, opts.availability ?? "online", opts.capacity, opts.skills ?? []],
  );
  return ids;
}

async function addTeam(tenantId: string, name: string, distribution: string, memberIds: string[]): Promise<string> {
  const { rows } = await owner().query<{ id: string }>("insert into teams (tenant_id, name, distribution) values ($1, $2, $3) returning id", [tenantId, name, distribution]);
  const teamId = rows[0]!.id;
  await owner().query("insert into team_members (tenant_id, team_id, user_id, position) select $1, $2, u, o - 1 from unnest($3::uuid[]) with ordinality as m(u, o)", [tenantId, teamId, memberIds]);
  return teamId;
}

const inboxes = new Map<string, string>();
async function inboxFor(tenantId: string): Promise<string> {
  let id = inboxes.get(tenantId);
  if (!id) {
    id = (await owner().query<{ id: string }>("insert into inboxes (tenant_id, name, channel) values ($1, 'Site', 'web') returning id", [tenantId])).rows[0]!.id;
    inboxes.set(tenantId, id);
  }
  return id;
}

/** n conversations (one lead each) in a team, status pending (handed off) or bot. */
async function addConversations(tenantId: string, n: number, opts: { teamId: string | null; status: "pending" | "bot"; needs?: string[]; score?: number }): Promise<string[]> {
  const inbox = await inboxFor(tenantId);
  const needs = opts.needs ?? ["vendas"];
  const { rows } = await owner().query<{ id: string }>(
    `with l as (
       insert into leads (tenant_id, name, source, visitor_id, bant_score, bant_data)
       select $1, 'Lead ' || g, 'web', gen_random_uuid()::text, $6,
              jsonb_build_object('need', jsonb_build_object('stepId', 'need', 'value', ($5::text[])[1 + (g % array_length($5::text[], 1))], 'score', 10))
       from generate_series(1, $2) g
       returning id)
     insert into conversations (tenant_id, inbox_id, lead_id, status, team_id)
     select $1, $3, l.id, $4, $7 from l
     returning id`,
    [tenantId, n, inbox, opts.status, needs, opts.score ?? 80, opts.teamId],
  );
  return rows.map((r) => r.id);
}

interface ConvRow {
  id: string;
  team_id: string | null;
  assigned_to: string | null;
  queued_at: Date | null;
  assigned_events: number;
  notifications: number;
}

async function conversationsOf(tenantId: string): Promise<ConvRow[]> {
  const { rows } = await owner().query<ConvRow>(
    `select c.id, c.team_id, c.assigned_to, c.queued_at,
            (select count(*)::int from conversation_events e where e.conversation_id = c.id and e.kind = 'assigned') as assigned_events,
            (select count(*)::int from notifications n where n.tenant_id = c.tenant_id and n.kind = 'conversation_assigned' and n.data->>'conversationId' = c.id::text) as notifications
     from conversations c where c.tenant_id = $1`,
    [tenantId],
  );
  return rows;
}

async function loads(tenantId: string): Promise<Map<string, { open: number; capacity: number; availability: string }>> {
  const { rows } = await owner().query<{ user_id: string; open: number; capacity: number; availability: string }>(
    `select a.user_id, a.capacity, a.availability,
            (select count(*)::int from conversations c where c.assigned_to = a.user_id and c.status in ('pending', 'open')) as open
     from agent_profiles a where a.tenant_id = $1`,
    [tenantId],
  );
  return new Map(rows.map((r) => [r.user_id, r]));
}

/** Runs every call at once through the pool; each in its own tenant transaction. Collects backend pids. */
async function burst<T>(tenantId: string, calls: ((tx: TenantTx) => Promise<T>)[]): Promise<{ results: T[]; pids: Set<number>; ms: number }> {
  const pids = new Set<number>();
  const t0 = performance.now();
  const results = await Promise.all(
    calls.map((call) =>
      withTenant(app.db, tenantId, async (tx) => {
        const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(tx);
        pids.add(rows[0]!.pid);
        return call(tx);
      }),
    ),
  );
  return { results, pids, ms: Math.round(performance.now() - t0) };
}

function expectNoDoubleAssignment(rows: ConvRow[]) {
  for (const c of rows) {
    const expected = c.assigned_to ? 1 : 0;
    expect(c.assigned_events, `assigned events of ${c.id}`).toBe(expected);
    expect(c.notifications, `notifications of ${c.id}`).toBe(expected);
    expect(!!c.assigned_to && !!c.queued_at, `assigned and queued ${c.id}`).toBe(false);
  }
}

describe("routing under concurrency", () => {
  it("assignConversation ×(4 teams, one per method) at once: capacity, single assignment, even round robin", async () => {
    const tenant = await createTenant();
    const t = tenant.id;
    // Round robin: 8 online agents with room for everything, plus one away and one offline member.
    const rrAgents = await addAgents(t, 8, { capacity: 20 });
    const [away] = await addAgents(t, 1, { capacity: 20, availability: "away" });
    const [offline] = await addAgents(t, 1, { capacity: 20, availability: "offline" });
    const rrTeam = await addTeam(t, "Round robin", "round_robin", [rrAgents[0]!, away!, ...rrAgents.slice(1, 5), offline!, ...rrAgents.slice(5)]);
    // Least busy and skill based share two agents, and together have less capacity than work.
    const lbAgents = await addAgents(t, 6, { capacity: 10 });
    const lbTeam = await addTeam(t, "Menos ocupado", "least_busy", lbAgents);
    const skAgents = [
      ...(await addAgents(t, 2, { capacity: 8, skills: ["automação"] })),
      ...(await addAgents(t, 2, { capacity: 8, skills: ["erp", "integração"] })),
      ...(await addAgents(t, 1, { capacity: 8, skills: ["suporte"] })),
    ];
    const skTeam = await addTeam(t, "Habilidades", "skill_based", [...skAgents, lbAgents[0]!, lbAgents[1]!]);
    const manualAgents = await addAgents(t, 2, { capacity: 50 });
    const manualTeam = await addTeam(t, "Fila manual", "manual", manualAgents);

    const rrConvs = await addConversations(t, 118, { teamId: rrTeam, status: "pending" });
    const lbConvs = await addConversations(t, 80, { teamId: lbTeam, status: "pending" });
    const skConvs = await addConversations(t, 60, { teamId: skTeam, status: "pending", needs: ["automação de marketing", "integração com o ERP", "suporte técnico", "outra coisa"] });
    const manualConvs = await addConversations(t, 20, { teamId: manualTeam, status: "pending" });
    const now = new Date();

    // Every conversation once, and the round-robin ones twice more (duplicate handoff deliveries).
    const ids = [...rrConvs, ...lbConvs, ...skConvs, ...manualConvs, ...rrConvs, ...rrConvs].sort(() => Math.random() - 0.5);
    const { results, pids, ms } = await burst(
      t,
      ids.map((id) => (tx) => assignConversation(tx, t, id, now)),
    );
    const agents = rrAgents.length + 2 + lbAgents.length + skAgents.length + manualAgents.length;
    console.log(`[routing] ${ids.length} assignConversation calls (${ids.length - 2 * rrConvs.length} conversations + ${2 * rrConvs.length} duplicates) started at once over ${POOL} pooled app-role connections (${pids.size} distinct backends), ${agents} agents in 4 teams: ${ms} ms`);
    expect(ids.length).toBeGreaterThanOrEqual(100);
    expect(pids.size).toBeGreaterThanOrEqual(10);

    const kinds = results.reduce<Record<string, number>>((acc, r: AssignResult) => ({ ...acc, [r.kind]: (acc[r.kind] ?? 0) + 1 }), {});
    expect(kinds.skipped).toBe(2 * rrConvs.length); // every duplicate found the conversation already assigned

    const rows = await conversationsOf(t);
    expectNoDoubleAssignment(rows);
    const load = await loads(t);
    for (const [userId, l] of load) expect(l.open, `agent ${userId} over capacity`).toBeLessThanOrEqual(l.capacity);

    // Round robin: everything assigned, to online members only, counts within one of each other.
    const rr = rows.filter((r) => r.team_id === rrTeam);
    expect(rr.every((r) => r.assigned_to)).toBe(true);
    const rrCounts = rrAgents.map((a) => rr.filter((r) => r.assigned_to === a).length);
    console.log(`[routing] round robin counts: ${rrCounts.join(", ")}`);
    expect(Math.max(...rrCounts) - Math.min(...rrCounts)).toBeLessThanOrEqual(1);
    expect(rr.some((r) => r.assigned_to === away || r.assigned_to === offline)).toBe(false);

    // Least busy + skill based: 6×10 + 5×8 = 100 seats for 140 conversations → 100 assigned, 40 queued,
    // and every member of a team that still has a queue is full.
    const shared = rows.filter((r) => r.team_id === lbTeam || r.team_id === skTeam);
    expect(shared.filter((r) => r.assigned_to).length).toBe(100);
    expect(shared.filter((r) => !r.assigned_to && r.queued_at).length).toBe(40);
    for (const [team, members] of [[lbTeam, lbAgents], [skTeam, [...skAgents, lbAgents[0]!, lbAgents[1]!]]] as const) {
      if (!rows.some((r) => r.team_id === team && r.queued_at)) continue;
      for (const m of members) expect(load.get(m)!.open, `member ${m} idle while the queue waits`).toBe(load.get(m)!.capacity);
    }
    // Least busy spreads its own team's share evenly across the members that only work there.
    const lbOnly = lbAgents.slice(2).map((a) => rows.filter((r) => r.team_id === lbTeam && r.assigned_to === a).length);
    expect(new Set(lbOnly)).toEqual(new Set([10]));

    // Manual queue: nothing assigned, everything queued.
    const manual = rows.filter((r) => r.team_id === manualTeam);
    expect(manual.every((r) => !r.assigned_to && r.queued_at)).toBe(true);
  }, 120_000);

  it("six teams (every automatic method) sharing the same five agents: the last seats are never handed out twice", async () => {
    const tenant = await createTenant();
    const t = tenant.id;
    const agents = await addAgents(t, 5, { capacity: 4, skills: ["automação"] });
    const teams = [];
    for (const [i, method] of ["round_robin", "least_busy", "skill_based", "round_robin", "least_busy", "skill_based"].entries()) {
      // Each team lists the agents in another order, so their turns collide.
      teams.push(await addTeam(t, `Time ${i}`, method, [...agents.slice(i % 5), ...agents.slice(0, i % 5)]));
    }
    const convs = (await Promise.all(teams.map((teamId) => addConversations(t, 20, { teamId, status: "pending", needs: ["automação"] })))).flat();
    const now = new Date();
    const { pids, ms } = await burst(
      t,
      [...convs].sort(() => Math.random() - 0.5).map((id) => (tx) => assignConversation(tx, t, id, now)),
    );
    console.log(`[routing] ${convs.length} assignConversation calls over ${POOL} connections (${pids.size} backends) into 6 teams sharing 5 agents × capacity 4: ${ms} ms`);
    const rows = await conversationsOf(t);
    expectNoDoubleAssignment(rows);
    const load = await loads(t);
    for (const a of agents) expect(load.get(a)!.open, `agent ${a}`).toBe(4);
    expect(rows.filter((r) => r.assigned_to)).toHaveLength(20);
    expect(rows.filter((r) => r.queued_at)).toHaveLength(100);
  }, 120_000);

  it("routeHandoff ×120 at once (plus 30 duplicates): one note, one route, one assignment each; round robin even", async () => {
    const tenant = await createTenant();
    const t = tenant.id;
    const agents = await addAgents(t, 10, { capacity: 15 });
    const team = await addTeam(t, "Vendas", "round_robin", agents);
    await owner().query(
      `insert into routing_rules (tenant_id, name, priority, conditions, actions) values
         ($1, 'Inbound', 10, '[{"field": "channel", "op": "eq", "value": "web"}]', jsonb_build_array(jsonb_build_object('type', 'assign_team', 'teamId', $2::text), jsonb_build_object('type', 'add_tag', 'tag', 'inbound')))`,
      [t, team],
    );
    const convs = await addConversations(t, 120, { teamId: null, status: "bot", score: 110 });
    const now = new Date();
    const ids = [...convs, ...convs.slice(0, 30)].sort(() => Math.random() - 0.5);
    const { results, pids, ms } = await burst(
      t,
      ids.map((id) => (tx) => routeHandoff(tx, t, id, "lead_requested", now)),
    );
    console.log(`[routing] ${ids.length} routeHandoff calls (120 conversations + 30 duplicates) over ${POOL} connections (${pids.size} backends), 10 agents: ${ms} ms`);
    expect(pids.size).toBeGreaterThanOrEqual(10);

    const routed = results.filter((r): r is Extract<HandoffOutcome, { kind: "routed" }> => r.kind === "routed");
    expect(routed).toHaveLength(120);
    // The second delivery of a handoff waits on the conversation lock, then finds it routed (and assigned).
    const skipped = results.filter((r) => r.kind === "skipped");
    expect(skipped).toHaveLength(30);
    expect(skipped.every((r) => r.reason === "already_assigned" || r.reason === "already_routed")).toBe(true);
    expect(new Set(routed.flatMap((r) => r.jobs.map((j) => j.deduplicationId))).size).toBe(120);
    expect(routed.every((r) => r.tier === "hot" && r.slaMinutes === 5 && r.teamId === team)).toBe(true);

    const rows = await conversationsOf(t);
    expectNoDoubleAssignment(rows);
    expect(rows.every((r) => r.assigned_to && r.team_id === team)).toBe(true);
    const counts = agents.map((a) => rows.filter((r) => r.assigned_to === a).length);
    console.log(`[routing] round robin counts after handoffs: ${counts.join(", ")}`);
    expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);

    const per = await owner().query<{ notes: number; routed: number; handoffs: number; status: string; tags: string[] }>(
      `select c.status, l.tags,
              (select count(*)::int from messages m where m.conversation_id = c.id and m.content_type = 'note' and m.sender = 'system') as notes,
              (select count(*)::int from conversation_events e where e.conversation_id = c.id and e.kind = 'routed') as routed,
              (select count(*)::int from conversation_events e where e.conversation_id = c.id and e.kind = 'handoff') as handoffs
       from conversations c join leads l on l.id = c.lead_id where c.tenant_id = $1`,
      [t],
    );
    for (const r of per.rows) {
      expect(r).toMatchObject({ status: "pending", notes: 1, routed: 1, handoffs: 1 });
      expect(r.tags).toEqual(["inbound"]);
    }
  }, 120_000);
});
