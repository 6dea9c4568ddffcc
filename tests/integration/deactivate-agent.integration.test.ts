import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Database } from "@vendaflow/db/create-db";
import { withTenant } from "@vendaflow/db/with-tenant";
import { assignConversation } from "@vendaflow/core/routing/assign";
import { setActive } from "@vendaflow/core/users/manage";
import { closeOwner, createTenant, env, owner, type FixtureTenant } from "../support/fixtures";

/**
 * Deactivating an agent (users.deactivate → core/users/manage.ts setActive → routing/release.ts):
 * their pending and open conversations go back to routing in the same transaction — to another
 * online agent of the team when one has room, else to the team's queue — and they go offline.
 * Resolved conversations stay theirs; tenant B, with the same shape, is untouched.
 */

const q = async <T = { id: string }>(text: string, params: unknown[]) => (await owner().query(text, params)).rows[0] as T;
// Heartbeats a day ahead: other files' servers run the inactivity sweep on the real clock (routing-flow's note).
const FRESH = "now() + interval '1 day'";

interface Shape {
  t: FixtureTenant;
  team: string;
  other: string;
  /** Held by the tenant's agent: in the team (open, answered), without a team (pending), resolved. */
  inTeam: string;
  teamless: string;
  resolved: string;
}

async function shape(t: FixtureTenant): Promise<Shape> {
  const agent = t.users.agent.id;
  await q(`insert into agent_profiles (tenant_id, user_id, availability, capacity, last_seen_at) values ($1, $2, 'online', 5, ${FRESH}) returning user_id as id`, [t.id, agent]);
  // Another agent online with room for exactly one more.
  const other = (await q("insert into users (tenant_id, email, name, role) values ($1, left(gen_random_uuid()::text, 12) || '@release.test', 'Outra Agente', 'agent') returning id", [t.id])).id;
  await q(`insert into agent_profiles (tenant_id, user_id, availability, capacity, last_seen_at) values ($1, $2, 'online', 1, ${FRESH}) returning user_id as id`, [t.id, other]);
  const team = (await q("insert into teams (tenant_id, name, distribution) values ($1, 'Vendas', 'round_robin') returning id", [t.id])).id;
  for (const [i, u] of [agent, other].entries()) await q("insert into team_members (tenant_id, team_id, user_id, position) values ($1, $2, $3, $4) returning id", [t.id, team, u, i]);
  const inbox = (await q("insert into inboxes (tenant_id, name, channel) values ($1, 'Site', 'web') returning id", [t.id])).id;
  const conv = async (status: string, teamId: string | null, firstResponse: boolean) => {
    const lead = (await q("insert into leads (tenant_id, name, source, visitor_id) values ($1, 'Lead', 'web', gen_random_uuid()::text) returning id", [t.id])).id;
    return (
      await q(
        `insert into conversations (tenant_id, inbox_id, lead_id, status, team_id, assigned_to, routed_at, sla_due_at, first_response_at) values ($1, $2, $3, $4, $5, $6, now(), now() + interval '20 minutes', ${firstResponse ? "now()" : "null"}) returning id`,
        [t.id, inbox, lead, status, teamId, agent],
      )
    ).id;
  };
  return { t, team, other, inTeam: await conv("open", team, true), teamless: await conv("pending", null, false), resolved: await conv("resolved", team, true) };
}

const row = (id: string) =>
  q<{ status: string; assigned_to: string | null; team_id: string | null; queued_at: Date | null; sla_due_at: Date | null; first_response_at: Date | null }>(
    "select status, assigned_to, team_id, queued_at, sla_due_at, first_response_at from conversations where id = $1",
    [id],
  );
const availability = async (userId: string) => (await q<{ availability: string }>("select availability from agent_profiles where user_id = $1", [userId])).availability;

let a: Shape;
let b: Shape;
let app: { db: Database; close: () => Promise<void> };
beforeAll(async () => {
  app = createDb({ url: env().appUrl, max: 8 });
  const [ta, tb] = await Promise.all([createTenant(), createTenant()]);
  a = await shape(ta);
  b = await shape(tb);
});
afterAll(async () => {
  await app?.close();
  await closeOwner();
});

describe("deactivating an agent", () => {
  it("the admins' user list counts what each person holds (pending + open); others get no count", async () => {
    const admin = await a.t.loginAs("admin");
    const list = await admin.trpc<{ id: string; openConversations: number | null }[]>("query", "users.list");
    expect(list.data?.find((u) => u.id === a.t.users.agent.id)?.openConversations).toBe(2);
    expect(list.data?.find((u) => u.id === a.t.users.viewer.id)?.openConversations).toBe(0);
    const byAgent = await (await a.t.loginAs("agent")).trpc<{ id: string; openConversations: number | null }[]>("query", "users.list");
    expect(byAgent.data?.every((u) => u.openConversations === null)).toBe(true);
  });

  it("sends their pending and open conversations back to routing, takes them offline, and leaves tenant B alone", async () => {
    const agent = a.t.users.agent.id;
    const before = { inTeam: await row(a.inTeam), teamless: await row(a.teamless) };
    const bBefore = [await row(b.inTeam), await row(b.teamless), await row(b.resolved)];

    const admin = await a.t.loginAs("admin");
    // Another tenant's user id is nobody here (RLS), and changes nothing there.
    expect((await admin.trpc("mutation", "users.deactivate", { userId: b.t.users.agent.id })).error?.data?.code).toBe("NOT_FOUND");
    const res = await admin.trpc<{ ok: true; released: number; reassigned: number }>("mutation", "users.deactivate", { userId: agent });
    expect(res.error).toBeNull();
    // No deals nor activities held: nothing else moved ("Transferir carteira": transfer-work.integration.test.ts).
    expect(res.data).toEqual({ ok: true, released: 2, reassigned: 1, deals: 0, activities: 0 });

    // Round robin in the team, in conversation id order: the other agent's one free seat goes to the
    // first, the second waits in the team's queue. Never the deactivated agent again.
    const [first, second] = [a.inTeam, a.teamless].sort();
    const [r1, r2] = [await row(first!), await row(second!)];
    expect(r1).toMatchObject({ status: "pending", assigned_to: a.other, team_id: a.team, queued_at: null });
    expect(r2).toMatchObject({ status: "pending", assigned_to: null, team_id: a.team });
    expect(r2.queued_at).toBeInstanceOf(Date);
    // The team-less one got the team the rules give (no rules: the tenant's oldest active team).
    expect((await row(a.teamless)).team_id).toBe(a.team);
    // SLA deadlines and first replies are kept.
    expect((await row(a.inTeam)).first_response_at).toEqual(before.inTeam.first_response_at);
    expect((await row(a.teamless)).sla_due_at).toEqual(before.teamless.sla_due_at);
    // A resolved conversation stays theirs (history).
    expect(await row(a.resolved)).toMatchObject({ status: "resolved", assigned_to: agent });

    expect(await availability(agent)).toBe("offline");
    expect((await q<{ is_active: boolean }>("select is_active from users where id = $1", [agent])).is_active).toBe(false);
    // Joining the queue again ("drained") does not bring the deactivated agent back.
    expect((await owner().query("select 1 from conversations where assigned_to = $1 and status in ('pending', 'open')", [agent])).rowCount).toBe(0);

    // The other agent is told; each conversation's timeline and the audit log say what happened.
    const notes = await owner().query<{ data: { conversationId: string; reason: string } }>("select data from notifications where user_id = $1 and kind = 'conversation_assigned'", [a.other]);
    expect(notes.rows.map((n) => [n.data.conversationId, n.data.reason])).toEqual([[first, "agent_deactivated"]]);
    const events = await owner().query<{ conversation_id: string; kind: string; data: Record<string, unknown> }>(
      "select conversation_id, kind, data from conversation_events where conversation_id = any($1) order by conversation_id, created_at, kind desc",
      [[a.inTeam, a.teamless]],
    );
    expect(events.rows.filter((e) => e.conversation_id === first).map((e) => e.kind)).toEqual(["unassigned", "assigned"]);
    expect(events.rows.filter((e) => e.conversation_id === second).map((e) => e.kind)).toEqual(["unassigned", "queued"]);
    expect(events.rows.find((e) => e.kind === "unassigned")?.data).toMatchObject({ previous: agent, reason: "agent_deactivated" });
    const audit = await owner().query<{ action: string; entity_id: string; actor_user_id: string; after: Record<string, unknown> }>(
      "select action, entity_id, actor_user_id, after from audit_logs where tenant_id = $1 and action in ('user.deactivate', 'conversation.unassigned') order by action, entity_id",
      [a.t.id],
    );
    expect(audit.rows).toEqual([
      { action: "conversation.unassigned", entity_id: first, actor_user_id: a.t.users.admin.id, after: { assignedTo: a.other, queued: false, reason: "agent_deactivated" } },
      { action: "conversation.unassigned", entity_id: second, actor_user_id: a.t.users.admin.id, after: { assignedTo: null, queued: true, reason: "agent_deactivated" } },
      { action: "user.deactivate", entity_id: agent, actor_user_id: a.t.users.admin.id, after: { is_active: false, releasedConversations: 2, reassigned: 1, openDeals: 0, openActivities: 0, transferTo: null } },
    ]);

    // Tenant B: same shape, nothing moved.
    expect([await row(b.inTeam), await row(b.teamless), await row(b.resolved)]).toEqual(bBefore);
    expect(await availability(b.t.users.agent.id)).toBe("online");
    expect(Number((await q<{ n: string }>("select count(*) as n from audit_logs where tenant_id = $1 and action like 'conversation.%'", [b.t.id])).n)).toBe(0);

    // A second deactivation is a no-op; reactivating does not take conversations back.
    expect((await admin.trpc("mutation", "users.deactivate", { userId: agent })).data).toEqual({ ok: true, released: 0, reassigned: 0, deals: 0, activities: 0 });
    expect((await admin.trpc("mutation", "users.reactivate", { userId: agent })).error).toBeNull();
    expect((await row(second!)).assigned_to).toBeNull();
  });

  it("under concurrent routing (app role, 8 connections): no deadlock, and nothing is left with the deactivated agent", async () => {
    const t = await createTenant();
    const agent = t.users.agent.id;
    const others: string[] = [];
    for (let i = 0; i < 3; i++) {
      const id = (await q("insert into users (tenant_id, email, name, role) values ($1, left(gen_random_uuid()::text, 12) || '@release.test', 'Outro', 'agent') returning id", [t.id])).id;
      others.push(id);
    }
    for (const u of [agent, ...others]) await q(`insert into agent_profiles (tenant_id, user_id, availability, capacity, last_seen_at) values ($1, $2, 'online', 100, ${FRESH}) returning user_id as id`, [t.id, u]);
    const team = (await q("insert into teams (tenant_id, name, distribution) values ($1, 'Vendas', 'round_robin') returning id", [t.id])).id;
    for (const [i, u] of [agent, ...others].entries()) await q("insert into team_members (tenant_id, team_id, user_id, position) values ($1, $2, $3, $4) returning id", [t.id, team, u, i]);
    const inbox = (await q("insert into inboxes (tenant_id, name, channel) values ($1, 'Site', 'web') returning id", [t.id])).id;
    const { rows } = await owner().query<{ id: string }>(
      `with l as (insert into leads (tenant_id, name, source, visitor_id) select $1, 'Lead', 'web', gen_random_uuid()::text from generate_series(1, 60) returning id)
       insert into conversations (tenant_id, inbox_id, lead_id, status, team_id) select $1, $2, l.id, 'pending', $3 from l returning id`,
      [t.id, inbox, team],
    );
    const ids = rows.map((r) => r.id);
    // The first 20 are routed before (round robin: some go to the agent), the rest race the deactivation.
    for (const id of ids.slice(0, 20)) await withTenant(app.db, t.id, (tx) => assignConversation(tx, t.id, id, new Date()));
    expect(Number((await q<{ n: string }>("select count(*) as n from conversations where assigned_to = $1", [agent])).n)).toBeGreaterThan(0);
    const racing = ids.slice(20).map((id) => withTenant(app.db, t.id, (tx) => assignConversation(tx, t.id, id, new Date())));
    const deactivation = withTenant(app.db, t.id, (tx) => setActive(tx, t.id, agent, false, { actorUserId: t.users.admin.id }, new Date()));
    const settled = await Promise.allSettled([...racing, deactivation]);
    expect(settled.filter((r) => r.status === "rejected")).toEqual([]);

    expect((await owner().query("select id from conversations where assigned_to = $1 and status in ('pending', 'open')", [agent])).rows).toEqual([]);
    // Every conversation is with one of the others or waiting in the queue; none was lost.
    const { rows: where } = await owner().query<{ assigned_to: string | null; queued_at: Date | null }>("select assigned_to, queued_at from conversations where id = any($1)", [ids]);
    expect(where.every((r) => (r.assigned_to !== null && others.includes(r.assigned_to)) || (r.assigned_to === null && r.queued_at !== null))).toBe(true);
    expect(await availability(agent)).toBe("offline");
  });
});
