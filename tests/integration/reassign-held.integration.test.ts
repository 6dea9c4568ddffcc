import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeOwner, createTenant, owner, type FixtureTenant } from "../support/fixtures";

/**
 * "Carga da equipe"'s bulk move (routing.reassignHeld → core/routing/release.ts
 * reassignHeldConversations): all of an agent's pending and open conversations to another online
 * agent, or back to the queue to be routed again; admins only, confirmed by the count, typed pt-BR
 * errors, never across tenants.
 */

const q = async <T = { id: string }>(text: string, params: unknown[]) => (await owner().query(text, params)).rows[0] as T;
// Heartbeats a day ahead: other files' servers run the inactivity sweep on the real clock (routing-flow's note).
const FRESH = "now() + interval '1 day'";

interface Shape {
  t: FixtureTenant;
  team: string;
  /** Online agents: "Rita" (room for 1) and "Sara" (away). */
  rita: string;
  sara: string;
}

async function addAgent(t: FixtureTenant, name: string, availability: string, capacity: number): Promise<string> {
  const id = (await q("insert into users (tenant_id, email, name, role) values ($1, left(gen_random_uuid()::text, 12) || '@reassign.test', $2, 'agent') returning id", [t.id, name])).id;
  await q(`insert into agent_profiles (tenant_id, user_id, availability, capacity, last_seen_at) values ($1, $2, $3, $4, ${FRESH}) returning user_id as id`, [t.id, id, availability, capacity]);
  return id;
}

async function shape(t: FixtureTenant): Promise<Shape> {
  await q(`insert into agent_profiles (tenant_id, user_id, availability, capacity, last_seen_at) values ($1, $2, 'online', 10, ${FRESH}) returning user_id as id`, [t.id, t.users.agent.id]);
  const rita = await addAgent(t, "Rita", "online", 1);
  const sara = await addAgent(t, "Sara", "away", 10);
  const team = (await q("insert into teams (tenant_id, name, distribution) values ($1, 'Vendas', 'round_robin') returning id", [t.id])).id;
  for (const [i, u] of [t.users.agent.id, rita, sara].entries()) await q("insert into team_members (tenant_id, team_id, user_id, position) values ($1, $2, $3, $4) returning id", [t.id, team, u, i]);
  return { t, team, rita, sara };
}

async function give(s: Shape, userId: string, statuses: string[]): Promise<string[]> {
  const inbox = (await q("insert into inboxes (tenant_id, name, channel) values ($1, 'Site', 'web') returning id", [s.t.id])).id;
  const ids: string[] = [];
  for (const status of statuses) {
    const lead = (await q("insert into leads (tenant_id, name, source, visitor_id) values ($1, 'Lead', 'web', gen_random_uuid()::text) returning id", [s.t.id])).id;
    ids.push((await q("insert into conversations (tenant_id, inbox_id, lead_id, status, team_id, assigned_to) values ($1, $2, $3, $4, $5, $6) returning id", [s.t.id, inbox, lead, status, s.team, userId])).id);
  }
  return ids;
}

const rows = async (ids: string[]) =>
  (await owner().query<{ id: string; status: string; assigned_to: string | null; queued_at: Date | null }>("select id, status, assigned_to, queued_at from conversations where id = any($1) order by id", [ids])).rows;

type Moved = { moved: number; assigned: number };

let a: Shape;
let b: Shape;
beforeAll(async () => {
  const [ta, tb] = await Promise.all([createTenant(), createTenant()]);
  a = await shape(ta);
  b = await shape(tb);
});
afterAll(closeOwner);

describe("moving all of an agent's conversations", () => {
  it("to another online agent: statuses kept, beyond capacity (a manual move), notified, audited", async () => {
    const ids = await give(a, a.t.users.agent.id, ["open", "pending", "open"]);
    const [resolved] = await give(a, a.t.users.agent.id, ["resolved"]);
    const admin = await a.t.loginAs("admin");
    const res = await admin.trpc<Moved>("mutation", "routing.reassignHeld", { fromUserId: a.t.users.agent.id, toUserId: a.rita, expected: 3 });
    expect(res.error).toBeNull();
    expect(res.data).toEqual({ moved: 3, assigned: 3 });
    const statusOf = new Map(ids.map((id, i) => [id, ["open", "pending", "open"][i]]));
    for (const r of await rows(ids)) expect([r.status, r.assigned_to]).toEqual([statusOf.get(r.id), a.rita]);
    expect((await rows([resolved!]))[0]!.assigned_to).toBe(a.t.users.agent.id);
    // The agent who gave them away keeps their availability.
    expect((await q<{ availability: string }>("select availability from agent_profiles where user_id = $1", [a.t.users.agent.id])).availability).toBe("online");
    expect(Number((await q<{ n: string }>("select count(*) as n from notifications where user_id = $1 and kind = 'conversation_assigned'", [a.rita])).n)).toBe(3);
    const audit = await owner().query<{ entity_id: string; actor_user_id: string; before: unknown; after: unknown }>(
      "select entity_id, actor_user_id, before, after from audit_logs where tenant_id = $1 and action = 'conversation.assigned' order by entity_id",
      [a.t.id],
    );
    expect(audit.rows).toEqual([...ids].sort().map((id) => ({ entity_id: id, actor_user_id: a.t.users.admin.id, before: { assignedTo: a.t.users.agent.id }, after: { assignedTo: a.rita, reason: "bulk_reassign" } })));
    const events = await owner().query<{ kind: string; data: Record<string, unknown>; actor_user_id: string }>("select kind, data, actor_user_id from conversation_events where conversation_id = $1", [ids[0]]);
    expect(events.rows).toEqual([{ kind: "assigned", data: { userId: a.rita, previous: a.t.users.agent.id, reason: "bulk_reassign" }, actor_user_id: a.t.users.admin.id }]);
  });

  it("back to the queue: routed again without the agent (Rita is full now, Sara away), so they wait in the team's queue", async () => {
    const ids = await give(a, a.t.users.agent.id, ["open", "pending"]);
    const admin = await a.t.loginAs("admin");
    const res = await admin.trpc<Moved>("mutation", "routing.reassignHeld", { fromUserId: a.t.users.agent.id, toUserId: null, expected: 2 });
    expect(res.data).toEqual({ moved: 2, assigned: 0 });
    for (const r of await rows(ids)) {
      expect(r).toMatchObject({ status: "pending", assigned_to: null });
      expect(r.queued_at).toBeInstanceOf(Date);
    }
    // The agent, online with room, is not handed them back by this move.
    expect(Number((await q<{ n: string }>("select count(*) as n from audit_logs where tenant_id = $1 and action = 'conversation.unassigned'", [a.t.id])).n)).toBe(2);
  });

  it("back to the queue with someone free: the team's next agent gets it, never the one giving it away", async () => {
    // Sara comes online with room; the agent hands everything back.
    await q("update agent_profiles set availability = 'online' where user_id = $1 returning user_id as id", [a.sara]);
    const ids = await give(a, a.t.users.agent.id, ["open"]);
    const admin = await a.t.loginAs("admin");
    const res = await admin.trpc<Moved>("mutation", "routing.reassignHeld", { fromUserId: a.t.users.agent.id, toUserId: null, expected: 1 });
    expect(res.data).toEqual({ moved: 1, assigned: 1 });
    expect((await rows(ids))[0]).toMatchObject({ status: "pending", assigned_to: a.sara, queued_at: null });
  });

  it("refuses: agents and viewers, a stale count, an offline or unknown target, the same person, another tenant's people", async () => {
    const ids = await give(a, a.t.users.agent.id, ["open", "open"]);
    const [agent, viewer, admin] = await Promise.all([a.t.loginAs("agent"), a.t.loginAs("viewer"), a.t.loginAs("admin")]);
    const call = (c: typeof admin, input: Record<string, unknown>) => c.trpc<Moved>("mutation", "routing.reassignHeld", input);
    const ok = { fromUserId: a.t.users.agent.id, toUserId: null, expected: 2 };
    expect((await call(agent, ok)).error?.data?.code).toBe("FORBIDDEN");
    expect((await call(viewer, ok)).error?.data?.code).toBe("FORBIDDEN");

    const stale = await call(admin, { ...ok, expected: 3 });
    expect(stale.error?.data?.code).toBe("CONFLICT");
    expect(stale.error?.message).toMatch(/mudaram enquanto você confirmava \(agora são 2\)/);
    // Sara went away meanwhile: an agent who is not online is refused, in pt-BR.
    await q("update agent_profiles set availability = 'away' where user_id = $1 returning user_id as id", [a.sara]);
    const away = await call(admin, { ...ok, toUserId: a.sara });
    expect(away.error?.data?.code).toBe("PRECONDITION_FAILED");
    expect(away.error?.message).toBe("Sara não está online. Escolha um agente online ou devolva as conversas para a fila.");
    expect((await call(admin, { ...ok, toUserId: a.t.users.viewer.id })).error?.data?.code).toBe("BAD_REQUEST");
    expect((await call(admin, { ...ok, toUserId: a.t.users.agent.id })).error?.message).toBe("Escolha outro agente: estas conversas já são dele.");
    // Across tenants: B's agent as the source is nobody here; B's online agent is no target.
    expect((await call(admin, { ...ok, fromUserId: b.t.users.agent.id })).error?.data?.code).toBe("NOT_FOUND");
    expect((await call(admin, { ...ok, toUserId: b.rita })).error?.data?.code).toBe("BAD_REQUEST");
    // Nothing moved by any of it.
    expect((await rows(ids)).map((r) => r.assigned_to)).toEqual([a.t.users.agent.id, a.t.users.agent.id]);
    expect(Number((await q<{ n: string }>("select count(*) as n from audit_logs where tenant_id = $1", [b.t.id])).n)).toBe(0);
  });
});
