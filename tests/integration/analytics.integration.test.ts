import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signQStashRequest } from "@vendaflow/connectors/qstash/sign-request";
import { botFunnel } from "@vendaflow/core/analytics/bot-funnel";
import { closedBefore, liveDays, refreshAnalyticsRollups } from "@vendaflow/core/analytics/rollup";
import { createDb } from "@vendaflow/db/create-db";
import { withTenant } from "@vendaflow/db/with-tenant";
import type { AnalyticsFilter } from "@vendaflow/validators/analytics";
import { TEST_KEYS } from "../support/app-env";
import { closeOwner, createTenant, env, owner, type FixtureTenant } from "../support/fixtures";
import { request, type Client } from "../support/http";

/**
 * The dashboard's numbers against a small dataset whose answers were worked out by hand (the
 * comments beside each row say which chart it feeds). November 2026 in São Paulo (UTC-3) runs from
 * 2026-11-01T03:00Z to 2026-12-01T03:00Z: rows on both sides of each edge check the time zone.
 * Tenant B holds the same kind of rows; tenant A's numbers being exact proves none of them leak.
 */

const NOV: AnalyticsFilter = { from: "2026-11-01", to: "2026-11-30" };
const OCT_NOV: AnalyticsFilter = { from: "2026-10-01", to: "2026-11-30" };
const FLOW = {
  name: "BANT",
  version: 1,
  startStep: "name",
  steps: [
    { id: "name", kind: "contact_name", question: "Qual é o seu nome?", next: "budget" },
    { id: "budget", kind: "number", question: "Qual é o orçamento?", next: "timeline" },
    { id: "timeline", kind: "text", question: "Para quando?", next: null },
  ],
  outcomes: { qualified: { message: "Obrigado!", action: "handoff", tags: [] }, notQualified: { message: "Obrigado!", action: "close", tags: [] } },
  timeoutFallback: "close",
};

const q = async <T = { id: string }>(sql: string, params: unknown[]) => (await owner().query(sql, params)).rows[0] as T;
const botState = (path: string[], answered: string[]) =>
  JSON.stringify({ flowVersion: 1, stepId: null, revision: 1, answers: Object.fromEntries(answered.map((s) => [s, { value: "x", score: 10, raw: "x" }])), score: 0, invalidCount: 0, reminderCount: 0, status: "active", contact: {}, path });

interface Dataset {
  web: string;
  whatsapp: string;
  team: string;
  agent2: string;
}

/** Tenant A's hand-counted dataset (see the expectations in each test). */
async function seedA(t: FixtureTenant): Promise<Dataset> {
  const tid = t.id;
  const agent = t.users.agent.id;
  const agent2 = (await q("insert into users (tenant_id, email, name, role) values ($1, $2, 'Bruna Agente', 'agent') returning id", [tid, `agent2@${t.slug}.test`])).id;
  await q("update users set name = 'Ana Agente' where id = $1 returning id", [agent]);
  const web = (await q("insert into inboxes (tenant_id, name, channel) values ($1, 'Site', 'web') returning id", [tid])).id;
  const whatsapp = (await q("insert into inboxes (tenant_id, name, channel) values ($1, 'WhatsApp', 'whatsapp') returning id", [tid])).id;
  const team = (await q("insert into teams (tenant_id, name) values ($1, 'Vendas') returning id", [tid])).id;
  await q("insert into team_members (tenant_id, team_id, user_id, position) values ($1, $2, $3, 0) returning id", [tid, team, agent]);
  const flow = (await q("insert into qualification_flows (tenant_id, name, version, definition) values ($1, 'BANT', 1, $2) returning id", [tid, JSON.stringify(FLOW)])).id;

  const lead = (source: string, at: string, campaign?: Record<string, string>) =>
    q("insert into leads (tenant_id, name, source, visitor_id, created_at, source_details) values ($1, 'Lead', $2, gen_random_uuid()::text, $3, $4) returning id", [tid, source, at, JSON.stringify(campaign ? { campaign } : {})]).then((r) => r.id);
  const conv = (c: { inbox: string; lead: string; at: string; flow?: boolean; path?: string[]; answered?: string[]; status?: string; assigned?: string | null; team?: string | null; routedAt?: string | null; firstResponseAt?: string | null; slaDueAt?: string | null; breachedAt?: string | null }) =>
    q(
      `insert into conversations (tenant_id, inbox_id, lead_id, flow_id, bot_state, status, assigned_to, team_id, routed_at, first_response_at, sla_due_at, sla_breached_at, created_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) returning id`,
      [tid, c.inbox, c.lead, c.flow === false ? null : flow, c.path ? botState(c.path, c.answered ?? []) : null, c.status ?? "bot", c.assigned ?? null, c.team ?? null, c.routedAt ?? null, c.firstResponseAt ?? null, c.slaDueAt ?? null, c.breachedAt ?? null, c.at],
    ).then((r) => r.id);
  const event = (conversation: string, kind: string, at: string) => q("insert into conversation_events (tenant_id, conversation_id, kind, created_at) values ($1, $2, $3, $4) returning id", [tid, conversation, kind, at]);
  const message = (conversation: string, sender: string, at: string) => q("insert into messages (tenant_id, conversation_id, sender, text, created_at) values ($1, $2, $3, 'oi', $4) returning id", [tid, conversation, sender, at]);

  // c1: web, answers all three steps, qualified, booked (a Calendly meeting), handed off to the
  // team's agent: first reply 120 s after routing (SLA 300 s: hit), resolved 3600 s after routing.
  const l1 = await lead("web", "2026-11-03T12:00:00Z");
  const c1 = await conv({ inbox: web, lead: l1, at: "2026-11-03T12:00:00Z", path: ["name", "budget", "timeline"], answered: ["name", "budget", "timeline"], status: "resolved", assigned: agent, team, routedAt: "2026-11-03T12:10:00Z", firstResponseAt: "2026-11-03T12:12:00Z", slaDueAt: "2026-11-03T12:15:00Z" });
  await event(c1, "qualified", "2026-11-03T12:09:00Z");
  await event(c1, "handoff", "2026-11-03T12:10:00Z");
  await event(c1, "resolved", "2026-11-03T12:40:00Z");
  await event(c1, "resolved", "2026-11-03T13:10:00Z"); // reopened and resolved again: the last one counts
  await q("insert into meetings (tenant_id, provider, external_id, lead_id, conversation_id, title, starts_at, ends_at, created_at) values ($1, 'calendly', 'inv-1', $2, $3, 'Demonstração', '2026-11-06T13:00:00Z', '2026-11-06T13:30:00Z', '2026-11-03T12:20:00Z') returning id", [tid, l1, c1]);
  await message(c1, "lead", "2026-11-03T12:15:00Z"); // 09:15 in São Paulo
  await message(c1, "bot", "2026-11-03T12:15:01Z");
  await message(c1, "agent", "2026-11-03T13:05:00Z"); // 10:05

  // c2: web, answered the name, stopped at the budget (asked twice after a hand-back: counted once).
  const l2 = await lead("web", "2026-11-05T12:00:00Z");
  const c2 = await conv({ inbox: web, lead: l2, at: "2026-11-05T12:00:00Z", path: ["name", "budget", "budget"], answered: ["name"] });
  await message(c2, "lead", "2026-12-01T02:30:00Z"); // Nov 30, 23:30 in São Paulo: still November
  // A meeting logged before the conversation started is not a booking from it.
  await q("insert into activities (tenant_id, type, subject, lead_id, created_at) values ($1, 'meeting', 'Antiga', $2, '2026-11-05T11:00:00Z') returning id", [tid, l2]);

  // c3: WhatsApp, answered all, not qualified, handed off to agent2: first reply 600 s after routing (SLA 300 s: missed), still open.
  const l3 = await lead("whatsapp", "2026-11-07T12:00:00Z");
  const c3 = await conv({ inbox: whatsapp, lead: l3, at: "2026-11-07T12:00:00Z", path: ["name", "budget", "timeline"], answered: ["name", "budget", "timeline"], status: "open", assigned: agent2, routedAt: "2026-11-07T12:10:00Z", firstResponseAt: "2026-11-07T12:20:00Z", slaDueAt: "2026-11-07T12:15:00Z", breachedAt: "2026-11-07T12:15:00Z" });
  await event(c3, "not_qualified", "2026-11-07T12:09:00Z");
  await event(c3, "handoff", "2026-11-07T12:10:00Z");
  await message(c3, "lead", "2026-11-04T02:30:00Z"); // Nov 3, 23:30 in São Paulo
  // Booked by phone: a meeting an agent logged by hand counts.
  await q("insert into activities (tenant_id, type, subject, lead_id, created_at) values ($1, 'meeting', 'Reunião por telefone', $2, '2026-11-07T13:00:00Z') returning id", [tid, l3]);

  // c4: WhatsApp, opened at the first instant of November in São Paulo, never answered the first step.
  const l4 = await lead("whatsapp", "2026-11-01T03:00:00Z");
  const c4 = await conv({ inbox: whatsapp, lead: l4, at: "2026-11-01T03:00:00Z", path: ["name"], answered: [] });
  await message(c4, "system", "2026-11-03T12:20:00Z"); // system notes are not volume
  // A system entry about a meeting (here a cancellation without a meetings row) is not a booking by itself.
  await q("insert into activities (tenant_id, type, system_event, subject, lead_id, created_at) values ($1, 'meeting', 'meeting_canceled', 'Cancelada', $2, '2026-11-02T12:00:00Z') returning id", [tid, l4]);

  // c5: web, no bot (an agent's own conversation): first reply 60 s after it started, resolved after 1800 s.
  const l5 = await lead("web", "2026-11-10T12:00:00Z");
  const c5 = await conv({ inbox: web, lead: l5, at: "2026-11-10T12:00:00Z", flow: false, status: "resolved", assigned: agent, team, firstResponseAt: "2026-11-10T12:01:00Z" });
  await event(c5, "resolved", "2026-11-10T12:30:00Z");

  // c6: the last second of October in São Paulo (2026-11-01T02:59:59Z): October's cohort, qualified.
  const l6 = await lead("web", "2026-11-01T02:59:59Z");
  const c6 = await conv({ inbox: web, lead: l6, at: "2026-11-01T02:59:59Z", path: ["name"], answered: ["name"] });
  await event(c6, "qualified", "2026-11-01T02:59:59Z");
  await message(c6, "lead", "2026-11-01T02:59:59Z");

  // An imported lead (no conversation).
  await lead("import", "2026-11-20T12:00:00Z");

  // Click-to-WhatsApp ads (source whatsapp_ad, counted per ad): two leads from ad AD-1, one with a
  // conversation in the WhatsApp inbox (no bot, nobody assigned: only channels count it); one from
  // AD-2, which Meta sent without a headline. A WhatsApp lead whose campaign came from a later ad
  // click keeps its source 'whatsapp' and is not counted per ad.
  const l7 = await lead("whatsapp_ad", "2026-11-12T12:00:00Z", { sourceId: "AD-1", headline: "Promoção de verão", ctwaClid: "clid-7" });
  await conv({ inbox: whatsapp, lead: l7, at: "2026-11-12T12:00:00Z", flow: false, status: "pending" });
  await lead("whatsapp_ad", "2026-11-14T12:00:00Z", { sourceId: "AD-1", headline: "Promoção de verão", ctwaClid: "clid-8" });
  await lead("whatsapp_ad", "2026-11-15T12:00:00Z", { sourceId: "AD-2" });
  await lead("whatsapp", "2026-11-16T12:00:00Z", { sourceId: "AD-3", headline: "Clique tardio" });

  // Deals in the default pipeline.
  const stage = async (name: string) => q<{ id: string; pipeline_id: string }>("select s.id, s.pipeline_id from pipeline_stages s join pipelines p on p.id = s.pipeline_id and p.is_default where s.tenant_id = $1 and s.name = $2", [tid, name]);
  const reason = (await q("select id from lost_reasons where tenant_id = $1 order by position limit 1", [tid])).id;
  const deal = async (d: { stage: string; cents: number; at: string; owner?: string | null; conversation?: string | null; wonAt?: string; lostAt?: string; deleted?: boolean }) => {
    const s = await stage(d.stage);
    await q(
      `insert into deals (tenant_id, pipeline_id, stage_id, title, value_cents, probability, owner_id, conversation_id, status, won_at, lost_at, lost_reason_id, created_at, deleted_at)
       values ($1, $2, $3, 'Negócio', $4, 10, $5, $6, $7, $8, $9, $10, $11, $12) returning id`,
      [tid, s.pipeline_id, s.id, d.cents, d.owner ?? null, d.conversation ?? null, d.wonAt ? "won" : d.lostAt ? "lost" : "open", d.wonAt ?? null, d.lostAt ?? null, d.lostAt ? reason : null, d.at, d.deleted ? d.at : null],
    );
  };
  await deal({ stage: "Novo", cents: 100_000, at: "2026-11-03T13:00:00Z", owner: agent, conversation: c1 }); // d1
  await deal({ stage: "Proposta", cents: 250_050, at: "2026-11-07T13:00:00Z", owner: agent2, conversation: c3 }); // d2
  await deal({ stage: "Ganho", cents: 500_000, at: "2026-11-03T14:00:00Z", owner: agent, conversation: c1, wonAt: "2026-11-10T12:00:00Z" }); // d3
  await deal({ stage: "Perdido", cents: 70_000, at: "2026-11-08T12:00:00Z", owner: agent2, lostAt: "2026-11-12T12:00:00Z" }); // d4
  await deal({ stage: "Ganho", cents: 300_000, at: "2026-10-15T12:00:00Z", owner: agent2, wonAt: "2026-11-05T12:00:00Z" }); // d5: created in October, won in November
  await deal({ stage: "Novo", cents: 999_999, at: "2026-11-04T12:00:00Z", owner: agent, conversation: c1, deleted: true }); // d6: deleted
  return { web, whatsapp, team, agent2 };
}

/** Tenant B: one of everything in November, none of which may reach tenant A's numbers. */
async function seedB(t: FixtureTenant) {
  const tid = t.id;
  const inbox = (await q("insert into inboxes (tenant_id, name, channel) values ($1, 'Site B', 'web') returning id", [tid])).id;
  const flow = (await q("insert into qualification_flows (tenant_id, name, version, definition) values ($1, 'BANT', 1, $2) returning id", [tid, JSON.stringify(FLOW)])).id;
  const lead = (await q("insert into leads (tenant_id, name, source, visitor_id, created_at) values ($1, 'Lead B', 'api', gen_random_uuid()::text, '2026-11-03T12:00:00Z') returning id", [tid])).id;
  const conv = (
    await q(
      "insert into conversations (tenant_id, inbox_id, lead_id, flow_id, bot_state, status, assigned_to, first_response_at, created_at) values ($1, $2, $3, $4, $5, 'open', $6, '2026-11-03T12:01:00Z', '2026-11-03T12:00:00Z') returning id",
      [tid, inbox, lead, flow, botState(["name", "budget"], ["name", "budget"]), t.users.agent.id],
    )
  ).id;
  await q("insert into conversation_events (tenant_id, conversation_id, kind, created_at) values ($1, $2, 'qualified', '2026-11-03T12:05:00Z'), ($1, $2, 'handoff', '2026-11-03T12:05:00Z') returning id", [tid, conv]);
  await q("insert into messages (tenant_id, conversation_id, sender, text, created_at) values ($1, $2, 'lead', 'oi', '2026-11-03T12:15:00Z') returning id", [tid, conv]);
  const s = await q<{ id: string; pipeline_id: string }>("select s.id, s.pipeline_id from pipeline_stages s join pipelines p on p.id = s.pipeline_id and p.is_default where s.tenant_id = $1 and s.name = 'Ganho'", [tid]);
  await q("insert into deals (tenant_id, pipeline_id, stage_id, title, value_cents, probability, owner_id, status, won_at, created_at) values ($1, $2, $3, 'B', 123400, 100, $4, 'won', '2026-11-10T12:00:00Z', '2026-11-03T12:00:00Z') returning id", [tid, s.pipeline_id, s.id, t.users.agent.id]);
  return { inbox };
}

let a: FixtureTenant;
let b: FixtureTenant;
let data: Dataset;
let bInbox: string;
let admin: Client;
let viewer: Client;
let agent: Client;

beforeAll(async () => {
  [a, b] = await Promise.all([createTenant(), createTenant()]);
  data = await seedA(a);
  bInbox = (await seedB(b)).inbox;
  [admin, viewer, agent] = await Promise.all([a.loginAs("admin"), a.loginAs("viewer"), a.loginAs("agent")]);
});
afterAll(closeOwner);

async function read<T>(c: Client, path: string, input: unknown): Promise<T> {
  const r = await c.trpc<T>("query", `analytics.${path}`, input);
  if (r.error) throw new Error(`${path}: ${r.error.message}`);
  return r.data;
}

describe("analytics: the numbers", () => {
  it("bot funnel: started, each step reached / answered / dropped, qualified, booked, handed off", async () => {
    expect(await read(admin, "botFunnel", NOV)).toEqual({
      started: 4,
      steps: [
        { stepId: "name", label: "Qual é o seu nome?", reached: 4, answered: 3, dropOff: 1 },
        { stepId: "budget", label: "Qual é o orçamento?", reached: 3, answered: 2, dropOff: 1 },
        { stepId: "timeline", label: "Para quando?", reached: 2, answered: 2, dropOff: 0 },
      ],
      qualified: 1,
      booked: 2,
      handedOff: 2,
    });
    const web = await read<{ started: number; qualified: number; handedOff: number; booked: number }>(admin, "botFunnel", { ...NOV, inboxId: data.web });
    expect([web.started, web.qualified, web.booked, web.handedOff]).toEqual([2, 1, 1, 1]);
    const team = await read<{ started: number }>(admin, "botFunnel", { ...NOV, teamId: data.team });
    expect(team.started).toBe(1);
  });

  it("sales funnel: deals created in the range by stage, with values in cents; deleted deals left out", async () => {
    const f = await read<{ pipelineName: string; stages: { name: string; kind: string; deals: number; valueCents: number }[] }>(admin, "salesFunnel", NOV);
    expect(f.pipelineName).toBe("Vendas");
    expect(f.stages.map((s) => [s.name, s.kind, s.deals, s.valueCents])).toEqual([
      ["Novo", "open", 1, 100_000],
      ["Qualificado", "open", 0, 0],
      ["Proposta", "open", 1, 250_050],
      ["Negociação", "open", 0, 0],
      ["Ganho", "won", 1, 500_000],
      ["Perdido", "lost", 1, 70_000],
    ]);
    const web = await read<typeof f>(admin, "salesFunnel", { ...NOV, inboxId: data.web });
    expect(web.stages.filter((s) => s.deals > 0).map((s) => [s.name, s.deals])).toEqual([["Novo", 1], ["Ganho", 1]]);
    const team = await read<typeof f>(admin, "salesFunnel", { ...NOV, teamId: data.team });
    expect(team.stages.filter((s) => s.deals > 0).map((s) => [s.name, s.deals])).toEqual([["Novo", 1], ["Ganho", 1]]);
  });

  it("monthly rates: qualification by the month a conversation started, close rate by the month a deal closed", async () => {
    expect(await read(admin, "monthlyRates", OCT_NOV)).toEqual([
      { month: "2026-10", started: 1, qualified: 1, qualificationRate: 1, won: 0, lost: 0, closeRate: null, wonValueCents: 0 },
      { month: "2026-11", started: 4, qualified: 1, qualificationRate: 0.25, won: 2, lost: 1, closeRate: 2 / 3, wonValueCents: 800_000 },
    ]);
  });

  it("lead sources and conversation channels", async () => {
    // web: l1, l2, l5 (l6 is October's); whatsapp: l3, l4 and the late ad click; AD-1: l7, l8; AD-2: the third ad lead.
    expect(await read(admin, "sources", NOV)).toEqual([
      { source: "web", leads: 3 },
      { source: "whatsapp", leads: 3 },
      { source: "whatsapp_ad", campaign: { id: "AD-1", label: "Promoção de verão" }, leads: 2 },
      { source: "import", leads: 1 },
      { source: "whatsapp_ad", campaign: { id: "AD-2", label: null }, leads: 1 },
    ]);
    // In the WhatsApp inbox: the leads with a conversation there (l3, l4; of the ad leads only l7).
    expect(await read(admin, "sources", { ...NOV, inboxId: data.whatsapp })).toEqual([
      { source: "whatsapp", leads: 2 },
      { source: "whatsapp_ad", campaign: { id: "AD-1", label: "Promoção de verão" }, leads: 1 },
    ]);
    expect(await read(admin, "sources", { from: "2026-11-13", to: "2026-11-15" })).toEqual([
      { source: "whatsapp_ad", campaign: { id: "AD-1", label: "Promoção de verão" }, leads: 1 },
      { source: "whatsapp_ad", campaign: { id: "AD-2", label: null }, leads: 1 },
    ]);
    expect(await read(admin, "channels", NOV)).toEqual([
      { channel: "web", conversations: 3 },
      { channel: "whatsapp", conversations: 3 },
    ]);
  });

  it("agent performance: median first response and resolution, SLA hit rate, deals won and revenue", async () => {
    const rows = await read<Record<string, unknown>[]>(admin, "agents", NOV);
    expect(rows).toEqual([
      { userId: a.users.agent.id, name: "Ana Agente", conversations: 2, firstResponseSeconds: 90, resolutionSeconds: 2700, slaHit: 1, slaMissed: 0, slaHitRate: 1, dealsWon: 1, revenueCents: 500_000 },
      { userId: data.agent2, name: "Bruna Agente", conversations: 1, firstResponseSeconds: 600, resolutionSeconds: null, slaHit: 0, slaMissed: 1, slaHitRate: 0, dealsWon: 1, revenueCents: 300_000 },
      { userId: a.users.admin.id, name: `admin ${a.slug}`, conversations: 0, firstResponseSeconds: null, resolutionSeconds: null, slaHit: 0, slaMissed: 0, slaHitRate: null, dealsWon: 0, revenueCents: 0 },
    ]);
    const team = await read<{ userId: string }[]>(admin, "agents", { ...NOV, teamId: data.team });
    expect(team.map((r) => r.userId)).toEqual([a.users.agent.id]);
  });

  it("conversation volume by hour of day in São Paulo, inbound and outbound, all 24 hours", async () => {
    const hours = await read<{ hour: number; inbound: number; outbound: number }[]>(admin, "volumeByHour", NOV);
    expect(hours).toHaveLength(24);
    expect(hours.filter((h) => h.inbound + h.outbound > 0)).toEqual([
      { hour: 9, inbound: 1, outbound: 1 },
      { hour: 10, inbound: 0, outbound: 1 },
      { hour: 23, inbound: 2, outbound: 0 },
    ]);
    const web = await read<typeof hours>(admin, "volumeByHour", { ...NOV, inboxId: data.web });
    expect(web.filter((h) => h.inbound + h.outbound > 0)).toEqual([
      { hour: 9, inbound: 1, outbound: 1 },
      { hour: 10, inbound: 0, outbound: 1 },
      { hour: 23, inbound: 1, outbound: 0 },
    ]);
  });

  it("refuses a range that ends before it starts or spans more than 366 days", async () => {
    const back = await admin.trpc("query", "analytics.botFunnel", { from: "2026-11-30", to: "2026-11-01" });
    expect(back.error?.data.code).toBe("BAD_REQUEST");
    const long = await admin.trpc("query", "analytics.botFunnel", { from: "2025-01-01", to: "2026-11-30" });
    expect(long.error?.data.code).toBe("BAD_REQUEST");
  });
});

describe("analytics: roles and tenants", () => {
  it("a viewer sees every chart; an agent is refused the tenant's charts and sees only their own performance", async () => {
    expect((await read<{ started: number }>(viewer, "botFunnel", NOV)).started).toBe(4);
    expect((await read<unknown[]>(viewer, "agents", NOV)).length).toBe(3);
    for (const chart of ["botFunnel", "salesFunnel", "monthlyRates", "sources", "channels", "volumeByHour"]) {
      const r = await agent.trpc("query", `analytics.${chart}`, NOV);
      expect(r.error?.data.code, chart).toBe("FORBIDDEN");
    }
    const own = await read<{ userId: string; conversations: number }[]>(agent, "agents", NOV);
    expect(own.map((r) => [r.userId, r.conversations])).toEqual([[a.users.agent.id, 2]]);
  });

  it("tenant B's numbers are its own, and its inbox id in tenant A's filter counts nothing", async () => {
    const bAdmin = await b.loginAs("admin");
    const f = await read<{ started: number; qualified: number; steps: { stepId: string }[] }>(bAdmin, "botFunnel", NOV);
    expect([f.started, f.qualified, f.steps.map((s) => s.stepId)]).toEqual([1, 1, ["name", "budget"]]);
    expect(await read(bAdmin, "sources", NOV)).toEqual([{ source: "api", leads: 1 }]);
    const leak = await read<{ started: number }>(admin, "botFunnel", { ...NOV, inboxId: bInbox });
    expect(leak.started).toBe(0);
    const volume = await read<{ inbound: number }[]>(admin, "volumeByHour", { ...NOV, inboxId: bInbox });
    expect(volume.every((h) => h.inbound === 0)).toBe(true);
  });

  it("RLS holds even if a query named the other tenant: inside tenant A's transaction, tenant B's rows are invisible", async () => {
    const app = createDb({ url: env().appUrl, max: 1 });
    try {
      const f = await withTenant(app.db, a.id, (tx) => botFunnel(tx, { tenantId: b.id, filter: NOV }));
      expect(f).toEqual({ started: 0, steps: [], qualified: 0, booked: 0, handedOff: 0 });
    } finally {
      await app.close();
    }
  });
});

/**
 * Rollups (db/migrations/0121, core/analytics/rollup.ts): closed days come from the daily rollup
 * tables once the refresh job has run, the rest live. Every chart, filter and role must read the
 * same numbers either way, before and after late changes to closed days.
 */
describe("analytics: rollups read the same numbers as the live tables", () => {
  const CHARTS = ["botFunnel", "salesFunnel", "monthlyRates", "sources", "channels", "agents", "volumeByHour"];
  const filters = () => [NOV, OCT_NOV, { ...NOV, inboxId: data.web }, { ...NOV, inboxId: data.whatsapp }, { ...NOV, teamId: data.team }, { from: "2026-11-03", to: "2026-11-03" }];
  async function snapshot() {
    const out: Record<string, unknown> = {};
    for (const f of filters()) for (const chart of CHARTS) out[`${chart} ${JSON.stringify(f)}`] = await read(admin, chart, f);
    out["own agents"] = await read(agent, "agents", NOV);
    return out;
  }
  const rollupJob = async (body: unknown) => {
    const raw = JSON.stringify(body);
    const path = "/api/jobs/analytics-rollup";
    const signature = await signQStashRequest({ url: `http://${env().rootDomain}${path}`, rawBody: raw, signingKey: TEST_KEYS.qstashCurrent });
    return request(env().port, env().rootDomain, "POST", path, { headers: { "content-type": "application/json", "upstash-signature": signature }, body: raw });
  };
  const count = async (table: string, tenantId: string) => (await owner().query(`select count(*)::int as n from ${table} where tenant_id = $1`, [tenantId])).rows[0].n as number;
  const convAt = async (at: string) => (await q("select id, lead_id from conversations where tenant_id = $1 and created_at = $2", [a.id, at])) as { id: string; lead_id: string };
  let app: ReturnType<typeof createDb>;
  let live: Record<string, unknown>;
  beforeAll(async () => {
    app = createDb({ url: env().appUrl, max: 1 });
    live = await snapshot();
  });
  afterAll(() => app.close());

  it("the job refuses an unsigned call; signed, it rolls up every closed day and the charts read the same numbers", async () => {
    const path = "/api/jobs/analytics-rollup";
    const unsigned = await request(env().port, env().rootDomain, "POST", path, { headers: { "content-type": "application/json" }, body: JSON.stringify({ tenantId: a.id }) });
    expect(unsigned.status).toBe(401);
    expect(await count("analytics_dirty_days", a.id)).toBeGreaterThan(0); // the seed wrote closed days
    const res = await rollupJob({ tenantId: a.id });
    expect(res.status).toBe(200);
    expect((res.json() as { tenants: number; days: number }).days).toBeGreaterThanOrEqual(31);
    const state = (await owner().query("select rolled_through::text as d from analytics_rollup_state where tenant_id = $1", [a.id])).rows[0];
    expect(state.d).toBe(closedBefore(new Date()));
    expect(await count("analytics_dirty_days", a.id)).toBe(0);
    expect(await count("analytics_conversation_days", a.id)).toBeGreaterThan(0);
    expect(await count("analytics_message_hours", a.id)).toBeGreaterThan(0);
    // November is wholly rolled up: no day of it is read live…
    expect(await withTenant(app.db, a.id, (tx) => liveDays(tx, { tenantId: a.id, filter: NOV }))).toEqual([]);
    // …and the charts are the hand-counted ones above, from the rollup.
    expect(await snapshot()).toEqual(live);
    // A second run has nothing to do, and changes nothing.
    expect((await rollupJob({ tenantId: a.id })).json()).toEqual({ tenants: 1, days: 0 });
    expect(await snapshot()).toEqual(live);
    // The charts really read the stored rows: a stored count moved by hand moves the chart.
    await owner().query("update analytics_conversation_days set bot_started = bot_started + 100 where tenant_id = $1 and day = '2026-11-03'", [a.id]);
    expect((await read<{ started: number }>(admin, "botFunnel", NOV)).started).toBe(104);
    await owner().query("update analytics_conversation_days set bot_started = bot_started - 100 where tenant_id = $1 and day = '2026-11-03'", [a.id]);
  });

  it("late changes to closed days show at once (their days are read live until the next refresh), and the refresh agrees", async () => {
    const c1 = await convAt("2026-11-03T12:00:00Z");
    const c2 = await convAt("2026-11-05T12:00:00Z");
    const c3 = await convAt("2026-11-07T12:00:00Z");
    const c4 = await convAt("2026-11-01T03:00:00Z");
    // As the app writes them, under tenant A's RLS.
    await withTenant(app.db, a.id, async (tx) => {
      // c2 qualified weeks later; c4's lead books a meeting today (after its conversation started).
      await sql`insert into conversation_events (tenant_id, conversation_id, kind) values (${a.id}, ${c2.id}, 'qualified')`.execute(tx);
      await sql`insert into meetings (tenant_id, provider, external_id, lead_id, title, starts_at, ends_at) values (${a.id}, 'calendly', 'inv-late', ${c4.lead_id}, 'Tardia', now() + interval '1 day', now() + interval '1 day 30 minutes')`.execute(tx);
      // c3 moves to the team: its conversation day and its message's day (Nov 3, not its start) change.
      await sql`update conversations set team_id = ${data.team} where id = ${c3.id}`.execute(tx);
      // c1's second "resolved" is removed: its resolution is now the first one (1800 s).
      await sql`delete from conversation_events where conversation_id = ${c1.id} and kind = 'resolved' and created_at = '2026-11-03T13:10:00Z'`.execute(tx);
      // c1's lead (created Nov 3, web) writes again today on WhatsApp: it now counts for that inbox.
      await sql`insert into conversations (tenant_id, inbox_id, lead_id) values (${a.id}, ${data.whatsapp}, ${c1.lead_id})`.execute(tx);
      // The AD-2 lead (Nov 15) is found to come from AD-1 after all: its campaign moves.
      await sql`update leads set source_details = jsonb_build_object('campaign', jsonb_build_object('sourceId', 'AD-1', 'headline', 'Promoção de verão')) where tenant_id = ${a.id} and source_details -> 'campaign' ->> 'sourceId' = 'AD-2'`.execute(tx);
    });
    const marked = (await owner().query("select distinct day::text as d from analytics_dirty_days where tenant_id = $1 order by 1", [a.id])).rows.map((r) => r.d);
    expect(marked).toEqual(["2026-11-01", "2026-11-03", "2026-11-05", "2026-11-07", "2026-11-15"]);
    expect((await read<{ campaign?: { id: string }; leads: number }[]>(admin, "sources", NOV)).filter((r) => r.campaign)).toEqual([{ source: "whatsapp_ad", campaign: { id: "AD-1", label: "Promoção de verão" }, leads: 3 }]);

    const funnel = await read<{ started: number; qualified: number; booked: number; handedOff: number }>(admin, "botFunnel", NOV);
    expect([funnel.started, funnel.qualified, funnel.booked, funnel.handedOff]).toEqual([4, 2, 3, 2]);
    expect((await read<{ started: number }>(admin, "botFunnel", { ...NOV, teamId: data.team })).started).toBe(2);
    const agents = await read<{ userId: string; resolutionSeconds: number | null }[]>(admin, "agents", NOV);
    expect(agents.find((r) => r.userId === a.users.agent.id)?.resolutionSeconds).toBe(1800);
    const teamVolume = await read<{ hour: number; inbound: number; outbound: number }[]>(admin, "volumeByHour", { ...NOV, teamId: data.team });
    expect(teamVolume.filter((h) => h.inbound + h.outbound > 0)).toEqual([
      { hour: 9, inbound: 1, outbound: 1 },
      { hour: 10, inbound: 0, outbound: 1 },
      { hour: 23, inbound: 1, outbound: 0 },
    ]);
    expect(await read(admin, "sources", { ...NOV, inboxId: data.whatsapp })).toEqual([
      { source: "whatsapp", leads: 2 },
      { source: "web", leads: 1 },
      { source: "whatsapp_ad", campaign: { id: "AD-1", label: "Promoção de verão" }, leads: 1 },
    ]);
    const changed = await snapshot();

    // The same figures with no rollup at all (every day live)…
    await owner().query("delete from analytics_rollup_state where tenant_id = $1", [a.id]);
    expect(await snapshot()).toEqual(changed);
    // …and after the job rebuilt the rollup from scratch.
    expect((await rollupJob({ tenantId: a.id })).status).toBe(200);
    expect(await count("analytics_dirty_days", a.id)).toBe(0);
    expect(await snapshot()).toEqual(changed);

    // A change, then an incremental refresh (only the marked day is recomputed).
    await withTenant(app.db, a.id, (tx) => sql`delete from meetings where tenant_id = ${a.id} and external_id = 'inv-late'`.execute(tx));
    expect((await read<{ booked: number }>(admin, "botFunnel", NOV)).booked).toBe(2);
    const days = await refreshAnalyticsRollups({ db: app.db, now: () => new Date() }, { tenantId: a.id });
    expect(days).toEqual({ tenants: 1, days: 1 });
    expect((await read<{ booked: number }>(admin, "botFunnel", NOV)).booked).toBe(2);
  });

  it("the job lists the tenants with days to roll up (ids only); rollup rows stay within their tenant", async () => {
    const listed = await withTenant(app.db, a.id, (tx) => sql<{ tenant_id: string }>`select tenant_id from app_tenants_for_analytics_rollup(${closedBefore(new Date())}::date, 100000)`.execute(tx));
    const ids = listed.rows.map((r) => r.tenant_id);
    expect(ids).toContain(b.id); // never refreshed
    expect(ids).not.toContain(a.id); // up to date, nothing marked
    expect(await count("analytics_conversation_days", b.id)).toBe(0);
    const bAdmin = await b.loginAs("admin");
    const before = await read(bAdmin, "botFunnel", NOV);
    expect((await rollupJob({ tenantId: b.id })).status).toBe(200);
    expect(await count("analytics_conversation_days", b.id)).toBeGreaterThan(0);
    expect(await read(bAdmin, "botFunnel", NOV)).toEqual(before);
    // Tenant A's transaction sees none of B's rollup rows, even by name.
    const seen = await withTenant(app.db, a.id, (tx) => sql<{ n: number }>`select count(*)::int as n from analytics_conversation_days where tenant_id = ${b.id}`.execute(tx));
    expect(seen.rows[0]!.n).toBe(0);
  });
});
