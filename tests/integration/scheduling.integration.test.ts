import { randomInt, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signQStashRequest } from "@vendaflow/connectors/qstash/sign-request";
import { signMetaBody } from "@vendaflow/connectors/whatsapp/verify-signature";
import { TEST_KEYS } from "../support/app-env";
import { startAppServer } from "../support/app-server";
import { eventually } from "../support/eventually";
import { closeOwner, createTenant, createWhatsAppInbox, owner, type FixtureTenant } from "../support/fixtures";
import { request } from "../support/http";
import type { NextServer } from "../support/next-server";
import { startCalcomStandIn, type CalcomStandIn } from "../stand-ins/calcom";
import { startCalendlyStandIn, type CalendlyStandIn } from "../stand-ins/calendly";
import { startGraphStandIn, type GraphStandIn } from "../stand-ins/graph-api";
import * as wa from "../support/whatsapp-payloads";
import { signedInClients } from "../support/sessions";

// Scheduling end to end: the app (its own instance, pointed at the Calendly and Cal.com
// stand-ins) connects each provider through tRPC, the stand-ins deliver their signed webhooks to
// the app's routes over HTTP, and the meetings, activities, conversation lines and reminders are
// read back from the database.

let app: NextServer & { rootDomain: string };
let calendly: CalendlyStandIn;
let calcom: CalcomStandIn;
let graph: GraphStandIn;
let a: FixtureTenant;
let b: FixtureTenant;

const as = signedInClients(() => app);

/** A web lead with an e-mail and its conversation (what a qualified widget lead leaves behind). */
async function leadWithConversation(t: FixtureTenant, email = `${randomUUID().slice(0, 8)}@cliente.com.br`) {
  const q = async (sql: string, params: unknown[]) => (await owner().query(sql, params)).rows[0] as { id: string };
  const inbox = (await q("select id from inboxes where tenant_id = $1 and channel = 'web' limit 1", [t.id])) ?? (await q("insert into inboxes (tenant_id, name, channel) values ($1, 'Site', 'web') returning id", [t.id]));
  const lead = await q("insert into leads (tenant_id, name, email, source, visitor_id) values ($1, 'Mariana Costa', $2, 'web', gen_random_uuid()::text) returning id", [t.id, email]);
  const conv = await q("insert into conversations (tenant_id, inbox_id, lead_id, status) values ($1, $2, $3, 'pending') returning id", [t.id, inbox.id, lead.id]);
  return { leadId: lead.id, conversationId: conv.id, email };
}

const meetingsOf = async (tenantId: string) => (await owner().query("select * from meetings where tenant_id = $1 order by created_at", [tenantId])).rows;
const receipts = async (provider: string) => Number((await owner().query("select count(*)::int as n from webhook_receipts where provider = $1", [provider])).rows[0].n);
const inDays = (d: number, hour = 14) => new Date(Math.ceil(Date.now() / 86_400_000) * 86_400_000 + d * 86_400_000 + (hour + 3) * 3_600_000);

async function connection(t: FixtureTenant, provider: string) {
  return (await owner().query("select * from calendar_connections where tenant_id = $1 and provider = $2", [t.id, provider])).rows[0];
}

/** POSTs a raw body to a calendar webhook route of the app. */
const post = (provider: string, key: string, raw: string, headers: Record<string, string>) =>
  request(app.port, app.rootDomain, "POST", `/api/webhooks/${provider}/${key}`, { headers: { "content-type": "application/json", ...headers }, body: raw });

beforeAll(async () => {
  calendly = await startCalendlyStandIn();
  calcom = await startCalcomStandIn();
  graph = await startGraphStandIn({ accessToken: TEST_KEYS.waAccessToken });
  app = await startAppServer({ CALENDLY_API_BASE: calendly.url, CALCOM_API_BASE: calcom.apiBase, WHATSAPP_GRAPH_BASE_URL: graph.baseUrl });
  a = await createTenant();
  b = await createTenant();
});
afterAll(async () => {
  await app?.stop();
  await calendly?.close();
  await calcom?.close();
  await graph?.close();
  await closeOwner();
});

describe("connections (admins)", () => {
  it("a refused token is a field error and stores nothing; agents cannot connect", async () => {
    const admin = await as(a);
    const r = await admin.trpc("mutation", "scheduling.connect", { provider: "calendly", token: "calendly_pat_wrong_token" });
    expect(r.error?.data.code).toBe("BAD_REQUEST");
    expect(r.error?.message).toMatch(/recusou este token/);
    expect(await connection(a, "calendly")).toBeUndefined();
    const agent = await as(a, "agent");
    expect((await agent.trpc("mutation", "scheduling.connect", { provider: "calendly", token: calendly.token })).error?.data.code).toBe("FORBIDDEN");
  });

  it("Calendly: the token is checked, a signed webhook subscription is created, secrets are stored encrypted; the admin picks an event type", async () => {
    const admin = await as(a);
    const r = await admin.trpc<{ id: string; eventTypes: { ref: string; name: string }[] }>("mutation", "scheduling.connect", { provider: "calendly", token: calendly.token });
    expect(r.error).toBeNull();
    expect(r.data.eventTypes.map((e) => e.name)).toEqual(calendly.eventTypes.map((e) => e.name));
    const row = await connection(a, "calendly");
    expect(row).toMatchObject({ account_ref: calendly.userUri, organization_ref: calendly.orgUri, account_name: "Equipe de Vendas", is_active: true });
    expect(row.credentials_encrypted).not.toContain(calendly.token);
    const [subUri, sub] = [...calendly.subscriptions][0]!;
    expect(row.webhook_ref).toBe(subUri);
    expect(sub).toMatchObject({ url: `http://${app.rootDomain}/api/webhooks/calendly/${row.webhook_key}`, events: ["invitee.created", "invitee.canceled", "invitee_no_show.created"], scope: "user" });
    expect(sub.signing_key).toMatch(/^[0-9a-f]{64}$/);
    expect(row.credentials_encrypted).not.toContain(sub.signing_key);

    const types = await admin.trpc<{ ref: string }[]>("query", "scheduling.eventTypes", { provider: "calendly" });
    expect(types.data).toHaveLength(2);
    expect((await admin.trpc("mutation", "scheduling.pickEventType", { provider: "calendly", eventTypeRef: "https://api.calendly.com/event_types/nope" })).error?.data.code).toBe("BAD_REQUEST");
    expect((await admin.trpc("mutation", "scheduling.pickEventType", { provider: "calendly", eventTypeRef: calendly.eventTypes[0]!.uri })).error).toBeNull();
    expect(await connection(a, "calendly")).toMatchObject({ event_type_ref: calendly.eventTypes[0]!.uri, booking_url: calendly.eventTypes[0]!.scheduling_url });
    const list = await admin.trpc<{ provider: string; event_type_name: string }[]>("query", "scheduling.connections");
    expect(list.data).toEqual([expect.objectContaining({ provider: "calendly", event_type_name: "Demonstração (30 min)" })]);
    expect(JSON.stringify(list.data)).not.toContain("credentials");
  });

  it("Cal.com: API v2 key, webhook with a secret, event types by id", async () => {
    const admin = await as(a);
    const r = await admin.trpc<{ eventTypes: { ref: string; bookingUrl: string }[] }>("mutation", "scheduling.connect", { provider: "calcom", token: calcom.apiKey });
    expect(r.error).toBeNull();
    expect(r.data.eventTypes.map((e) => e.ref)).toEqual(["501", "502"]);
    const row = await connection(a, "calcom");
    const hook = calcom.webhooks.get(row.webhook_ref)!;
    expect(hook).toMatchObject({ subscriberUrl: `http://${app.rootDomain}/api/webhooks/calcom/${row.webhook_key}`, triggers: ["BOOKING_CREATED", "BOOKING_RESCHEDULED", "BOOKING_CANCELLED", "BOOKING_NO_SHOW_UPDATED"] });
    expect(hook.secret).toMatch(/^[0-9a-f]{64}$/);
    expect((await admin.trpc("mutation", "scheduling.pickEventType", { provider: "calcom", eventTypeRef: "501" })).error).toBeNull();
    expect(calcom.requests.find((x) => x.path.startsWith("/v2/event-types"))?.version).toBe("2024-06-14");
  });

  it("reconnecting replaces the subscription (the old one is deleted at the provider), also over unreadable credentials", async () => {
    const admin = await as(b);
    await admin.trpc("mutation", "scheduling.connect", { provider: "calendly", token: calendly.token });
    const first = (await connection(b, "calendly")).webhook_ref;
    await admin.trpc("mutation", "scheduling.connect", { provider: "calendly", token: calendly.token });
    const second = await connection(b, "calendly");
    expect(second.webhook_ref).not.toBe(first);
    expect(calendly.subscriptions.has(first)).toBe(false);
    expect(calendly.subscriptions.has(second.webhook_ref)).toBe(true);

    // Over credentials no key opens (a key retired before db:rekey): connecting again still works. The
    // old subscription cannot be removed without them and stays at Calendly, under a webhook key
    // nothing answers to any more; the admin deletes it there (here, by hand, so the stand-in stops
    // delivering to it).
    await owner().query("update calendar_connections set credentials_encrypted = 'x' where tenant_id = $1 and provider = 'calendly'", [b.id]);
    const third = await admin.trpc("mutation", "scheduling.connect", { provider: "calendly", token: calendly.token });
    expect(third.error).toBeNull();
    const row = await connection(b, "calendly");
    expect([row.webhook_ref === second.webhook_ref, row.webhook_key === second.webhook_key]).toEqual([false, false]);
    expect(calendly.subscriptions.has(second.webhook_ref)).toBe(true);
    expect(calendly.subscriptions.has(row.webhook_ref)).toBe(true);
    expect((await admin.trpc<{ unreadable: boolean }[]>("query", "scheduling.connections")).data).toMatchObject([{ provider: "calendly", unreadable: false }]);
    calendly.subscriptions.delete(second.webhook_ref);
    await admin.trpc("mutation", "scheduling.pickEventType", { provider: "calendly", eventTypeRef: calendly.eventTypes[1]!.uri });
  });
});

describe("Calendly webhooks", () => {
  let lead: Awaited<ReturnType<typeof leadWithConversation>>;
  let inviteeUri: string;

  it("invitee.created with our lead reference: the meeting on lead and conversation, an activity, a confirmation, reminders 24 h and 1 h before", async () => {
    lead = await leadWithConversation(a);
    const start = inDays(3);
    const inv = await calendly.book({ name: "Mariana Costa", email: "outro-email@cliente.com.br", start, tracking: { utm_source: "vendaflow", utm_content: lead.leadId } });
    inviteeUri = inv.uri;
    expect(calendly.deliveries.at(-1)).toMatchObject({ event: "invitee.created", status: 200 });
    const [m] = (await meetingsOf(a.id)).filter((x) => x.external_id === inv.uri);
    expect(m).toMatchObject({ provider: "calendly", lead_id: lead.leadId, conversation_id: lead.conversationId, status: "scheduled", title: "Demonstração (30 min)", invitee_email: "outro-email@cliente.com.br" });
    expect(m.starts_at.getTime()).toBe(start.getTime());
    expect(m.join_url).toMatch(/^https:\/\/meet\.example\.com\//);
    const act = (await owner().query("select * from activities where id = $1", [m.activity_id])).rows[0];
    expect(act).toMatchObject({ type: "meeting", system_event: "meeting_scheduled", lead_id: lead.leadId, completed_at: null });
    expect(act.due_at.getTime()).toBe(start.getTime());
    const events = (await owner().query("select kind from conversation_events where conversation_id = $1", [lead.conversationId])).rows.map((r) => r.kind);
    expect(events).toContain("meeting_scheduled");
    const msg = (await owner().query("select text, sender from messages where conversation_id = $1 order by seq desc limit 1", [lead.conversationId])).rows[0];
    expect(msg.sender).toBe("bot");
    expect(msg.text).toMatch(/^Reunião confirmada para .+ às 14:00 \(horário de Brasília\)/);
    const jobs = (await owner().query("select destination, body, not_before, deduplication_id from scheduled_jobs where deduplication_id like $1 order by not_before", [`meeting-reminder-${m.id}-%`])).rows;
    expect(jobs.map((j) => JSON.parse(j.body).kind)).toEqual(["24h", "1h"]);
    expect(Math.abs(jobs[1].not_before.getTime() - (start.getTime() - 3_600_000))).toBeLessThan(60_000);
    expect(jobs[0].destination).toMatch(/\/api\/jobs\/meeting-reminder$/);
    // The lead's timeline (CRM) shows the meeting.
    const timeline = await (await as(a)).trpc("query", "crmLists.timeline", { leadId: lead.leadId });
    expect(timeline.error).toBeNull();
    expect(JSON.stringify(timeline.data)).toContain("Demonstração (30 min)");
  });

  it("a duplicate delivery (same event, re-signed) changes nothing", async () => {
    const conn = await connection(a, "calendly");
    const sub = calendly.subscriptions.get(conn.webhook_ref)!;
    const raw = JSON.stringify(calendly.payload("invitee.created", calendly.invitees.get(inviteeUri)!));
    const before = { meetings: (await meetingsOf(a.id)).length, messages: (await owner().query("select count(*)::int n from messages where conversation_id = $1", [lead.conversationId])).rows[0].n };
    const res = await post("calendly", conn.webhook_key, raw, { "calendly-webhook-signature": calendly.sign(raw, sub.signing_key) });
    expect(res.status).toBe(200);
    expect(res.json<{ status: string }>().status).toBe("duplicate");
    expect((await meetingsOf(a.id)).length).toBe(before.meetings);
    expect((await owner().query("select count(*)::int n from messages where conversation_id = $1", [lead.conversationId])).rows[0].n).toBe(before.messages);
  });

  it("wrong key, tampered body, stale timestamp, unsigned and unknown route: 401 and nothing stored; a replay within the tolerance is a duplicate", async () => {
    const conn = await connection(a, "calendly");
    const sub = calendly.subscriptions.get(conn.webhook_ref)!;
    const fresh = await leadWithConversation(a);
    const inv = { ...calendly.invitees.get(inviteeUri)!, uri: `${calendly.url}/scheduled_events/x/invitees/${randomUUID()}`, email: fresh.email, tracking: {} };
    const raw = JSON.stringify(calendly.payload("invitee.created", inv));
    const before = { meetings: (await meetingsOf(a.id)).length, receipts: await receipts("calendly") };
    const now = Math.floor(Date.now() / 1000);
    const cases: Record<string, Record<string, string>> = {
      wrongKey: { "calendly-webhook-signature": calendly.sign(raw, "f".repeat(64)) },
      stale: { "calendly-webhook-signature": calendly.sign(raw, sub.signing_key, now - 600) },
      future: { "calendly-webhook-signature": calendly.sign(raw, sub.signing_key, now + 600) },
      unsigned: {},
      garbage: { "calendly-webhook-signature": "t=abc,v1=zz" },
    };
    for (const [name, headers] of Object.entries(cases)) expect((await post("calendly", conn.webhook_key, raw, headers)).status, name).toBe(401);
    const tampered = raw.replace(fresh.email, "intruso@x.com");
    expect((await post("calendly", conn.webhook_key, tampered, { "calendly-webhook-signature": calendly.sign(raw, sub.signing_key) })).status).toBe(401);
    expect((await post("calendly", "k".repeat(32), raw, { "calendly-webhook-signature": calendly.sign(raw, sub.signing_key) })).status).toBe(401);
    // B's route with A's signature: B's secret differs.
    expect((await post("calendly", (await connection(b, "calendly")).webhook_key, raw, { "calendly-webhook-signature": calendly.sign(raw, sub.signing_key) })).status).toBe(401);
    expect({ meetings: (await meetingsOf(a.id)).length, receipts: await receipts("calendly") }).toEqual(before);
    // The same signed delivery twice (a replay inside the 3-minute window): applied once.
    const signature = calendly.sign(raw, sub.signing_key);
    expect((await post("calendly", conn.webhook_key, raw, { "calendly-webhook-signature": signature })).json<{ status: string }>().status).toBe("processed");
    expect((await post("calendly", conn.webhook_key, raw, { "calendly-webhook-signature": signature })).json<{ status: string }>().status).toBe("duplicate");
    // Matched by e-mail (no reference in the link).
    expect((await meetingsOf(a.id)).find((m) => m.external_id === inv.uri)?.lead_id).toBe(fresh.leadId);
  });

  it("an invitee nobody knows becomes a new lead from the calendar, and fires lead_created", async () => {
    await owner().query("insert into automations (tenant_id, name, trigger, actions) values ($1, 'Novo lead', 'lead_created', '[{\"type\": \"add_tag\", \"tag\": \"novo\"}]')", [a.id]);
    const inv = await calendly.book({ name: "Desconhecida", email: "Nova.Pessoa@Exemplo.com.br", start: inDays(4, 10) });
    const m = (await meetingsOf(a.id)).find((x) => x.external_id === inv.uri)!;
    const l = (await owner().query("select * from leads where id = $1", [m.lead_id])).rows[0];
    expect(l).toMatchObject({ source: "calendar", name: "Desconhecida", email: "nova.pessoa@exemplo.com.br" });
    expect(m.conversation_id).toBeNull();
    const runs = (await owner().query("select entity_id, event ->> 'source' as source from automation_runs where tenant_id = $1 and trigger = 'lead_created'", [a.id])).rows;
    expect(runs).toEqual([{ entity_id: l.id, source: "calendar" }]);
    expect(await eventually(async () => (await owner().query("select tags from leads where id = $1", [l.id])).rows[0].tags as string[], (tags) => tags.includes("novo"))).toContain("novo");
    // A known invitee creates no lead and fires nothing more.
    await calendly.book({ name: "Desconhecida", email: "nova.pessoa@exemplo.com.br", start: inDays(4, 12) });
    expect((await owner().query("select count(*)::int as n from automation_runs where tenant_id = $1 and trigger = 'lead_created'", [a.id])).rows[0].n).toBe(1);
  });

  it("reschedule (canceled + created, either order): the old meeting points at the new one, the activity moves, one confirmation", async () => {
    for (const createdFirst of [false, true]) {
      const who = await leadWithConversation(a);
      const inv = await calendly.book({ name: "Remarca", email: who.email, start: inDays(5), tracking: { utm_content: who.leadId } });
      const to = inDays(6, 9);
      const fresh = await calendly.reschedule(inv.uri, to, { createdFirst });
      const all = await meetingsOf(a.id);
      const old = all.find((m) => m.external_id === inv.uri)!;
      const next = all.find((m) => m.external_id === fresh.uri)!;
      expect(old).toMatchObject({ status: "rescheduled", rescheduled_to: next.id });
      expect(next).toMatchObject({ status: "scheduled", lead_id: who.leadId, conversation_id: who.conversationId, activity_id: old.activity_id });
      const act = (await owner().query("select due_at, completed_at from activities where id = $1", [next.activity_id])).rows[0];
      expect(act.due_at.getTime()).toBe(to.getTime());
      expect(act.completed_at).toBeNull();
      const texts = (await owner().query("select text from messages where conversation_id = $1 order by seq", [who.conversationId])).rows.map((r) => r.text as string);
      expect(texts.filter((t) => t.startsWith("Reunião reagendada para"))).toHaveLength(1);
      expect(texts.some((t) => t.includes("cancelada"))).toBe(false);
    }
  });

  it("a booking tells the deal's owner and the conversation's agent (once each), a reschedule tells them again; no one else", async () => {
    const who = await leadWithConversation(a);
    await owner().query("update conversations set assigned_to = $2, status = 'open' where id = $1", [who.conversationId, a.users.agent.id]);
    const stage = (await owner().query("select s.id, s.pipeline_id from pipeline_stages s join pipelines p on p.id = s.pipeline_id where s.tenant_id = $1 and p.is_default and s.kind = 'open' order by s.position limit 1", [a.id])).rows[0];
    await owner().query("insert into deals (tenant_id, pipeline_id, stage_id, title, probability, lead_id, owner_id) values ($1, $2, $3, 'Plano anual', 10, $4, $5)", [a.id, stage.pipeline_id, stage.id, who.leadId, a.users.admin.id]);
    const meetingNotes = async () => (await owner().query("select user_id, kind, data from notifications where tenant_id = $1 and data->>'leadId' = $2 order by created_at, kind", [a.id, who.leadId])).rows;
    const inv = await calendly.book({ name: "Mariana Costa", email: who.email, start: inDays(8), tracking: { utm_content: who.leadId } });
    const booked = await meetingNotes();
    expect(booked.map((n) => [n.user_id, n.kind]).sort()).toEqual([[a.users.admin.id, "meeting_booked"], [a.users.agent.id, "meeting_booked"]].sort());
    expect(booked[0].data).toMatchObject({ title: "Demonstração (30 min)", startsAt: inDays(8).toISOString() });
    // The agent's bell names the lead and leads to it.
    const bell = await (await as(a, "agent")).trpc<{ kind: string; lead_name: string | null }[]>("query", "agent.notifications");
    expect(bell.data!.find((n) => n.kind === "meeting_booked")).toMatchObject({ lead_name: "Mariana Costa" });
    await calendly.reschedule(inv.uri, inDays(9, 10), { createdFirst: false });
    expect((await meetingNotes()).filter((n) => n.kind === "meeting_rescheduled")).toHaveLength(2);
    expect((await owner().query("select count(*)::int as n from notifications where tenant_id = $1", [b.id])).rows[0].n).toBe(0);
  });

  it("cancel: the meeting is canceled with its reason, its activity closed, the lead told, meeting_canceled automations fire", async () => {
    await owner().query("insert into automations (tenant_id, name, trigger, actions) values ($1, 'Cancelou', 'meeting_canceled', '[{\"type\": \"add_tag\", \"tag\": \"cancelou\"}]')", [a.id]);
    const who = await leadWithConversation(a);
    const inv = await calendly.book({ name: "Cancela", email: who.email, start: inDays(7), tracking: { utm_content: who.leadId } });
    await calendly.cancel(inv.uri, "Viagem");
    const m = (await meetingsOf(a.id)).find((x) => x.external_id === inv.uri)!;
    expect(m).toMatchObject({ status: "canceled", cancel_reason: "Viagem" });
    expect((await owner().query("select outcome, completed_at from activities where id = $1", [m.activity_id])).rows[0]).toMatchObject({ outcome: "Cancelada", completed_at: expect.any(Date) });
    const last = (await owner().query("select text from messages where conversation_id = $1 order by seq desc limit 1", [who.conversationId])).rows[0].text;
    expect(last).toMatch(/^Sua reunião de .+ às \d\d:\d\d \(horário de Brasília\) foi cancelada\./);
    const runs = (await owner().query("select trigger, entity_id, event from automation_runs where tenant_id = $1 and trigger = 'meeting_canceled'", [a.id])).rows;
    expect(runs).toEqual([expect.objectContaining({ entity_id: who.leadId, event: expect.objectContaining({ reason: "Viagem", meeting_id: m.id }) })]);
    expect(await eventually(async () => (await owner().query("select tags from leads where id = $1", [who.leadId])).rows[0].tags as string[], (tags) => tags.includes("cancelou"))).toContain("cancelou");
  });

  it("a no-show reported by Calendly marks the meeting and fires meeting_no_show", async () => {
    const who = await leadWithConversation(a);
    const inv = await calendly.book({ name: "Faltou", email: who.email, start: inDays(2), tracking: { utm_content: who.leadId } });
    const conn = await connection(a, "calendly");
    const sub = calendly.subscriptions.get(conn.webhook_ref)!;
    const raw = JSON.stringify(calendly.payload("invitee_no_show.created", inv));
    expect((await post("calendly", conn.webhook_key, raw, { "calendly-webhook-signature": calendly.sign(raw, sub.signing_key) })).status).toBe(200);
    expect((await meetingsOf(a.id)).find((x) => x.external_id === inv.uri)?.status).toBe("no_show");
  });
});

describe("Cal.com webhooks", () => {
  it("BOOKING_CREATED with the lead in metadata, a replayed delivery (no timestamp) is a duplicate, a wrong signature 401", async () => {
    const who = await leadWithConversation(a);
    const booking = await calcom.book({ start: calcom.freeStarts[0]!, name: "Paulo Lima", email: "paulo@x.com", metadata: { vendaflow_lead: who.leadId } });
    expect(calcom.deliveries.at(-1)).toEqual({ trigger: "BOOKING_CREATED", status: 200 });
    const m = (await meetingsOf(a.id)).find((x) => x.external_id === booking.uid)!;
    expect(m).toMatchObject({ provider: "calcom", lead_id: who.leadId, conversation_id: who.conversationId, status: "scheduled", join_url: `https://cal.video/${booking.uid}` });
    const conn = await connection(a, "calcom");
    const secret = calcom.webhooks.get(conn.webhook_ref)!.secret;
    const raw = JSON.stringify(calcom.payload("BOOKING_CREATED", booking));
    const replay = await post("calcom", conn.webhook_key, raw, { "x-cal-signature-256": calcom.sign(raw, secret) });
    expect(replay.json<{ status: string }>().status).toBe("duplicate");
    const before = await receipts("calcom");
    for (const sig of [calcom.sign(raw, "0".repeat(64)), "", "zz", calcom.sign(`${raw} `, secret)]) expect((await post("calcom", conn.webhook_key, raw, { "x-cal-signature-256": sig })).status).toBe(401);
    expect(await receipts("calcom")).toBe(before);
    // Credentials no key here opens (a key retired before db:rekey): ours to mend, so a 503 Cal.com
    // delivers again later, never a 500; nothing recorded. Readable again, the delivery goes through.
    const sealed = conn.credentials_encrypted;
    await owner().query("update calendar_connections set credentials_encrypted = 'x' where id = $1", [conn.id]);
    try {
      const unreadable = await post("calcom", conn.webhook_key, raw, { "x-cal-signature-256": calcom.sign(raw, secret) });
      expect([unreadable.status, unreadable.headers["retry-after"]]).toEqual([503, "30"]);
      expect(await receipts("calcom")).toBe(before);
    } finally {
      await owner().query("update calendar_connections set credentials_encrypted = $2 where id = $1", [conn.id, sealed]);
    }
    expect((await post("calcom", conn.webhook_key, raw, { "x-cal-signature-256": calcom.sign(raw, secret) })).json<{ status: string }>().status).toBe("duplicate");
  });

  it("BOOKING_RESCHEDULED replaces the booking; BOOKING_CANCELLED cancels; an e-mail match without metadata", async () => {
    const who = await leadWithConversation(a);
    const booking = await calcom.book({ start: calcom.freeStarts[0]!, name: "Sem ref", email: who.email.toUpperCase() });
    const first = (await meetingsOf(a.id)).find((x) => x.external_id === booking.uid)!;
    expect(first.lead_id).toBe(who.leadId);
    const moved = await calcom.reschedule(booking.uid, inDays(9));
    const all = await meetingsOf(a.id);
    const next = all.find((x) => x.external_id === moved.uid)!;
    expect(all.find((x) => x.external_id === booking.uid)).toMatchObject({ status: "rescheduled", rescheduled_to: next.id });
    expect(next).toMatchObject({ status: "scheduled", lead_id: who.leadId });
    await calcom.cancel(moved.uid, "Sem orçamento");
    expect((await meetingsOf(a.id)).find((x) => x.external_id === moved.uid)).toMatchObject({ status: "canceled", cancel_reason: "Sem orçamento" });
  });
});

describe("meetings (tRPC) and tenant isolation", () => {
  it("lists by range; agents mark no-show and outcomes, which fire automations; viewers cannot", async () => {
    await owner().query("insert into automations (tenant_id, name, trigger, conditions, actions) values ($1, 'Avançou', 'meeting_outcome', '[{\"field\": \"outcome\", \"op\": \"eq\", \"value\": \"advanced\"}]', '[{\"type\": \"add_tag\", \"tag\": \"avancou\"}]')", [a.id]);
    const agent = await as(a, "agent");
    const page = await agent.trpc<{ items: { id: string; status: string; lead_name: string | null; starts_at: string }[] }>("query", "scheduling.meetings", { from: new Date(Date.now() - 86_400_000).toISOString(), to: inDays(30).toISOString(), status: "scheduled" });
    expect(page.error).toBeNull();
    expect(page.data.items.length).toBeGreaterThan(2);
    const starts = page.data.items.map((m) => new Date(m.starts_at).getTime());
    expect(starts).toEqual([...starts].sort((x, y) => x - y));
    const target = page.data.items[0]!;
    const viewer = await as(a, "viewer");
    expect((await viewer.trpc("mutation", "scheduling.setOutcome", { meetingId: target.id, outcome: "advanced" })).error?.data.code).toBe("FORBIDDEN");
    expect((await agent.trpc("mutation", "scheduling.setOutcome", { meetingId: target.id, outcome: "advanced" })).error).toBeNull();
    const m = (await owner().query("select status, outcome, lead_id from meetings where id = $1", [target.id])).rows[0];
    expect(m).toMatchObject({ status: "completed", outcome: "advanced" });
    expect(await eventually(async () => (await owner().query("select tags from leads where id = $1", [m.lead_id])).rows[0].tags as string[], (tags) => tags.includes("avancou"))).toContain("avancou");
    // Mark / unmark no-show on another one.
    const other = page.data.items[1]!;
    expect((await agent.trpc("mutation", "scheduling.markNoShow", { meetingId: other.id, noShow: true })).error).toBeNull();
    expect((await owner().query("select status from meetings where id = $1", [other.id])).rows[0].status).toBe("no_show");
    expect((await agent.trpc("mutation", "scheduling.setOutcome", { meetingId: other.id, outcome: "advanced" })).error?.data.code).toBe("CONFLICT");
    expect((await agent.trpc("mutation", "scheduling.markNoShow", { meetingId: other.id, noShow: false })).error).toBeNull();
    expect((await owner().query("select status from meetings where id = $1", [other.id])).rows[0].status).toBe("completed");
  });

  it("tenant B neither reads nor changes A's meetings or connections", async () => {
    const mine = (await meetingsOf(a.id))[0]!;
    const bAdmin = await as(b);
    const page = await bAdmin.trpc<{ items: { id: string }[] }>("query", "scheduling.meetings", { from: "2020-01-01T00:00:00Z", to: "2099-01-01T00:00:00Z" });
    expect(page.data.items.map((m) => m.id)).not.toContain(mine.id);
    expect((await bAdmin.trpc("mutation", "scheduling.markNoShow", { meetingId: mine.id, noShow: true })).error?.data.code).toBe("NOT_FOUND");
    expect((await bAdmin.trpc("mutation", "scheduling.setOutcome", { meetingId: mine.id, outcome: "proposal" })).error?.data.code).toBe("NOT_FOUND");
    expect((await bAdmin.trpc<{ provider: string }[]>("query", "scheduling.connections")).data.map((c) => c.provider)).toEqual(["calendly"]);
    expect((await owner().query("select status, outcome from meetings where id = $1", [mine.id])).rows[0]).toEqual({ status: mine.status, outcome: mine.outcome });
  });
});

describe("reminders", () => {
  it("the job posts the reminder once, and skips a meeting canceled or moved since", async () => {
    const who = await leadWithConversation(a);
    const inv = await calendly.book({ name: "Lembrar", email: who.email, start: inDays(3, 16), tracking: { utm_content: who.leadId } });
    const m = (await meetingsOf(a.id)).find((x) => x.external_id === inv.uri)!;
    const job = async (kind: string) => {
      const row = (await owner().query("select body from scheduled_jobs where deduplication_id like $1", [`meeting-reminder-${m.id}-${kind}-%`])).rows[0];
      const path = "/api/jobs/meeting-reminder";
      const signature = await signQStashRequest({ url: `http://${app.rootDomain}${path}`, rawBody: row.body, signingKey: TEST_KEYS.qstashCurrent });
      return request(app.port, app.rootDomain, "POST", path, { headers: { "content-type": "application/json", "upstash-signature": signature }, body: row.body });
    };
    expect((await job("24h")).json<{ outcome: string }>().outcome).toBe("sent");
    expect((await job("24h")).json<{ outcome: string }>().outcome).toBe("skipped");
    const last = (await owner().query("select text from messages where conversation_id = $1 order by seq desc limit 1", [who.conversationId])).rows[0].text;
    expect(last).toMatch(/^Lembrete: sua reunião é amanhã, .+ às 16:00/);
    await calendly.cancel(inv.uri);
    expect((await job("1h")).json<{ outcome: string }>().outcome).toBe("skipped");
  });
});

describe("automation: move the deal's stage when a meeting is booked", () => {
  type Run = { entity_id: string; status: string; error: string | null; result: { type: string; ok: boolean; note?: string }[] };
  const runsOf = async (automationId: string) => (await owner().query("select entity_id, status, error, result from automation_runs where automation_id = $1", [automationId])).rows as Run[];
  const stages = async (t: FixtureTenant) =>
    (await owner().query("select s.id, s.name, s.kind, s.pipeline_id from pipeline_stages s join pipelines p on p.id = s.pipeline_id where s.tenant_id = $1 and p.is_default order by s.position", [t.id])).rows as { id: string; name: string; kind: string; pipeline_id: string }[];

  it("the stage must be the tenant's; a loss stage needs a reason", async () => {
    const admin = await as(a);
    const base = { name: "Mover", trigger: "meeting_scheduled", actions: [] as unknown[] };
    const foreign = await admin.trpc("mutation", "automations.save", { ...base, actions: [{ type: "add_tag", tag: "x" }, { type: "move_deal_stage", stageId: (await stages(b))[1]!.id }] });
    expect([foreign.error?.data.code, (foreign.error?.data.details as { field?: string })?.field]).toEqual(["BAD_REQUEST", "actions.1.stageId"]);
    const lost = (await stages(a)).find((s) => s.kind === "lost")!;
    const noReason = await admin.trpc("mutation", "automations.save", { ...base, actions: [{ type: "move_deal_stage", stageId: lost.id }] });
    expect((noReason.error?.data.details as { field?: string })?.field).toBe("actions.0.lostReasonId");
  });

  it("meeting_scheduled (Calendly webhook): the lead's open deal moves through the CRM's move (activity, stage_changed); a lead without an open deal gets a note", async () => {
    const admin = await as(a);
    const [first, second] = await stages(a);
    const saved = await admin.trpc<{ id: string }>("mutation", "automations.save", { name: "Reunião marcada → etapa", trigger: "meeting_scheduled", actions: [{ type: "move_deal_stage", stageId: second!.id }] });
    expect(saved.error).toBeNull();
    // Something listening on the move it causes: stage_changed fires for the deal.
    const onMove = await admin.trpc<{ id: string }>("mutation", "automations.save", { name: "Mudou de etapa", trigger: "stage_changed", actions: [{ type: "add_tag", tag: "movido" }] });

    const who = await leadWithConversation(a);
    const deal = (await owner().query("insert into deals (tenant_id, pipeline_id, stage_id, title, value_cents, probability, lead_id) values ($1, $2, $3, 'Plano anual', 500000, 10, $4) returning id", [a.id, first!.pipeline_id, first!.id, who.leadId])).rows[0].id as string;
    await calendly.book({ name: "Com negócio", email: who.email, start: inDays(8), tracking: { utm_content: who.leadId } });
    const [run] = await eventually(() => runsOf(saved.data.id), (r) => r.some((x) => x.entity_id === who.leadId && x.status === "succeeded"));
    expect(run!.result).toEqual([{ type: "move_deal_stage", ok: true, note: `Negócio "Plano anual" movido para "${second!.name}".` }]);
    expect((await owner().query("select stage_id, status from deals where id = $1", [deal])).rows[0]).toEqual({ stage_id: second!.id, status: "open" });
    const acts = (await owner().query("select system_event, subject, data, created_by from activities where deal_id = $1 and system_event = 'stage_changed'", [deal])).rows;
    expect(acts).toEqual([expect.objectContaining({ subject: `Etapa alterada: ${first!.name} → ${second!.name}`, created_by: null, data: expect.objectContaining({ toStageId: second!.id }) })]);
    expect((await runsOf(onMove.data.id)).map((r) => r.entity_id)).toEqual([deal]);
    expect(await eventually(async () => (await owner().query("select tags from deals where id = $1", [deal])).rows[0].tags as string[], (t) => t.includes("movido"))).toContain("movido");

    const alone = await leadWithConversation(a);
    await calendly.book({ name: "Sem negócio", email: alone.email, start: inDays(8, 16), tracking: { utm_content: alone.leadId } });
    const runs = await eventually(() => runsOf(saved.data.id), (r) => r.some((x) => x.entity_id === alone.leadId && x.status !== "pending" && x.status !== "retrying"));
    expect(runs.find((x) => x.entity_id === alone.leadId)).toMatchObject({ status: "succeeded", error: null, result: [{ type: "move_deal_stage", ok: true, note: `O lead não tem negócio aberto no funil da etapa "${second!.name}": nada a mover.` }] });
    for (const id of [saved.data.id, onMove.data.id]) expect((await admin.trpc("mutation", "automations.delete", { id })).error).toBeNull();
  });
});

// ---- The booking offer on WhatsApp (Graph API stand-in): the lead runs the default BANT flow. ----

type Sent = Record<string, any>;
/** Sends Meta accepted for the lead (one refused, e.g. with 190, never reached it). */
const sentTo = (n: string): Sent[] => graph.sent.map((r) => r.body as Sent).filter((b) => b?.to === n);
/** Every send tried to the lead, refused or not: for "nothing of that kind was sent". */
const triedTo = (n: string): Sent[] => graph.requests.map((r) => r.body as Sent).filter((b) => b?.to === n);
const waSend = (body: unknown) => {
  const raw = JSON.stringify(body);
  return request(app.port, app.rootDomain, "POST", "/api/whatsapp", { headers: { "content-type": "application/json", "x-hub-signature-256": signMetaBody(raw, TEST_KEYS.waAppSecret) }, body: raw });
};
const waInboxes = new Map<string, string>();
/** The tenant's WhatsApp inbox (created once), by its phone number id. */
async function waInbox(t: FixtureTenant) {
  if (!waInboxes.has(t.id)) {
    waInboxes.set(t.id, await createWhatsAppInbox(await as(t), graph.baseUrl));
  }
  return waInboxes.get(t.id)!;
}
const waitSent = (n: string, ready: (s: Sent[]) => boolean, timeoutMs = 15_000) => eventually(() => sentTo(n), ready, timeoutMs);
const ctaOf = (s: Sent[]) => s.find((b) => b.type === "interactive" && b.interactive?.type === "cta_url");
const slotButtonsOf = (s: Sent[]) => s.filter((b) => b.type === "interactive" && b.interactive?.type === "button" && b.interactive.action.buttons.some((x: Sent) => String(x.reply.id).startsWith("slot:")));

/** A WhatsApp lead answers the default flow (name from the contact; e-mail or "pular") up to qualified. */
async function qualifyOnWhatsApp(t: FixtureTenant, email: string | null) {
  const phoneNumberId = await waInbox(t);
  const n = `55119${randomInt(10_000_000, 99_999_999)}`;
  const step = async (msg: Record<string, unknown>, replies: number) => {
    await waSend(wa.webhook(wa.messageChange(phoneNumberId, [msg], [{ wa_id: n, name: "Renata Alves" }])));
    expect((await waitSent(n, (s) => s.length >= replies)).length).toBeGreaterThanOrEqual(replies);
  };
  await step(wa.text(n, "oi"), 1);
  await step(wa.text(n, email ?? "pular"), 2);
  await step(wa.listReply(n, "gt_10k", "> R$ 10 mil"), 3);
  await step(wa.buttonReply(n, "decision_maker", "Sim, sou o decisor"), 4);
  await step(wa.text(n, "Preciso melhorar a conversão e a qualificação"), 5);
  await step(wa.buttonReply(n, "immediately", "Imediatamente"), 6);
  const lead = (await owner().query("select l.id, l.stage, l.email, c.id as conversation_id from leads l join conversations c on c.lead_id = l.id where l.tenant_id = $1 and l.wa_id = $2", [t.id, n])).rows[0] as { id: string; stage: string; email: string | null; conversation_id: string };
  expect(lead.stage).toBe("qualified");
  return { n, phoneNumberId, lead };
}

describe("the booking offer on WhatsApp", () => {
  it("Calendly: a qualified lead gets a cta_url button whose link is prefilled with name and the lead reference", async () => {
    // Tenant B has Calendly only, with its second event type picked.
    const { n, lead } = await qualifyOnWhatsApp(b, null);
    const cta = ctaOf(await waitSent(n, (s) => Boolean(ctaOf(s))));
    expect(cta).toMatchObject({ messaging_product: "whatsapp", to: n, type: "interactive", interactive: { type: "cta_url", action: { name: "cta_url", parameters: { display_text: "Escolher horário" } } } });
    expect(cta!.interactive.body.text).toBe("Agende sua conversa com nosso time");
    const url = new URL(cta!.interactive.action.parameters.url);
    expect(url.origin + url.pathname).toBe(calendly.eventTypes[1]!.scheduling_url);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({ name: "Renata Alves", utm_source: "vendaflow", utm_content: lead.id });
    expect(slotButtonsOf(triedTo(n))).toEqual([]);
  });
});

describe("Cal.com: the next free slots as buttons, booked through its API", () => {
  const SLOT = /^(dom|seg|ter|qua|qui|sex|sáb) \d{2}\/\d{2} \d{2}:\d{2}$/;
  /** "03/12 14:00" in São Paulo (UTC−3 all year since 2019). */
  const saoPaulo = (d: Date) => new Date(d.getTime() - 3 * 3_600_000).toISOString().replace(/^\d{4}-(\d{2})-(\d{2})T(\d{2}:\d{2}).*$/, "$2/$1 $3");
  const freeAhead = () => calcom.freeStarts.filter((d) => d.getTime() > Date.now()).sort((x, y) => x.getTime() - y.getTime());
  let offered: { n: string; phoneNumberId: string; lead: { id: string; conversation_id: string; email: string | null }; buttons: { id: string; title: string }[] };
  const textsOf = async (conversationId: string) => (await owner().query("select text, payload from messages where conversation_id = $1 and sender = 'bot' order by seq", [conversationId])).rows as { text: string; payload: Sent }[];

  beforeAll(() => {
    // Tenant A has Cal.com (event type 501) and Calendly: Cal.com is offered. Enough free starts for every case below.
    for (const h of [9, 10, 11, 13, 15, 16]) calcom.freeStarts.push(inDays(12, h));
  });

  it("a qualified lead with an e-mail gets three slot buttons (São Paulo time, ≤ 20 characters) and the page as \"Outro horário\"", async () => {
    const before = calcom.slotQueries;
    const q = await qualifyOnWhatsApp(a, `renata.${randomUUID().slice(0, 6)}@cliente.com.br`);
    const sent = await waitSent(q.n, (s) => slotButtonsOf(s).length > 0 && Boolean(ctaOf(s)));
    const [ask] = slotButtonsOf(sent);
    const buttons = ask!.interactive.action.buttons.map((x: Sent) => ({ id: x.reply.id as string, title: x.reply.title as string }));
    const expected = freeAhead().slice(0, 3);
    expect(buttons.map((x: { id: string }) => x.id)).toEqual(expected.map((d) => `slot:${d.toISOString()}`));
    for (const [i, x] of buttons.entries()) {
      expect(x.title).toMatch(SLOT);
      expect(x.title.length).toBeLessThanOrEqual(20);
      expect(x.title.endsWith(` ${saoPaulo(expected[i]!)}`)).toBe(true);
    }
    expect(ask!.interactive.body.text).toMatch(/horário de Brasília/);
    const cta = ctaOf(sent)!;
    expect(cta.interactive.action.parameters.display_text).toBe("Outro horário");
    expect(new URL(cta.interactive.action.parameters.url).searchParams.get("metadata[vendaflow_lead]")).toBe(q.lead.id);
    // The buttons came before the link; the slots were asked with the event type and São Paulo's zone.
    expect(sent.indexOf(ask!)).toBeLessThan(sent.indexOf(cta));
    expect(calcom.slotQueries).toBeGreaterThan(before);
    const query = calcom.requests.filter((r) => r.path.startsWith("/v2/slots")).at(-1)!;
    expect(query.version).toBe("2024-09-04");
    expect(Object.fromEntries(new URL(query.path, calcom.url).searchParams)).toMatchObject({ eventTypeId: "501", timeZone: "America/Sao_Paulo" });
    offered = { ...q, buttons };
  });

  it("the lead taps a slot: booked through POST /v2/bookings, the meeting made as the webhook would, a confirmation; the webhook that follows duplicates nothing", async () => {
    const pick = offered.buttons[1]!;
    const start = new Date(pick.id.slice("slot:".length));
    await waSend(wa.webhook(wa.messageChange(offered.phoneNumberId, [wa.buttonReply(offered.n, pick.id, pick.title)])));
    const meetings = await eventually(
      async () => (await meetingsOf(a.id)).filter((m) => m.lead_id === offered.lead.id),
      (m) => m.length > 0,
      15_000,
    );
    expect(meetings).toHaveLength(1);
    const m = meetings[0]!;
    expect(m).toMatchObject({ provider: "calcom", status: "scheduled", conversation_id: offered.lead.conversation_id, invitee_email: offered.lead.email, invitee_name: "Renata Alves" });
    expect(m.starts_at.getTime()).toBe(start.getTime());
    const booking = calcom.requests.filter((r) => r.method === "POST" && r.path === "/v2/bookings").at(-1)!;
    expect(booking.version).toBe("2024-08-13");
    expect(booking.body).toMatchObject({ start: start.toISOString(), eventTypeId: 501, attendee: { name: "Renata Alves", email: offered.lead.email, timeZone: "America/Sao_Paulo" }, metadata: { vendaflow_lead: offered.lead.id } });
    expect(calcom.bookings.get(m.external_id)).toMatchObject({ status: "ACCEPTED" });
    // The activity on the lead, the confirmation on WhatsApp.
    expect((await owner().query("select type, system_event, lead_id from activities where id = $1", [m.activity_id])).rows[0]).toEqual({ type: "meeting", system_event: "meeting_scheduled", lead_id: offered.lead.id });
    const confirmed = await waitSent(offered.n, (s) => s.some((b) => b.type === "text" && /^Reunião confirmada para/.test(b.text?.body ?? "")));
    expect(confirmed.filter((b) => b.type === "text" && /^Reunião confirmada para/.test(b.text?.body ?? ""))).toHaveLength(1);

    // Cal.com's BOOKING_CREATED for this booking arrives (signed): accepted, and nothing doubles.
    await eventually(() => calcom.deliveries.length, () => calcom.deliveries.some((d) => d.trigger === "BOOKING_CREATED"));
    const receipt = await eventually(
      async () => (await owner().query("select count(*)::int n from webhook_receipts where provider = 'calcom' and provider_event_id = $1", [`${m.external_id}:BOOKING_CREATED`])).rows[0].n as number,
      (x) => x === 1,
    );
    expect(receipt).toBe(1);
    const conn = await connection(a, "calcom");
    const raw = JSON.stringify(calcom.payload("BOOKING_CREATED", calcom.bookings.get(m.external_id)!));
    expect((await post("calcom", conn.webhook_key, raw, { "x-cal-signature-256": calcom.sign(raw, calcom.webhooks.get(conn.webhook_ref)!.secret) })).json<{ status: string }>().status).toBe("duplicate");
    expect((await meetingsOf(a.id)).filter((x) => x.external_id === m.external_id)).toHaveLength(1);
    const texts = await textsOf(offered.lead.conversation_id);
    expect(texts.filter((x) => x.text.startsWith("Reunião confirmada para"))).toHaveLength(1);
    // Reminders are scheduled after the confirmation is handed to WhatsApp (runAfterCommit's order).
    const reminders = async () => (await owner().query("select count(*)::int n from scheduled_jobs where deduplication_id like $1", [`meeting-reminder-${m.id}-%`])).rows[0].n as number;
    expect(await eventually(reminders, (n) => n === 2)).toBe(2);
    // A second tap on the same button (WhatsApp keeps it) books nothing more.
    await waSend(wa.webhook(wa.messageChange(offered.phoneNumberId, [wa.buttonReply(offered.n, pick.id, pick.title)])));
    await new Promise((r) => setTimeout(r, 1500));
    expect((await meetingsOf(a.id)).filter((x) => x.lead_id === offered.lead.id)).toHaveLength(1);
  });

  it("a slot taken meanwhile: Cal.com refuses, the lead is told in pt-BR and gets fresh slots; nothing is booked", async () => {
    const q = await qualifyOnWhatsApp(a, `taken.${randomUUID().slice(0, 6)}@cliente.com.br`);
    const [ask] = slotButtonsOf(await waitSent(q.n, (s) => slotButtonsOf(s).length > 0));
    const first = ask!.interactive.action.buttons[0].reply as { id: string; title: string };
    const start = new Date(first.id.slice("slot:".length));
    // Someone else books it on Cal.com's page before the lead taps.
    calcom.freeStarts = calcom.freeStarts.filter((d) => d.getTime() !== start.getTime());
    const bookingsBefore = calcom.bookings.size;
    await waSend(wa.webhook(wa.messageChange(q.phoneNumberId, [wa.buttonReply(q.n, first.id, first.title)])));
    const sent = await waitSent(q.n, (s) => slotButtonsOf(s).length > 1);
    const fresh = slotButtonsOf(sent)[1]!;
    expect(fresh.interactive.body.text).toMatch(/^Esse horário acabou de ser reservado por outra pessoa\. Estes são os próximos horários livres/);
    const ids = fresh.interactive.action.buttons.map((x: Sent) => x.reply.id as string);
    expect(ids).toHaveLength(3);
    expect(ids).not.toContain(first.id);
    expect(ids).toEqual(freeAhead().slice(0, 3).map((d) => `slot:${d.toISOString()}`));
    expect(calcom.bookings.size).toBe(bookingsBefore);
    expect((await meetingsOf(a.id)).filter((m) => m.lead_id === q.lead.id)).toEqual([]);
    expect((await textsOf(q.lead.conversation_id)).at(-1)!.payload.booking).toMatchObject({ provider: "calcom", label: "Outro horário" });
    const events = (await owner().query("select kind from conversation_events where conversation_id = $1 order by created_at", [q.lead.conversation_id])).rows.map((r) => r.kind);
    expect(events).toEqual(expect.arrayContaining(["meeting_offered", "meeting_slots", "meeting_slot_chosen", "meeting_slot_taken"]));
  });

  it("a lead without an e-mail gets the booking page only (Cal.com needs the attendee's e-mail to book)", async () => {
    const q = await qualifyOnWhatsApp(a, null);
    const cta = ctaOf(await waitSent(q.n, (s) => Boolean(ctaOf(s))));
    expect(cta!.interactive.action.parameters.display_text).toBe("Escolher horário");
    expect(new URL(cta!.interactive.action.parameters.url).searchParams.get("metadata[vendaflow_lead]")).toBe(q.lead.id);
    expect(slotButtonsOf(triedTo(q.n))).toEqual([]);
  });

  it("a slot id never offered in this conversation is not booked", async () => {
    const q = offered;
    const bookingsBefore = calcom.bookings.size;
    const forged = `slot:${inDays(12, 10).toISOString()}`;
    await waSend(wa.webhook(wa.messageChange(q.phoneNumberId, [wa.buttonReply(q.n, forged, "qua 01/01 10:00")])));
    await new Promise((r) => setTimeout(r, 1500));
    expect(calcom.bookings.size).toBe(bookingsBefore);
  });
});
