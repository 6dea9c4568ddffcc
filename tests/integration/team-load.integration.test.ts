import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { teamLoad, type AgentLoad, type TeamLoad } from "@vendaflow/core/analytics/team-load";
import { listConversations } from "@vendaflow/core/conversations/dashboard";
import { createDb } from "@vendaflow/db/create-db";
import { withTenant } from "@vendaflow/db/with-tenant";
import { closeOwner, createTenant, env, owner, type FixtureTenant } from "../support/fixtures";
import { inboxFiltersFrom, inboxListInput } from "../../apps/web/lib/inbox-filters";
import { agentInboxHref, inactiveInboxHref, queueInboxHref } from "../../apps/web/lib/team-load-links";

/**
 * The "Carga da equipe" numbers (core/analytics/team-load.ts) against hand-counted rows for two
 * agents of tenant A, read as the app role under RLS; tenant B holds rows of its own that must
 * never show in A's answer (nor A's in B's), even when a query names the other tenant. Besides the
 * agents: the queue (pending, nobody assigned) and deactivated people still holding conversations.
 * Last, the page's links: the inbox each one opens lists exactly what the number beside it counts.
 */

const q = async (text: string, params: unknown[]) => (await owner().query(text, params)).rows[0] as { id: string };
// Relative to `now`, the instant every read below is made at.
const min = (n: number) => new Date(now.getTime() + n * 60_000).toISOString();

let a: FixtureTenant;
let b: FixtureTenant;
let teamA: string;
let teamB: string;
let davi: string;
let app: ReturnType<typeof createDb>;
const now = new Date();

async function seedConversations(
  t: FixtureTenant,
  rows: { assigned: string | null; status: string; senders: (string | "note")[]; firstResponseAt?: string; slaDueAt?: string; breachedAt?: string; teamId?: string; queuedAt?: string }[],
) {
  const inbox = (await q("insert into inboxes (tenant_id, name, channel) values ($1, 'Site', 'web') returning id", [t.id])).id;
  for (const r of rows) {
    const lead = (await q("insert into leads (tenant_id, name, source, visitor_id) values ($1, 'Lead', 'web', gen_random_uuid()::text) returning id", [t.id])).id;
    const conv = (
      await q("insert into conversations (tenant_id, inbox_id, lead_id, status, assigned_to, first_response_at, sla_due_at, sla_breached_at, team_id, queued_at) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) returning id", [
        t.id, inbox, lead, r.status, r.assigned, r.firstResponseAt ?? null, r.slaDueAt ?? null, r.breachedAt ?? null, r.teamId ?? null, r.queuedAt ?? null,
      ])
    ).id;
    // In order: seq grows with each insert, so the last one listed is the conversation's last message.
    for (const s of r.senders) {
      await q("insert into messages (tenant_id, conversation_id, sender, content_type, text) values ($1, $2, $3, $4, 'oi') returning id", [t.id, conv, s === "note" ? "agent" : s, s === "note" ? "note" : "text"]);
    }
  }
}

beforeAll(async () => {
  [a, b] = await Promise.all([createTenant(), createTenant()]);
  app = createDb({ url: env().appUrl, max: 1 });
  const { agent, admin } = a.users;
  await q("update users set name = 'Ana Agente' where id = $1 returning id", [agent.id]);
  await q("update users set name = 'Bruno Admin' where id = $1 returning id", [admin.id]);
  // Ana: online with room for 2, holds 3 (one resolved conversation does not count).
  await q("insert into agent_profiles (tenant_id, user_id, availability, capacity) values ($1, $2, 'online', 2) returning id", [a.id, agent.id]);
  teamA = (await q("insert into teams (tenant_id, name) values ($1, 'Vendas') returning id", [a.id])).id;
  await q("insert into team_members (tenant_id, team_id, user_id, position) values ($1, $2, $3, 0) returning id", [a.id, teamA, agent.id]);
  await seedConversations(a, [
    // answered in time, the lead wrote again: waiting for Ana
    { assigned: agent.id, status: "open", senders: ["lead", "agent", "lead"], firstResponseAt: min(-30), slaDueAt: min(-25) },
    // never answered, deadline passed 10 minutes ago, not yet flagged by the SLA job: overdue
    { assigned: agent.id, status: "pending", senders: ["lead"], slaDueAt: min(-10) },
    // never answered, due in 3 minutes; an internal note after the lead's message changes nothing
    { assigned: agent.id, status: "pending", senders: ["lead", "note"], slaDueAt: min(3) },
    { assigned: agent.id, status: "resolved", senders: ["lead"], slaDueAt: min(-60) },
    // still with the bot (assigned by an earlier hand-back): not the agent's work, not counted
    { assigned: agent.id, status: "bot", senders: ["lead"] },
  ]);
  // Bruno: no routing profile (offline, no capacity).
  await seedConversations(a, [
    // flagged once, answered since: neither overdue nor waiting
    { assigned: admin.id, status: "open", senders: ["lead", "agent"], firstResponseAt: min(-50), slaDueAt: min(-55), breachedAt: min(-55) },
    // the lead wrote last (a system entry after it is not a reply); its deadline is 30 minutes away: not "soon"
    { assigned: admin.id, status: "open", senders: ["lead", "system"], slaDueAt: min(30) },
  ]);
  // The queue: two of team Vendas' (one 12 minutes in and overdue, one due in 4 minutes) and one
  // without a team, waiting for 30 minutes; a bot conversation is not waiting for an agent.
  await seedConversations(a, [
    { assigned: null, status: "pending", senders: ["lead"], teamId: teamA, queuedAt: min(-12), slaDueAt: min(-2) },
    { assigned: null, status: "pending", senders: ["lead"], teamId: teamA, queuedAt: min(-3), slaDueAt: min(4) },
    { assigned: null, status: "pending", senders: ["lead"], queuedAt: min(-30), slaDueAt: min(60) },
    { assigned: null, status: "bot", senders: ["lead"] },
  ]);
  // Davi was deactivated before deactivation released conversations: one open in team Vendas and one
  // pending without a team still name him (his resolved one is history, not a warning).
  davi = (await q("insert into users (tenant_id, email, name, role, is_active) values ($1, 'davi@' || gen_random_uuid()::text || '.test', 'Davi Desligado', 'agent', false) returning id", [a.id])).id;
  await seedConversations(a, [
    { assigned: davi, status: "open", senders: ["lead"], teamId: teamA },
    { assigned: davi, status: "pending", senders: ["lead"] },
    { assigned: davi, status: "resolved", senders: ["lead"] },
  ]);

  teamB = (await q("insert into teams (tenant_id, name) values ($1, 'Vendas B') returning id", [b.id])).id;
  await q("insert into team_members (tenant_id, team_id, user_id, position) values ($1, $2, $3, 0) returning id", [b.id, teamB, b.users.agent.id]);
  await seedConversations(b, [
    { assigned: b.users.agent.id, status: "open", senders: ["lead"], slaDueAt: min(-5), breachedAt: min(-5) },
    { assigned: b.users.agent.id, status: "pending", senders: ["lead"], slaDueAt: min(2) },
    { assigned: null, status: "pending", senders: ["lead"], teamId: teamB, queuedAt: min(-45) },
  ]);
});
afterAll(async () => {
  await app?.close();
  await closeOwner();
});

const loadOf = (tenant: FixtureTenant, scope: { tenantId?: string; teamId?: string | null } = {}) =>
  withTenant(app.db, tenant.id, (tx) => teamLoad(tx, { tenantId: scope.tenantId ?? tenant.id, teamId: scope.teamId ?? null, now }));

describe("team load", () => {
  it("per agent: open, waiting for a reply, SLA overdue and due soon, availability and capacity; the most overdue first", async () => {
    const { agents } = await loadOf(a);
    expect(agents).toEqual<AgentLoad[]>([
      { userId: a.users.agent.id, name: "Ana Agente", availability: "online", capacity: 2, open: 3, awaitingReply: 3, slaOverdue: 1, slaDueSoon: 1 },
      { userId: a.users.admin.id, name: "Bruno Admin", availability: "offline", capacity: null, open: 2, awaitingReply: 1, slaOverdue: 0, slaDueSoon: 0 },
    ]);
  });

  it("the queue: pending with nobody assigned, the longest wait, SLA overdue and due soon", async () => {
    const { queue } = await loadOf(a);
    expect(queue).toEqual<TeamLoad["queue"]>({ waiting: 3, oldestSince: new Date(min(-30)), oldestWaitMinutes: 30, slaOverdue: 1, slaDueSoon: 1 });
  });

  it("deactivated people are never agents, but conversations they still hold are a warning", async () => {
    const load = await loadOf(a);
    expect(load.agents.map((r) => r.userId)).not.toContain(davi);
    expect(load.inactive).toEqual([{ userId: davi, name: "Davi Desligado", open: 2 }]);
  });

  it("a team shows only its members, its queue and its conversations held by deactivated people", async () => {
    const load = await loadOf(a, { teamId: teamA });
    expect(load.agents.map((r) => [r.name, r.open])).toEqual([["Ana Agente", 3]]);
    expect(load.queue).toMatchObject({ waiting: 2, oldestWaitMinutes: 12, slaOverdue: 1, slaDueSoon: 1 });
    expect(load.inactive).toEqual([{ userId: davi, name: "Davi Desligado", open: 1 }]);
  });

  it("tenant B sees only its own agents, queue and counts; A's team id and a query naming A find nothing", async () => {
    const load = await loadOf(b);
    expect(load.agents.map((r) => r.userId).sort()).toEqual([b.users.admin.id, b.users.agent.id].sort());
    expect(load.agents.find((r) => r.userId === b.users.agent.id)).toMatchObject({ open: 2, awaitingReply: 2, slaOverdue: 1, slaDueSoon: 1 });
    expect(load.queue).toMatchObject({ waiting: 1, oldestWaitMinutes: 45 });
    expect(load.inactive).toEqual([]);
    const none: TeamLoad = { agents: [], queue: { waiting: 0, oldestSince: null, oldestWaitMinutes: null, slaOverdue: 0, slaDueSoon: 0 }, inactive: [] };
    expect(await loadOf(b, { teamId: teamA })).toEqual(none);
    // RLS holds even if the explicit tenant filter named the other tenant.
    expect(await loadOf(b, { tenantId: a.id })).toEqual(none);
    expect(await loadOf(a, { tenantId: b.id })).toEqual(none);
  });

  it("over HTTP: admins and viewers read it, agents are refused", async () => {
    const [admin, viewer, agent] = await Promise.all([a.loginAs("admin"), a.loginAs("viewer"), a.loginAs("agent")]);
    const read = (c: typeof admin) => c.trpc<TeamLoad>("query", "analytics.teamLoad", {});
    const byAdmin = await read(admin);
    expect(byAdmin.data?.agents.map((r) => [r.name, r.open, r.slaOverdue])).toEqual([["Ana Agente", 3, 1], ["Bruno Admin", 2, 0]]);
    expect(byAdmin.data?.queue.waiting).toBe(3);
    expect(byAdmin.data?.inactive.map((r) => r.name)).toEqual(["Davi Desligado"]);
    expect((await read(viewer)).data?.agents.length).toBe(2);
    expect((await read(agent)).error?.data?.code).toBe("FORBIDDEN");
    // Another tenant's team id in the filter is simply nobody and nothing.
    const other = (await admin.trpc<TeamLoad>("query", "analytics.teamLoad", { teamId: teamB })).data;
    expect(other?.agents).toEqual([]);
    expect(other?.queue.waiting).toBe(0);
  });
});

describe("team load's links into the inbox", () => {
  /**
   * The conversations the inbox lists for one of the page's links, read as the inbox reads it: the
   * address through inboxFiltersFrom and inboxListInput (as the inbox's list does), then the list's
   * own query (conversations.list → listConversations) as the app role under RLS.
   */
  const listed = async (href: string) => {
    const input = inboxListInput(inboxFiltersFrom(Object.fromEntries(new URL(href, "http://a.localhost").searchParams)), a.users.admin.id);
    const page = await withTenant(app.db, a.id, (tx) => listConversations(tx, { ...input, limit: 100 }));
    expect(page.nextCursor).toBeNull();
    return page.items;
  };

  it("an agent's name opens exactly their \"Em aberto\": the same count, pending and open only (resolved and bot left out)", async () => {
    for (const teamId of [null, teamA]) {
      const load = await loadOf(a, { teamId });
      expect(load.agents.length).toBeGreaterThan(0);
      for (const r of load.agents) {
        const items = await listed(agentInboxHref(r.userId));
        expect(items.length, `${r.name}, team ${teamId ?? "all"}`).toBe(r.open);
        for (const c of items) {
          expect(["pending", "open"]).toContain(c.status);
          expect(c.assigned_to).toBe(r.userId);
        }
      }
    }
    // Ana holds 5: the 3 counted, one resolved, one with the bot. The filter, not the seed, leaves those 2 out.
    const ana = a.users.agent.id;
    expect((await listed(agentInboxHref(ana))).length).toBe(3);
    const all = await withTenant(app.db, a.id, (tx) => listConversations(tx, { assigneeId: ana, limit: 100 }));
    expect(all.items.map((c) => c.status).sort()).toEqual(["bot", "open", "pending", "pending", "resolved"]);
  });

  it("a deactivated person's line and the queue open what they count, with the team picked or without", async () => {
    for (const teamId of [null, teamA]) {
      const load = await loadOf(a, { teamId });
      expect(load.inactive.length).toBe(1);
      for (const r of load.inactive) expect((await listed(inactiveInboxHref(r.userId, teamId ?? ""))).length, `team ${teamId ?? "all"}`).toBe(r.open);
      expect((await listed(queueInboxHref(teamId ?? ""))).length, `queue, team ${teamId ?? "all"}`).toBe(load.queue.waiting);
    }
  });

  it("over HTTP: conversations.list with status=active is the inbox's answer for the agent's link; a bad status is refused", async () => {
    const admin = await a.loginAs("admin");
    const ana = a.users.agent.id;
    const input = inboxListInput(inboxFiltersFrom(Object.fromEntries(new URL(agentInboxHref(ana), "http://a.localhost").searchParams)), a.users.admin.id);
    const res = await admin.trpc<{ items: { status: string }[] }>("query", "conversations.list", { ...input, limit: 100 });
    expect(res.error).toBeNull();
    expect(res.data?.items.map((c) => c.status).sort()).toEqual(["open", "pending", "pending"]);
    expect(res.data?.items.length).toBe((await loadOf(a)).agents.find((r) => r.userId === ana)?.open);
    expect((await admin.trpc("query", "conversations.list", { status: "pending,open" })).error?.data?.code).toBe("BAD_REQUEST");
  });
});
