import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signQStashRequest } from "@vendaflow/connectors/qstash/sign-request";
import { createDb, type Database } from "@vendaflow/db/create-db";
import { withTenant } from "@vendaflow/db/with-tenant";
import { afterCommit } from "@vendaflow/core/after-commit";
import { doAction, type ActionContext } from "@vendaflow/core/automations/actions";
import { assignConversation } from "@vendaflow/core/routing/assign";
import { setActive } from "@vendaflow/core/users/manage";
import { TEST_KEYS } from "../support/app-env";
import { request, type Client } from "../support/http";
import { closeOwner, createTenant, env, owner, type FixtureTenant } from "../support/fixtures";

/**
 * A meeting the lead booked puts an open line in Atividades (system_event 'meeting_scheduled') for
 * the deal's owner, else the conversation's agent (agenda-meetings.integration.test.ts books them
 * through Calendly). When the deal's owner changes later, by any path (editing the deal, a bulk
 * assignment, an automation's "assign owner", a deactivation's "Transferir carteira"), its open
 * lines that were the previous owner's or nobody's go to the new owner, others stay, and the
 * reminder rings the new owner; when the lead's conversation is assigned (by an admin, taken over,
 * answered, moved with an agent's others, routed, by an automation) a line nobody holds becomes
 * that agent's. One helper (core/crm/meeting-lines.ts) does it for every path.
 */

const q = async <T = Record<string, any>>(text: string, params: unknown[] = []) => (await owner().query(text, params)).rows as T[];
/** One sign-in per tenant and role for the file (sign-ins are rate-limited per address). */
const clients = new Map<string, Promise<Client>>();
const as = (t: FixtureTenant, role: "admin" | "agent" | "viewer") => {
  const key = `${t.id}:${role}`;
  if (!clients.has(key)) clients.set(key, t.loginAs(role));
  return clients.get(key)!;
};
const one = async <T = Record<string, any>>(text: string, params: unknown[] = []) => (await q<T>(text, params))[0]!;

let app: { db: Database; close: () => Promise<void> };
let a: FixtureTenant;
let b: FixtureTenant;
let second: string;

beforeAll(async () => {
  app = createDb({ url: env().appUrl, max: 4 });
  [a, b] = await Promise.all([createTenant(), createTenant()]);
  second = (await one("insert into users (tenant_id, email, name, role) values ($1, left(gen_random_uuid()::text, 12) || '@lines.test', 'Segunda Agente', 'agent') returning id", [a.id])).id;
});
afterAll(async () => {
  await app?.close();
  await closeOwner();
});

/** A lead with its conversation (held by `agent`), an open deal owned by `dealOwner` (when `deal`), and a booked meeting's open line assigned to `line`. */
async function booked(t: FixtureTenant, o: { agent?: string | null; deal?: boolean; dealOwner?: string | null; line: string | null }) {
  const inbox = (await q("select id from inboxes where tenant_id = $1 and channel = 'web' limit 1", [t.id]))[0] ?? (await one("insert into inboxes (tenant_id, name, channel) values ($1, 'Site', 'web') returning id", [t.id]));
  const lead = (await one("insert into leads (tenant_id, name, source, visitor_id) values ($1, 'Joana Prado', 'web', gen_random_uuid()::text) returning id", [t.id])).id as string;
  const conversation = (await one("insert into conversations (tenant_id, inbox_id, lead_id, status, assigned_to) values ($1, $2, $3, $4, $5) returning id", [t.id, inbox.id, lead, o.agent ? "open" : "pending", o.agent ?? null])).id as string;
  let deal: string | null = null;
  if (o.deal) {
    const s = await one("select s.id, s.pipeline_id from pipeline_stages s join pipelines p on p.id = s.pipeline_id where s.tenant_id = $1 and p.is_default and s.kind = 'open' order by s.position limit 1", [t.id]);
    deal = (await one("insert into deals (tenant_id, pipeline_id, stage_id, title, probability, lead_id, owner_id) values ($1, $2, $3, 'Plano anual', 10, $4, $5) returning id", [t.id, s.pipeline_id, s.id, lead, o.dealOwner ?? null])).id;
  }
  const line = (
    await one(
      "insert into activities (tenant_id, type, system_event, subject, lead_id, deal_id, assigned_to, due_at, data) values ($1, 'meeting', 'meeting_scheduled', 'Demonstração (30 min)', $2, $3, $4, now() + interval '3 days', '{}') returning id",
      [t.id, lead, deal, o.line],
    )
  ).id as string;
  return { lead, conversation, deal, line };
}
/** A line of the same deal that is not an open booked meeting: a held one, and a plain task. */
async function others(t: FixtureTenant, x: { lead: string; deal: string | null }, assignee: string | null) {
  const held = (await one("insert into activities (tenant_id, type, system_event, subject, lead_id, deal_id, assigned_to, due_at, completed_at, data) values ($1, 'meeting', 'meeting_scheduled', 'Antiga', $2, $3, $4, now() - interval '3 days', now() - interval '2 days', '{}') returning id", [t.id, x.lead, x.deal, assignee])).id as string;
  const task = (await one("insert into activities (tenant_id, type, subject, lead_id, deal_id, assigned_to, due_at) values ($1, 'task', 'Ligar', $2, $3, $4, now() + interval '1 day') returning id", [t.id, x.lead, x.deal, assignee])).id as string;
  return { held, task };
}
/** The activity reminder's job, as QStash delivers it to the app. */
const runReminder = async (body: string) => {
  const path = "/api/jobs/activity-reminder";
  const signature = await signQStashRequest({ url: `http://${env().rootDomain}${path}`, rawBody: body, signingKey: TEST_KEYS.qstashCurrent });
  const res = await request(env().port, env().rootDomain, "POST", path, { headers: { "content-type": "application/json", "upstash-signature": signature }, body });
  expect(res.status).toBe(200);
  return res.json<{ outcome: string }>().outcome;
};
const assignee = async (activityId: string) => (await one<{ assigned_to: string | null }>("select assigned_to from activities where id = $1", [activityId])).assigned_to;

describe("a booked meeting's line follows the deal's owner", () => {
  it("editing the deal: the previous owner's line and an unassigned one move; another person's stays; held meetings and tasks stay", async () => {
    const admin = await as(a, "admin");
    const x = await booked(a, { deal: true, dealOwner: a.users.admin.id, line: a.users.admin.id });
    const rest = await others(a, x, a.users.admin.id);
    const unassigned = (await one("insert into activities (tenant_id, type, system_event, subject, lead_id, deal_id, due_at, data) values ($1, 'meeting', 'meeting_scheduled', 'Segunda reunião', $2, $3, now() + interval '4 days', '{}') returning id", [a.id, x.lead, x.deal])).id;
    const agents = (await one("insert into activities (tenant_id, type, system_event, subject, lead_id, deal_id, assigned_to, due_at, data) values ($1, 'meeting', 'meeting_scheduled', 'Com a agente', $2, $3, $4, now() + interval '5 days', '{}') returning id", [a.id, x.lead, x.deal, second])).id;
    const r = await admin.trpc("mutation", "crm.deals.update", { id: x.deal, title: "Plano anual", ownerId: a.users.agent.id, leadId: x.lead });
    expect(r.error).toBeNull();
    expect(await assignee(x.line)).toBe(a.users.agent.id);
    expect(await assignee(unassigned)).toBe(a.users.agent.id);
    expect(await assignee(agents)).toBe(second);
    expect(await assignee(rest.held)).toBe(a.users.admin.id);
    expect(await assignee(rest.task)).toBe(a.users.admin.id);
    // Left without owner: the line the owner held goes with it, to nobody.
    expect((await admin.trpc("mutation", "crm.deals.update", { id: x.deal, title: "Plano anual", ownerId: null, leadId: x.lead })).error).toBeNull();
    expect(await assignee(x.line)).toBeNull();
  });

  it("its reminder rings the new owner's bell, not the previous owner's", async () => {
    const admin = await as(a, "admin");
    const x = await booked(a, { deal: true, dealOwner: a.users.admin.id, line: a.users.admin.id });
    const due = (await one<{ due_at: Date }>("update activities set due_at = date_trunc('second', now()) + interval '10 minutes' where id = $1 returning due_at", [x.line])).due_at;
    expect((await admin.trpc("mutation", "crm.deals.update", { id: x.deal, title: "Plano anual", ownerId: a.users.agent.id, leadId: x.lead })).error).toBeNull();
    expect(await runReminder(JSON.stringify({ tenantId: a.id, activityId: x.line, dueAt: due.toISOString() }))).toBe("sent");
    const rung = await q("select user_id from notifications where kind = 'activity_due' and data->>'activityId' = $1", [x.line]);
    expect(rung).toEqual([{ user_id: a.users.agent.id }]);
  });

  it("a bulk assignment: each deal's line, from its own previous owner", async () => {
    const admin = await as(a, "admin");
    const x = await booked(a, { deal: true, dealOwner: a.users.admin.id, line: a.users.admin.id });
    const y = await booked(a, { deal: true, dealOwner: null, line: null });
    const z = await booked(a, { deal: true, dealOwner: second, line: a.users.admin.id });
    const r = await admin.trpc("mutation", "crmLists.bulk", { entity: "deal", ids: [x.deal, y.deal, z.deal], action: { type: "assign", ownerId: a.users.agent.id } });
    expect(r.error).toBeNull();
    expect(await assignee(x.line)).toBe(a.users.agent.id);
    expect(await assignee(y.line)).toBe(a.users.agent.id);
    // z's line was not its previous owner's (second's) nor nobody's: it stays.
    expect(await assignee(z.line)).toBe(a.users.admin.id);
  });

  it("an automation's 'assign owner' on the deal", async () => {
    const x = await booked(a, { deal: true, dealOwner: a.users.admin.id, line: a.users.admin.id });
    await withTenant(app.db, a.id, (tx) => doAction(automation(tx, a, { type: "deal", id: x.deal! }), { type: "assign_owner", userId: second } as never));
    expect(await one("select owner_id from deals where id = $1", [x.deal])).toEqual({ owner_id: second });
    expect(await assignee(x.line)).toBe(second);
  });

  it("'Transferir carteira' on deactivation: the deals' lines the person held or nobody held go to the new owner", async () => {
    const leaving = (await one("insert into users (tenant_id, email, name, role) values ($1, left(gen_random_uuid()::text, 12) || '@lines.test', 'Saindo', 'agent') returning id", [a.id])).id as string;
    const x = await booked(a, { deal: true, dealOwner: leaving, line: null });
    const y = await booked(a, { deal: true, dealOwner: leaving, line: leaving });
    await withTenant(app.db, a.id, (tx) => setActive(tx, a.id, leaving, false, { actorUserId: a.users.admin.id }, new Date(), { to: a.users.agent.id }));
    expect(await assignee(x.line)).toBe(a.users.agent.id);
    expect(await assignee(y.line)).toBe(a.users.agent.id);
  });

  it("converting the lead: its meeting still to be held joins the new deal and its line goes to the deal's owner; a canceled one stays off the deal", async () => {
    const agent = await as(a, "agent");
    const x = await booked(a, { agent: second, line: second });
    const meeting = (await one("insert into meetings (tenant_id, provider, external_id, lead_id, conversation_id, title, starts_at, ends_at, activity_id) values ($1, 'calendly', gen_random_uuid()::text, $2, $3, 'Demonstração', now() + interval '3 days', now() + interval '3 days 30 minutes', $4) returning id", [a.id, x.lead, x.conversation, x.line])).id;
    const canceled = (await one("insert into meetings (tenant_id, provider, external_id, lead_id, title, starts_at, ends_at, status) values ($1, 'calendly', gen_random_uuid()::text, $2, 'Cancelada', now() + interval '2 days', now() + interval '2 days 30 minutes', 'canceled') returning id", [a.id, x.lead])).id;
    const r = await agent.trpc<{ dealId: string }>("mutation", "crm.leads.convert", { leadId: x.lead });
    expect(r.error).toBeNull();
    const dealId = r.data!.dealId;
    expect((await one("select deal_id from meetings where id = $1", [meeting])).deal_id).toBe(dealId);
    expect((await one("select deal_id from meetings where id = $1", [canceled])).deal_id).toBeNull();
    expect(await one("select deal_id, assigned_to from activities where id = $1", [x.line])).toEqual({ deal_id: dealId, assigned_to: a.users.agent.id });
    // The deal's page lists the meeting's line, and a later change of owner moves it as for any booked on the deal.
    const admin = await as(a, "admin");
    expect((await admin.trpc("mutation", "crm.deals.update", { id: dealId, title: "Plano anual", ownerId: a.users.admin.id, leadId: x.lead })).error).toBeNull();
    expect(await assignee(x.line)).toBe(a.users.admin.id);
  });
});

describe("a booked meeting's line nobody holds goes to the agent the conversation is assigned to", () => {
  it("assigned by an admin, taken over by an agent; a line someone holds stays theirs", async () => {
    const admin = await as(a, "admin");
    const x = await booked(a, { line: null });
    expect((await admin.trpc("mutation", "agent.assign", { conversationId: x.conversation, userId: a.users.agent.id })).error).toBeNull();
    expect(await assignee(x.line)).toBe(a.users.agent.id);

    const y = await booked(a, { line: null });
    const held = await booked(a, { deal: true, dealOwner: a.users.admin.id, line: a.users.admin.id });
    const agent = await as(a, "agent");
    expect((await agent.trpc("mutation", "agent.takeOver", { conversationId: y.conversation })).error).toBeNull();
    expect(await assignee(y.line)).toBe(a.users.agent.id);
    expect((await admin.trpc("mutation", "agent.assign", { conversationId: held.conversation, userId: a.users.agent.id })).error).toBeNull();
    expect(await assignee(held.line)).toBe(a.users.admin.id);

    // Answering a conversation nobody held makes it the agent's, and the line with it.
    const z = await booked(a, { line: null });
    expect((await agent.trpc("mutation", "agent.reply", { conversationId: z.conversation, text: "Olá! Vi sua reunião marcada." })).error).toBeNull();
    expect(await assignee(z.line)).toBe(a.users.agent.id);
  });

  it("moved with the rest of an agent's conversations ('Carga da equipe')", async () => {
    const admin = await as(a, "admin");
    await q("insert into agent_profiles (tenant_id, user_id, availability, capacity, last_seen_at) values ($1, $2, 'online', 50, now() + interval '1 day') on conflict (tenant_id, user_id) do update set availability = 'online', capacity = 50, last_seen_at = excluded.last_seen_at", [a.id, a.users.admin.id]);
    const holder = (await one("insert into users (tenant_id, email, name, role) values ($1, left(gen_random_uuid()::text, 12) || '@lines.test', 'Quem Tinha', 'agent') returning id", [a.id])).id as string;
    const x = await booked(a, { agent: holder, line: null });
    const r = await admin.trpc("mutation", "routing.reassignHeld", { fromUserId: holder, toUserId: a.users.admin.id, expected: 1 });
    expect(r.error).toBeNull();
    expect(await assignee(x.line)).toBe(a.users.admin.id);
  });

  it("routed to an online agent of the team", async () => {
    const team = (await one("insert into teams (tenant_id, name, distribution) values ($1, 'Vendas', 'round_robin') returning id", [a.id])).id;
    await q("insert into team_members (tenant_id, team_id, user_id, position) values ($1, $2, $3, 0)", [a.id, team, second]);
    await q("insert into agent_profiles (tenant_id, user_id, availability, capacity, last_seen_at) values ($1, $2, 'online', 5, now() + interval '1 day') on conflict (tenant_id, user_id) do update set availability = 'online', last_seen_at = excluded.last_seen_at", [a.id, second]);
    const x = await booked(a, { line: null });
    await q("update conversations set team_id = $2 where id = $1", [x.conversation, team]);
    const res = await withTenant(app.db, a.id, (tx) => assignConversation(tx, a.id, x.conversation, new Date()));
    expect(res.kind).toBe("assigned");
    expect(await assignee(x.line)).toBe(second);
  });

  it("by an automation's 'assign owner' on the lead; another tenant's lines are untouched", async () => {
    const x = await booked(a, { line: null });
    const other = await booked(b, { line: null });
    await withTenant(app.db, a.id, (tx) => doAction(automation(tx, a, { type: "lead", id: x.lead }), { type: "assign_owner", userId: a.users.agent.id } as never));
    expect(await assignee(x.line)).toBe(a.users.agent.id);
    expect(await assignee(other.line)).toBeNull();
  });
});

function automation(tx: Parameters<Parameters<typeof withTenant>[2]>[0], t: FixtureTenant, entity: { type: "deal" | "lead"; id: string }): ActionContext {
  return {
    tx,
    tenantId: t.id,
    // assign_owner reads only the clock.
    deps: { now: () => new Date() } as ActionContext["deps"],
    automation: { id: "00000000-0000-4000-8000-000000000001", name: "Teste", trigger: "manual" },
    runId: "00000000-0000-4000-8000-000000000002",
    entity: { ...entity, ownerId: null, facts: {} } as ActionContext["entity"],
    event: {},
    after: afterCommit(),
  };
}
