import { readFileSync } from "node:fs";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "@vendaflow/db/paths";
import { startAppServer } from "../support/app-server";
import { eventually } from "../support/eventually";
import { closeOwner, createTenant, owner, type FixtureTenant } from "../support/fixtures";
import type { Client } from "../support/http";
import type { NextServer } from "../support/next-server";
import { signedInClients } from "../support/sessions";
import { startCalendlyStandIn, type CalendlyStandIn } from "../stand-ins/calendly";

/**
 * A meeting the lead booked (Calendly, through its signed webhook to the app) in "Atividades":
 * its line is the deal owner's (else the conversation agent's), listed in the dated tabs with the
 * counts agreeing, its 15-minute reminder scheduled; a reschedule leaves one line at the new time;
 * a cancel, an outcome or a no-show takes it out of the open tabs; it is not ticked off as a task;
 * nobody else's "Minhas" and no other tenant lists it. Also migration 0156's backfill.
 */

type Item = { id: string; type: string; subject: string; due_at: string | null; system_event: string | null; meeting_id: string | null; meeting_status: string | null; awaiting_new_time: boolean; join_url: string | null; assigned_to: string | null; lead_name: string | null };
type Page = { items: Item[]; nextCursor: string | null };
type Counts = { overdue: number; today: number; upcoming: number; noDate: number };
const OPEN = ["overdue", "today", "upcoming", "no_date"] as const;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** The end of today in São Paulo (UTC−3, no daylight saving), as the agenda cuts its tabs. */
const endOfSaoPauloDay = (at: number) => {
  const local = new Date(at - 3 * HOUR);
  return Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate() + 1) + 3 * HOUR - 1;
};
/** A whole minute in the future, `days` days from now at `hour` São Paulo time. */
const inDays = (d: number, hour = 14) => new Date(Math.ceil(Date.now() / DAY) * DAY + d * DAY + (hour + 3) * HOUR);

let app: NextServer & { rootDomain: string };
let calendly: CalendlyStandIn;
let a: FixtureTenant;
let b: FixtureTenant;
const as = signedInClients(() => app);

const q = async <T = Record<string, any>>(text: string, params: unknown[] = []) => (await owner().query(text, params)).rows as T[];

/** A web lead with its conversation, held by `agent` if given, and an open deal owned by `dealOwner` if given. */
async function lead(t: FixtureTenant, o: { agent?: string; dealOwner?: string } = {}) {
  const email = `${randomUUID().slice(0, 8)}@cliente.com.br`;
  const inbox = (await q("select id from inboxes where tenant_id = $1 and channel = 'web' limit 1", [t.id]))[0] ?? (await q("insert into inboxes (tenant_id, name, channel) values ($1, 'Site', 'web') returning id", [t.id]))[0]!;
  const [l] = await q("insert into leads (tenant_id, name, email, source, visitor_id) values ($1, 'Joana Prado', $2, 'web', gen_random_uuid()::text) returning id", [t.id, email]);
  await q("insert into conversations (tenant_id, inbox_id, lead_id, status, assigned_to) values ($1, $2, $3, $4, $5)", [t.id, inbox.id, l!.id, o.agent ? "open" : "pending", o.agent ?? null]);
  if (o.dealOwner) {
    const [s] = await q("select s.id, s.pipeline_id from pipeline_stages s join pipelines p on p.id = s.pipeline_id where s.tenant_id = $1 and p.is_default and s.kind = 'open' order by s.position limit 1", [t.id]);
    await q("insert into deals (tenant_id, pipeline_id, stage_id, title, probability, lead_id, owner_id) values ($1, $2, $3, 'Plano anual', 10, $4, $5)", [t.id, s!.pipeline_id, s!.id, l!.id, o.dealOwner]);
  }
  return { leadId: l!.id as string, email };
}

/** Books through the stand-in (its webhook reaches the app) and returns the meeting row. */
async function book(who: { leadId: string; email: string }, start: Date) {
  const inv = await calendly.book({ name: "Joana Prado", email: who.email, start, tracking: { utm_content: who.leadId } });
  return { inv, meeting: await meetingBy(inv.uri) };
}
const meetingBy = async (externalId: string) => (await q("select * from meetings where tenant_id = $1 and external_id = $2", [a.id, externalId]))[0]!;

const agenda = async (c: Client, input: Record<string, unknown>) => {
  const r = await c.trpc<Page>("query", "crm.activities.agenda", { limit: 100, ...input });
  expect(r.error).toBeNull();
  return r.data!.items;
};
const counts = async (c: Client, who: string = "me") => (await c.trpc<Counts>("query", "crm.activities.agendaCounts", { who })).data!;
/** Every open tab of `who`, keyed by tab; the counts must say the same. */
async function openTabs(c: Client, who: string = "me") {
  const tabs = Object.fromEntries(await Promise.all(OPEN.map(async (bucket) => [bucket, await agenda(c, { bucket, who })] as const))) as Record<(typeof OPEN)[number], Item[]>;
  expect(await counts(c, who)).toEqual({ overdue: tabs.overdue.length, today: tabs.today.length, upcoming: tabs.upcoming.length, noDate: tabs.no_date.length });
  return tabs;
}
/** The tabs (open ones, and done) listing the activity, for `who`. */
async function tabsOf(c: Client, activityId: string, who: string = "me") {
  const tabs = await openTabs(c, who);
  const done = await agenda(c, { bucket: "done", who });
  return [...OPEN.filter((t) => tabs[t].some((i) => i.id === activityId)), ...(done.some((i) => i.id === activityId) ? ["done"] : [])];
}
const reminderJobs = async (activityId: string) => q<{ body: string; not_before: Date }>("select body, not_before from scheduled_jobs where deduplication_id like $1 order by created_at", [`activity-reminder-${activityId}-%`]);

beforeAll(async () => {
  calendly = await startCalendlyStandIn();
  app = await startAppServer({ CALENDLY_API_BASE: calendly.url });
  [a, b] = await Promise.all([createTenant(), createTenant()]);
  // Only tenant A connects Calendly (the stand-in delivers each booking to every subscription).
  const admin = await as(a);
  expect((await admin.trpc("mutation", "scheduling.connect", { provider: "calendly", token: calendly.token })).error).toBeNull();
  expect((await admin.trpc("mutation", "scheduling.pickEventType", { provider: "calendly", eventTypeRef: calendly.eventTypes[0]!.uri })).error).toBeNull();
});
afterAll(async () => {
  await app?.stop();
  await calendly?.close();
  await closeOwner();
});

describe("a meeting the lead booked, in Atividades", () => {
  it("is the deal owner's: listed today with a meeting's data, counted, its reminder scheduled; not the agent's 'Minhas', not another tenant's, not ticked off", async () => {
    const now = Date.now();
    const end = endOfSaoPauloDay(now);
    // Later today if the São Paulo day has room for it (the suite runs by day), else tomorrow.
    const today = end - now > 40 * 60_000;
    const start = new Date(Math.floor((today ? Math.min(now + 2 * HOUR, end - 10 * 60_000) : now + DAY) / 60_000) * 60_000);
    const who = await lead(a, { agent: a.users.agent.id, dealOwner: a.users.admin.id });
    const { meeting } = await book(who, start);
    const [line] = await q("select assigned_to, due_at, completed_at from activities where id = $1", [meeting.activity_id]);
    expect(line).toMatchObject({ assigned_to: a.users.admin.id, completed_at: null });

    const admin = await as(a);
    const tabs = await openTabs(admin);
    const bucket = today ? "today" : "upcoming";
    const item = tabs[bucket].find((i) => i.id === meeting.activity_id);
    expect(item).toMatchObject({ type: "meeting", system_event: "meeting_scheduled", subject: "Demonstração (30 min)", meeting_id: meeting.id, assigned_to: a.users.admin.id, lead_name: "Joana Prado" });
    expect(item!.join_url).toBe(meeting.join_url);
    expect(item!.join_url).toMatch(/^https:\/\/meet\.example\.com\//);
    expect(new Date(item!.due_at!).getTime()).toBe(start.getTime());
    expect(await tabsOf(admin, meeting.activity_id)).toEqual([bucket]);
    // The type filter finds it as a meeting.
    expect((await agenda(admin, { bucket, type: "meeting" })).map((i) => i.id)).toContain(meeting.activity_id);

    // The assignee's reminder, 15 minutes before (or at once when that is already past).
    const [job] = await reminderJobs(meeting.activity_id);
    expect(JSON.parse(job!.body)).toMatchObject({ tenantId: a.id, activityId: meeting.activity_id, dueAt: start.toISOString() });
    expect(Math.abs(job!.not_before.getTime() - Math.max(Date.now(), start.getTime() - 15 * 60_000))).toBeLessThan(2 * 60_000);

    // The conversation's agent heard of it but does not own it: not in their "Minhas"; everyone's lists it.
    const agent = await as(a, "agent");
    expect(await tabsOf(agent, meeting.activity_id)).toEqual([]);
    expect(await tabsOf(agent, meeting.activity_id, "all")).toEqual([bucket]);
    expect(await tabsOf(agent, meeting.activity_id, a.users.admin.id)).toEqual([bucket]);
    // Another tenant: nothing, even naming A's admin.
    const other = await as(b);
    expect(await counts(other, "all")).toEqual({ overdue: 0, today: 0, upcoming: 0, noDate: 0 });
    expect(await tabsOf(other, meeting.activity_id, "all")).toEqual([]);
    expect(await tabsOf(other, meeting.activity_id, a.users.admin.id)).toEqual([]);

    // The system's line is not a plain task: ticking it off is refused (its outcome closes it).
    const tick = await admin.trpc("mutation", "crm.activities.complete", { id: meeting.activity_id });
    expect(tick.error?.data.code).toBe("BAD_REQUEST");
    expect(tick.error?.message).toMatch(/realizada ou não compareceu/);
    expect((await q("select completed_at from activities where id = $1", [meeting.activity_id]))[0]!.completed_at).toBeNull();
  });

  it("less than 15 minutes away: the assignee's bell rings at once, once, and no one else's", async () => {
    const who = await lead(a, { agent: a.users.agent.id, dealOwner: a.users.admin.id });
    const { meeting } = await book(who, new Date(Math.ceil((Date.now() + 10 * 60_000) / 1000) * 1000));
    const rung = async () => q<{ user_id: string; data: Record<string, unknown> }>("select user_id, data from notifications where kind = 'activity_due' and data->>'activityId' = $1", [meeting.activity_id]);
    const notes = await eventually(rung, (r) => r.length > 0);
    expect(notes).toEqual([{ user_id: a.users.admin.id, data: expect.objectContaining({ activityId: meeting.activity_id, type: "meeting", title: "Demonstração (30 min)", leadId: who.leadId }) }]);
  });

  it("with no deal it is the conversation agent's; with neither, no one's (everyone's tab lists it)", async () => {
    const held = await lead(a, { agent: a.users.agent.id });
    const { meeting } = await book(held, inDays(4, 10));
    const agent = await as(a, "agent");
    expect(await tabsOf(agent, meeting.activity_id)).toEqual(["upcoming"]);
    expect(await tabsOf(await as(a), meeting.activity_id)).toEqual([]);

    const nobody = await lead(a);
    const alone = (await book(nobody, inDays(4, 11))).meeting;
    expect((await q("select assigned_to from activities where id = $1", [alone.activity_id]))[0]!.assigned_to).toBeNull();
    expect(await tabsOf(agent, alone.activity_id)).toEqual([]);
    expect(await tabsOf(agent, alone.activity_id, "all")).toEqual(["upcoming"]);
    expect(await reminderJobs(alone.activity_id)).toHaveLength(1);
  });

  it("rescheduled (either order of Calendly's two webhooks): one line, at the new time, with the new meeting and its own reminder", async () => {
    const admin = await as(a);
    for (const createdFirst of [false, true]) {
      const who = await lead(a, { dealOwner: a.users.admin.id });
      const { inv, meeting } = await book(who, inDays(3, 9));
      const to = inDays(5, createdFirst ? 15 : 16);
      const fresh = await calendly.reschedule(inv.uri, to, { createdFirst });
      const next = await meetingBy(fresh.uri);
      expect(next.activity_id).toBe(meeting.activity_id);
      const lines = (await openTabs(admin)).upcoming.filter((i) => i.subject === "Demonstração (30 min)" && (i.id === meeting.activity_id || i.meeting_id === meeting.id || i.meeting_id === next.id));
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatchObject({ id: meeting.activity_id, meeting_id: next.id, assigned_to: a.users.admin.id });
      expect(new Date(lines[0]!.due_at!).getTime()).toBe(to.getTime());
      expect(lines[0]!.join_url).toBe(next.join_url);
      // The open lines of this lead: that one only.
      expect(await q("select id from activities where lead_id = $1 and completed_at is null and deleted_at is null", [who.leadId])).toEqual([{ id: meeting.activity_id }]);
      const jobs = (await reminderJobs(meeting.activity_id)).map((j) => JSON.parse(j.body).dueAt);
      expect(jobs).toEqual([inDays(3, 9).toISOString(), to.toISOString()]);
    }
  });

  it("rescheduled but the new time never told (only Calendly's cancel came): the line stays open and takes an outcome; the late booking reopens it at the new time", async () => {
    const admin = await as(a);
    const who = await lead(a, { dealOwner: a.users.admin.id });
    const { inv, meeting } = await book(who, inDays(3, 14));
    const to = inDays(6, 10);
    const fresh = await calendly.reschedule(inv.uri, to, { holdCreated: true });
    expect(await meetingBy(inv.uri)).toMatchObject({ status: "rescheduled", rescheduled_to: null });
    expect(await tabsOf(admin, meeting.activity_id)).toEqual(["upcoming"]);
    const waiting = (await openTabs(admin)).upcoming.find((i) => i.id === meeting.activity_id)!;
    expect([waiting.meeting_id, waiting.meeting_status, waiting.awaiting_new_time]).toEqual([meeting.id, "rescheduled", true]);
    const listed = await admin.trpc<{ items: { id: string; awaiting_new_time: boolean }[] }>("query", "scheduling.meetings", { from: inDays(2, 0).toISOString(), to: inDays(4, 0).toISOString(), leadId: who.leadId });
    expect(listed.data!.items.map((m) => [m.id, m.awaiting_new_time])).toEqual([[meeting.id, true]]);
    // The meeting happened at a time we were not told, or not at all: its people can say so.
    expect((await admin.trpc("mutation", "scheduling.markNoShow", { meetingId: meeting.id, noShow: true })).error).toBeNull();
    expect((await meetingBy(inv.uri)).status).toBe("no_show");
    expect(await tabsOf(admin, meeting.activity_id)).toEqual([]);

    await calendly.deliverHeld();
    const next = await meetingBy(fresh.uri);
    expect(next.activity_id).toBe(meeting.activity_id);
    expect(await meetingBy(inv.uri)).toMatchObject({ status: "rescheduled", rescheduled_to: next.id });
    const line = (await q("select completed_at, outcome, due_at from activities where id = $1", [meeting.activity_id]))[0]!;
    expect([line.completed_at, line.outcome, new Date(line.due_at).getTime()]).toEqual([null, null, to.getTime()]);
    const moved = (await openTabs(admin)).upcoming.find((i) => i.id === meeting.activity_id)!;
    expect([moved.meeting_id, moved.meeting_status, moved.awaiting_new_time]).toEqual([next.id, "scheduled", false]);
    // The replaced meeting itself did not happen: no outcome for it.
    const replaced = await admin.trpc("mutation", "scheduling.setOutcome", { meetingId: meeting.id, outcome: "advanced" });
    expect([replaced.error?.data.code, replaced.error?.message]).toEqual(["CONFLICT", "Esta reunião não aconteceu: não tem resultado."]);
  });

  it("canceled: gone from every tab, counts included", async () => {
    const admin = await as(a);
    const who = await lead(a, { dealOwner: a.users.admin.id });
    const { inv, meeting } = await book(who, inDays(2, 10));
    const before = await counts(admin);
    expect(await tabsOf(admin, meeting.activity_id)).toEqual(["upcoming"]);
    await calendly.cancel(inv.uri, "Viagem");
    expect((await meetingBy(inv.uri)).status).toBe("canceled");
    expect(await tabsOf(admin, meeting.activity_id)).toEqual([]);
    expect(await tabsOf(admin, meeting.activity_id, "all")).toEqual([]);
    expect(await counts(admin)).toEqual({ ...before, upcoming: before.upcoming - 1 });
  });

  it("its outcome, as 'Reuniões' records it (held with a result, or the lead did not come), takes it out of the open tabs", async () => {
    const admin = await as(a);
    const agent = await as(a, "agent");
    const heldLead = await lead(a, { dealOwner: a.users.admin.id });
    const held = (await book(heldLead, inDays(1, 9))).meeting;
    const missedLead = await lead(a, { dealOwner: a.users.admin.id });
    const missed = (await book(missedLead, inDays(1, 10))).meeting;
    const items = (await openTabs(admin)).upcoming;
    const ofHeld = items.find((i) => i.id === held.activity_id)!;
    const ofMissed = items.find((i) => i.id === missed.activity_id)!;
    const before = await counts(admin);

    // The procedures the agenda's row calls, with the meeting it names; a viewer may not.
    const viewer = await as(a, "viewer");
    expect((await viewer.trpc("mutation", "scheduling.setOutcome", { meetingId: ofHeld.meeting_id, outcome: "advanced" })).error?.data.code).toBe("FORBIDDEN");
    expect((await agent.trpc("mutation", "scheduling.setOutcome", { meetingId: ofHeld.meeting_id, outcome: "advanced" })).error).toBeNull();
    expect((await agent.trpc("mutation", "scheduling.markNoShow", { meetingId: ofMissed.meeting_id, noShow: true })).error).toBeNull();
    expect((await q("select status, outcome from meetings where id = $1", [held.id]))[0]).toEqual({ status: "completed", outcome: "advanced" });
    expect((await q("select status from meetings where id = $1", [missed.id]))[0]!.status).toBe("no_show");
    expect(await q("select outcome from activities where id = any($1) order by due_at", [[held.activity_id, missed.activity_id]])).toEqual([{ outcome: "Avançou" }, { outcome: "Não compareceu" }]);

    // Out of the open tabs (the done tab is the work people tick off), two fewer counted.
    expect(await tabsOf(admin, held.activity_id)).toEqual([]);
    expect(await tabsOf(admin, missed.activity_id)).toEqual([]);
    expect(await counts(admin)).toEqual({ ...before, upcoming: before.upcoming - 2 });
    // Another tenant cannot record one.
    expect((await (await as(b)).trpc("mutation", "scheduling.markNoShow", { meetingId: ofHeld.meeting_id, noShow: true })).error?.data.code).toBe("NOT_FOUND");
  });
});

describe("migration 0156", () => {
  it("gives the open booked lines with no assignee their deal's owner, else their conversation's agent; touches nothing else; twice is once", async () => {
    const withDeal = await lead(a, { agent: a.users.agent.id, dealOwner: a.users.admin.id });
    const withAgent = await lead(a, { agent: a.users.agent.id });
    const closedLead = await lead(a, { dealOwner: a.users.admin.id });
    const m1 = (await book(withDeal, inDays(6, 9))).meeting;
    const m2 = (await book(withAgent, inDays(6, 10))).meeting;
    const closed = await book(closedLead, inDays(6, 11));
    await calendly.cancel(closed.inv.uri);
    // As they were before the change: no assignee.
    const ids = [m1.activity_id, m2.activity_id, closed.meeting.activity_id];
    await q("update activities set assigned_to = null where id = any($1)", [ids]);
    const file = readFileSync(path.join(repoRoot(), "db", "migrations", "0156_booked_meeting_assignee.sql"), "utf8");
    const assignees = async () => (await q<{ id: string; assigned_to: string | null }>("select id, assigned_to from activities where id = any($1)", [ids])).reduce<Record<string, string | null>>((o, r) => ({ ...o, [r.id]: r.assigned_to }), {});
    await q(file);
    const once = await assignees();
    expect(once).toEqual({ [m1.activity_id]: a.users.admin.id, [m2.activity_id]: a.users.agent.id, [closed.meeting.activity_id]: null });
    await q(file);
    expect(await assignees()).toEqual(once);
  });
});
