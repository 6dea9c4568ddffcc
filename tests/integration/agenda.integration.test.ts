import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signQStashRequest } from "@vendaflow/connectors/qstash/sign-request";
import { TEST_KEYS } from "../support/app-env";
import { eventually } from "../support/eventually";
import { closeOwner, createTenant, env, owner, type FixtureTenant } from "../support/fixtures";
import { request, type Client } from "../support/http";

/**
 * "Atividades" (crm.activities.agenda / agendaCounts) and the reminder in the assignee's bell
 * (/api/jobs/activity-reminder): tabs by São Paulo's day, whose work, paging, who may tick off
 * what, the reminder once and only while it still holds, and nothing across tenants.
 */

type Item = { id: string; subject: string; type: string; due_at: string | null; deal_title: string | null; lead_name: string | null; assignee_name: string | null };
type Page = { items: Item[]; nextCursor: string | null };
type Counts = { overdue: number; today: number; upcoming: number; noDate: number };

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** The end of today in São Paulo (UTC-3, no daylight saving), as the agenda cuts its tabs. */
const endOfSaoPauloDay = (at: number) => {
  const local = new Date(at - 3 * HOUR);
  return Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate() + 1) + 3 * HOUR - 1;
};

let a: FixtureTenant;
let b: FixtureTenant;
let adminA: Client;
let agentA: Client;
let adminB: Client;
let dealId: string;

const agenda = async (c: Client, input: Record<string, unknown>) => (await c.trpc<Page>("query", "crm.activities.agenda", input)).data!;
const subjects = async (c: Client, input: Record<string, unknown>) => (await agenda(c, input)).items.map((i) => i.subject);
const create = async (c: Client, input: Record<string, unknown>) => {
  const r = await c.trpc<{ id: string }>("mutation", "crm.activities.create", input);
  expect(r.error).toBeNull();
  return r.data!.id;
};
const jobOf = async (activityId: string) =>
  (await owner().query<{ body: string; not_before: Date; deduplication_id: string }>("select body, not_before, deduplication_id from scheduled_jobs where deduplication_id like $1 order by created_at", [`activity-reminder-${activityId}-%`])).rows;
const runJob = async (body: string) => {
  const path = "/api/jobs/activity-reminder";
  const signature = await signQStashRequest({ url: `http://${env().rootDomain}${path}`, rawBody: body, signingKey: TEST_KEYS.qstashCurrent });
  const res = await request(env().port, env().rootDomain, "POST", path, { headers: { "content-type": "application/json", "upstash-signature": signature }, body });
  expect(res.status).toBe(200);
  return res.json<{ outcome: string }>().outcome;
};
const reminders = async (userId: string, activityId: string) =>
  (await owner().query<{ data: Record<string, unknown> }>("select data from notifications where user_id = $1 and kind = 'activity_due' and data->>'activityId' = $2", [userId, activityId])).rows;

beforeAll(async () => {
  [a, b] = await Promise.all([createTenant(), createTenant()]);
  [adminA, agentA, adminB] = await Promise.all([a.loginAs("admin"), a.loginAs("agent"), b.loginAs("admin")]);
  dealId = (await adminA.trpc<{ id: string }>("mutation", "crm.deals.create", { title: "Plano anual", ownerId: a.users.admin.id })).data!.id;
});
afterAll(closeOwner);

describe("the agenda's tabs", () => {
  it("sorts open work by São Paulo's day, counts each tab, leaves notes and the system's lines out, and pages", async () => {
    const now = Date.now();
    const agent = a.users.agent.id;
    // The admin's deal, the agent's work on it (an agent may hold tasks on another's deal).
    await create(adminA, { type: "task", subject: "Atrasada antiga", dueAt: new Date(now - 3 * DAY).toISOString(), assignedTo: agent, dealId });
    await create(adminA, { type: "call", subject: "Atrasada recente", dueAt: new Date(now - HOUR).toISOString(), assignedTo: agent, dealId });
    await create(adminA, { type: "email", subject: "Atrasada de ontem", dueAt: new Date(now - DAY).toISOString(), assignedTo: agent, dealId });
    await create(adminA, { type: "task", subject: "Para hoje", dueAt: new Date(Math.min(now + 20 * 60_000, endOfSaoPauloDay(now) - 1000)).toISOString(), assignedTo: agent, dealId });
    await create(adminA, { type: "meeting", subject: "Daqui a 3 dias", dueAt: new Date(now + 3 * DAY).toISOString(), assignedTo: agent, dealId });
    await create(adminA, { type: "task", subject: "Sem data", assignedTo: agent, dealId });
    await create(adminA, { type: "note", subject: "Uma nota", assignedTo: agent, dealId });
    await create(adminA, { type: "task", subject: "Do admin", dueAt: new Date(now - 2 * HOUR).toISOString(), assignedTo: a.users.admin.id, dealId });
    // Moving the deal logs a system line on it: never work.
    const stages = (await owner().query<{ id: string }>("select s.id from pipeline_stages s join pipelines p on p.id = s.pipeline_id where s.tenant_id = $1 and p.is_default and s.kind = 'open' order by s.position", [a.id])).rows;
    expect((await adminA.trpc("mutation", "crm.deals.move", { id: dealId, stageId: stages[1]!.id })).error).toBeNull();

    expect(await subjects(agentA, { bucket: "overdue" })).toEqual(["Atrasada antiga", "Atrasada de ontem", "Atrasada recente"]);
    expect(await subjects(agentA, { bucket: "today" })).toEqual(["Para hoje"]);
    expect(await subjects(agentA, { bucket: "upcoming" })).toEqual(["Daqui a 3 dias"]);
    expect(await subjects(agentA, { bucket: "no_date" })).toEqual(["Sem data"]);
    expect(await subjects(agentA, { bucket: "done" })).toEqual([]);
    expect((await agentA.trpc<Counts>("query", "crm.activities.agendaCounts", {})).data).toEqual({ overdue: 3, today: 1, upcoming: 1, noDate: 1 });
    // Each row says what it is about and whose it is.
    expect((await agenda(agentA, { bucket: "today" })).items[0]).toMatchObject({ type: "task", deal_title: "Plano anual", assignee_name: `agent ${a.slug}` });
    // By type; everyone's; one person's.
    expect(await subjects(agentA, { bucket: "overdue", type: "call" })).toEqual(["Atrasada recente"]);
    expect(await subjects(adminA, { bucket: "overdue" })).toEqual(["Do admin"]);
    expect(await subjects(adminA, { bucket: "overdue", who: "all" })).toEqual(["Atrasada antiga", "Atrasada de ontem", "Do admin", "Atrasada recente"]);
    expect(await subjects(adminA, { bucket: "overdue", who: agent })).toHaveLength(3);
    expect((await adminA.trpc("query", "crm.activities.agenda", { bucket: "overdue", type: "note" })).error?.data.code).toBe("BAD_REQUEST");

    // Two at a time, in the same order, nothing twice.
    const first = await agenda(agentA, { bucket: "overdue", limit: 2 });
    const second = await agenda(agentA, { bucket: "overdue", limit: 2, cursor: first.nextCursor });
    expect([...first.items, ...second.items].map((i) => i.subject)).toEqual(["Atrasada antiga", "Atrasada de ontem", "Atrasada recente"]);
    expect(second.nextCursor).toBeNull();
  });

  it("the assignee ticks off their task on another's deal; another agent cannot; the done tab has it, latest first", async () => {
    const id = (await agenda(agentA, { bucket: "overdue" })).items[0]!.id;
    expect((await agentA.trpc("mutation", "crm.activities.complete", { id })).error).toBeNull();
    expect((await agenda(agentA, { bucket: "done" })).items.map((i) => i.id)).toEqual([id]);
    expect((await agentA.trpc<Counts>("query", "crm.activities.agendaCounts", {})).data!.overdue).toBe(2);
    // Undo: reopened, it is overdue again.
    expect((await agentA.trpc("mutation", "crm.activities.complete", { id, completed: false })).error).toBeNull();
    expect((await agentA.trpc<Counts>("query", "crm.activities.agendaCounts", {})).data!.overdue).toBe(3);
    // The admin's own task on the admin's deal is not the agent's to tick off.
    const admins = (await agenda(adminA, { bucket: "overdue" })).items[0]!.id;
    expect((await agentA.trpc("mutation", "crm.activities.complete", { id: admins })).error?.data.code).toBe("FORBIDDEN");
  });

  it("work given by someone else lands in the bell; one's own does not", async () => {
    const assigned = async (userId: string) => (await owner().query<{ data: { title: string } }>("select data from notifications where user_id = $1 and kind = 'activity_assigned' order by created_at", [userId])).rows.map((r) => r.data.title);
    const before = await assigned(a.users.agent.id);
    // From the first test: six given by the admin (the note is a record, not work).
    expect(before).toEqual(["Atrasada antiga", "Atrasada recente", "Atrasada de ontem", "Para hoje", "Daqui a 3 dias", "Sem data"]);
    // The admin's own, twice over (the first test's "Do admin" and this one): nothing.
    const id = await create(adminA, { type: "task", subject: "Passada adiante", assignedTo: a.users.admin.id, dealId });
    expect(await assigned(a.users.admin.id)).toEqual([]);
    // Handed over by an edit: told; the same person kept: not again.
    const input = { type: "task", subject: "Passada adiante", assignedTo: a.users.agent.id, dealId };
    expect((await adminA.trpc("mutation", "crm.activities.update", { ...input, id })).error).toBeNull();
    expect((await adminA.trpc("mutation", "crm.activities.update", { ...input, id, subject: "Passada adiante (v2)" })).error).toBeNull();
    expect(await assigned(a.users.agent.id)).toEqual([...before, "Passada adiante"]);
  });

  it("another tenant sees none of it, even naming this tenant's agent", async () => {
    for (const bucket of ["overdue", "today", "upcoming", "no_date", "done"]) {
      expect(await subjects(adminB, { bucket, who: "all" })).toEqual([]);
      expect(await subjects(adminB, { bucket, who: a.users.agent.id })).toEqual([]);
    }
    expect((await adminB.trpc<Counts>("query", "crm.activities.agendaCounts", { who: "all" })).data).toEqual({ overdue: 0, today: 0, upcoming: 0, noDate: 0 });
    const id = (await agenda(agentA, { bucket: "overdue" })).items[0]!.id;
    expect((await adminB.trpc("mutation", "crm.activities.complete", { id })).error?.data.code).toBe("NOT_FOUND");
  });
});

describe("the reminder in the assignee's bell", () => {
  it("rings once, 15 minutes before the due time, for work still open and still due then", async () => {
    const id = await create(adminA, { type: "call", subject: "Retornar a ligação", dueAt: new Date(Date.now() + 10 * 60_000).toISOString(), assignedTo: a.users.agent.id, dealId });
    // Within the 15 minutes: due at once, delivered by the app's queue.
    const rung = await eventually(() => reminders(a.users.agent.id, id), (r) => r.length > 0);
    expect(rung).toHaveLength(1);
    expect(rung[0]!.data).toMatchObject({ activityId: id, type: "call", title: "Retornar a ligação", dealId });
    const [job] = await jobOf(id);
    expect(await runJob(job!.body)).toBe("skipped");
    expect(await reminders(a.users.agent.id, id)).toHaveLength(1);
    // The bell lists it by its kind.
    const notes = (await agentA.trpc<{ kind: string }[]>("query", "agent.notifications")).data!;
    expect(notes.map((n) => n.kind)).toContain("activity_due");
  });

  it("a time moved or work done since: the old job rings nothing", async () => {
    const due = Date.now() + 2 * DAY;
    const input = { type: "task", subject: "Mandar contrato", dueAt: new Date(due).toISOString(), assignedTo: a.users.agent.id, dealId };
    const id = await create(adminA, input);
    const [job] = await jobOf(id);
    expect(Math.abs(job!.not_before.getTime() - (due - 15 * 60_000))).toBeLessThan(60_000);
    // Moved to within the 15 minutes: the new time rings, the old job finds the time changed.
    expect((await adminA.trpc("mutation", "crm.activities.update", { ...input, id, dueAt: new Date(Date.now() + 5 * 60_000).toISOString() })).error).toBeNull();
    expect(await eventually(() => reminders(a.users.agent.id, id), (r) => r.length > 0)).toHaveLength(1);
    expect(await runJob(job!.body)).toBe("skipped");
    // Done before its time: nothing rings.
    const done = await create(adminA, { ...input, subject: "Já feito", dueAt: new Date(Date.now() + DAY).toISOString() });
    expect((await agentA.trpc("mutation", "crm.activities.complete", { id: done })).error).toBeNull();
    const [doneJob] = await jobOf(done);
    expect(await runJob(doneJob!.body)).toBe("skipped");
    expect(await reminders(a.users.agent.id, done)).toHaveLength(0);
  });

  it("a due time weeks away is reached in hops of at most 7 days; a job for another tenant's id finds nothing", async () => {
    const due = Date.now() + 30 * DAY;
    const id = await create(adminA, { type: "task", subject: "Renovação", dueAt: new Date(due).toISOString(), assignedTo: a.users.agent.id, dealId });
    const [hop] = await jobOf(id);
    expect(hop!.deduplication_id).toMatch(/-hop-\d+$/);
    expect(Math.abs(hop!.not_before.getTime() - (Date.now() + 7 * DAY))).toBeLessThan(60_000);
    // Delivered early (as the hop's would be, 7 days on): it schedules the next hop, rings nothing.
    expect(await runJob(hop!.body)).toBe("later");
    expect(await eventually(() => jobOf(id), (j) => j.length === 2)).toHaveLength(2);
    expect(await reminders(a.users.agent.id, id)).toHaveLength(0);
    // The same activity named under tenant B: RLS hides it.
    const foreign = JSON.stringify({ ...JSON.parse(hop!.body), tenantId: b.id });
    expect(await runJob(foreign)).toBe("skipped");
  });
});
