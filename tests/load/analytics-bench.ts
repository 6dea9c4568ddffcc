// Dashboard figures, in-process against Postgres (no HTTP): each dashboard query (core/analytics)
// over one tenant with ANALYTICS_BENCH_MESSAGES messages (default 1,000,000) in
// ANALYTICS_BENCH_LEADS leads' conversations (default 100,000, one conversation each, spread over
// the last 365 days), as the app role under RLS through withTenant, read-only, like a request.
// Ranges: the dashboard's default (last 30 days), the last 30 days filtered to one inbox, and the
// longest allowed (the last 366 days: every row). `BENCH_ONLY=analytics pnpm bench` runs only this
// section (no build needed).
import pg from "pg";
import type { TenantTx } from "@vendaflow/db/with-tenant";
import { agentPerformance } from "@vendaflow/core/analytics/agent-performance";
import { botFunnel } from "@vendaflow/core/analytics/bot-funnel";
import { monthlyRates } from "@vendaflow/core/analytics/monthly-rates";
import { salesFunnel } from "@vendaflow/core/analytics/sales-funnel";
import type { AnalyticsScope } from "@vendaflow/core/analytics/scope";
import { conversationChannels, leadSources } from "@vendaflow/core/analytics/sources";
import { refreshAnalyticsRollups } from "@vendaflow/core/analytics/rollup";
import { volumeByHour } from "@vendaflow/core/analytics/volume-by-hour";
import { createDb, type Database } from "@vendaflow/db/create-db";
import { appUrlFrom, migrate } from "@vendaflow/db/migrate";
import { withTenant } from "@vendaflow/db/with-tenant";
import type { AnalyticsFilter } from "@vendaflow/validators/analytics";
import { APP_ROLE } from "./setup-db";
import { fmt, fmtInt, summarize, table } from "./stats";

const TARGET = { p95Ms: 200 };
const log = (s: string) => process.stderr.write(`[bench analytics] ${s}\n`);

const FLOW = {
  name: "BANT",
  version: 1,
  startStep: "name",
  steps: ["name", "budget", "authority", "timeline"].map((id, i, all) => ({ id, kind: "text", question: `Pergunta ${id}?`, next: all[i + 1] ?? null })),
  outcomes: { qualified: { message: "Obrigado!", action: "handoff", tags: [] }, notQualified: { message: "Obrigado!", action: "close", tags: [] } },
  timeoutFallback: "close",
};

/**
 * One tenant's year: leads (created over 365 days), one conversation each (90% through the bot,
 * a path of 1-4 steps, the last one unanswered for a quarter of them; 40% handed off to one of 20
 * agents in 3 teams, with first reply, SLA and resolution), timeline events, messages (10 per
 * conversation, over its first hours), deals for a fifth of the leads across every stage, meetings.
 */
const FILL = [
  `insert into users (tenant_id, email, name, role)
   select $1::uuid, 'agente' || g || '@bench.test', 'Agente ' || g, case when g = 0 then 'admin' else 'agent' end from generate_series(0, 20) g`,
  `insert into teams (tenant_id, name) select $1::uuid, 'Time ' || g from generate_series(1, 3) g`,
  `insert into team_members (tenant_id, team_id, user_id, position)
   select $1::uuid, t.id, u.id, row_number() over (partition by t.id order by u.email) - 1
   from (select id, row_number() over (order by name) as n from teams where tenant_id = $1::uuid) t
   join (select id, email, row_number() over (order by email) as n from users where tenant_id = $1::uuid and role = 'agent') u on u.n % 3 = t.n - 1`,
  `insert into inboxes (tenant_id, name, channel) values ($1::uuid, 'Site', 'web'), ($1::uuid, 'WhatsApp', 'whatsapp'), ($1::uuid, 'API', 'api')`,
  `insert into leads (tenant_id, name, source, visitor_id, created_at)
   select $1::uuid, 'Lead ' || g, (array['web','whatsapp','api','import','manual'])[1 + (g % 5)], 'v' || g,
     date_trunc('milliseconds', now() - make_interval(secs => (g::double precision * 31536000 / $2::int)))
   from generate_series(1, $2::int) g`,
  `insert into conversations (tenant_id, inbox_id, lead_id, flow_id, bot_state, status, assigned_to, team_id, routed_at, first_response_at, sla_due_at, sla_breached_at, created_at)
   select $1::uuid, i.ids[1 + (l.n % 3)], l.id,
     case when l.n % 10 <> 0 then (select id from qualification_flows where tenant_id = $1::uuid limit 1) end,
     case when l.n % 10 <> 0 then jsonb_build_object('flowVersion', 1, 'stepId', null, 'revision', 1, 'score', 0, 'invalidCount', 0, 'reminderCount', 0, 'status', 'active', 'contact', '{}'::jsonb,
       'path', to_jsonb(s.steps[1:1 + (l.n % 4)]),
       'answers', coalesce((select jsonb_object_agg(st, '{"value":"x","score":10,"raw":"x"}'::jsonb) from unnest(s.steps[1:(1 + (l.n % 4)) - (case when l.n % 4 = 1 then 1 else 0 end)]) st), '{}'::jsonb)) end,
     case when l.n % 5 < 2 then (array['open','resolved','resolved'])[1 + (l.n % 3)] else 'bot' end,
     case when l.n % 5 < 2 then a.ids[1 + (l.n % 20)] end,
     case when l.n % 5 < 2 then tm.ids[1 + (l.n % 3)] end,
     case when l.n % 5 < 2 then l.created_at + interval '5 minutes' end,
     case when l.n % 5 < 2 then l.created_at + interval '5 minutes' + make_interval(secs => (l.n % 900)) end,
     case when l.n % 5 < 2 then l.created_at + interval '15 minutes' end,
     case when l.n % 5 < 2 and l.n % 900 > 600 then l.created_at + interval '15 minutes' end,
     l.created_at
   from (select id, created_at, (row_number() over (order by created_at))::int as n from leads where tenant_id = $1::uuid) l,
     (select array_agg(id order by name) as ids from inboxes where tenant_id = $1::uuid) i,
     (select array_agg(id order by email) as ids from users where tenant_id = $1::uuid and role = 'agent') a,
     (select array_agg(id order by name) as ids from teams where tenant_id = $1::uuid) tm,
     (select array['name','budget','authority','timeline'] as steps) s`,
  `insert into conversation_events (tenant_id, conversation_id, kind, created_at)
   select $1::uuid, c.id, k.kind, c.created_at + k.after
   from conversations c
   cross join lateral (values ('qualified', interval '4 minutes', (abs(hashtext(c.id::text)) % 10) < 3), ('handoff', interval '5 minutes', c.assigned_to is not null),
     ('routed', interval '5 minutes', c.assigned_to is not null), ('assigned', interval '5 minutes', c.assigned_to is not null),
     ('resolved', interval '2 hours', c.status = 'resolved')) as k(kind, after, happened)
   where c.tenant_id = $1::uuid and k.happened`,
  `insert into messages (tenant_id, conversation_id, sender, text, created_at)
   select $1::uuid, c.id, (array['lead','bot','lead','bot','agent'])[1 + (k % 5)], 'mensagem ' || k, c.created_at + make_interval(mins => k * 7)
   from (select id, created_at from conversations where tenant_id = $1::uuid) c, generate_series(1, $2::int) k`,
  `insert into deals (tenant_id, pipeline_id, stage_id, title, value_cents, probability, owner_id, lead_id, conversation_id, status, won_at, lost_at, lost_reason_id, created_at)
   select $1::uuid, st.pipeline_id, st.id, 'Negócio', 10000 + (c.n % 500) * 1000, st.probability, c.assigned_to, c.lead_id, c.id, st.kind,
     case when st.kind = 'won' then c.created_at + interval '10 days' end,
     case when st.kind = 'lost' then c.created_at + interval '12 days' end,
     case when st.kind = 'lost' then (select id from lost_reasons where tenant_id = $1::uuid order by position limit 1) end,
     c.created_at + interval '1 hour'
   from (select id, lead_id, assigned_to, created_at, (row_number() over (order by created_at))::int as n from conversations where tenant_id = $1::uuid) c
   join lateral (select s.* from pipeline_stages s join pipelines p on p.id = s.pipeline_id and p.is_default where s.tenant_id = $1::uuid and s.position = c.n % 6) st on true
   where c.n % 5 = 0`,
  `insert into activities (tenant_id, type, subject, lead_id, created_at)
   select $1::uuid, 'meeting', 'Reunião', c.lead_id, c.created_at + interval '1 day'
   from conversations c where c.tenant_id = $1::uuid and (abs(hashtext(c.id::text)) % 10) = 0`,
];

type Query = (tx: TenantTx, s: AnalyticsScope) => Promise<unknown>;
const QUERIES: [string, Query][] = [
  ["bot funnel", botFunnel],
  ["sales funnel", salesFunnel],
  ["monthly rates", monthlyRates],
  ["lead sources", leadSources],
  ["channels", conversationChannels],
  ["agent performance", agentPerformance],
  ["volume by hour", volumeByHour],
];

const day = (d: Date) => d.toISOString().slice(0, 10);

export async function analyticsBench(adminUrl: string, opts: { leads?: number; messages?: number; runs?: number } = {}): Promise<string[]> {
  const leads = opts.leads ?? Number(process.env.ANALYTICS_BENCH_LEADS ?? 100_000);
  const messages = opts.messages ?? Number(process.env.ANALYTICS_BENCH_MESSAGES ?? 1_000_000);
  const runs = opts.runs ?? Number(process.env.ANALYTICS_BENCH_RUNS ?? 30);
  const perConversation = Math.max(1, Math.round(messages / leads));
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  const dbName = `vf_bench_analytics_${process.pid}_${Date.now().toString(36)}`;
  await admin.query(`create database ${dbName}`);
  let app: { db: Database; close: () => Promise<void> } | null = null;
  try {
    const u = new URL(adminUrl);
    u.pathname = `/${dbName}`;
    const ownerUrl = u.toString();
    await migrate(ownerUrl, APP_ROLE);
    const owner = new pg.Client({ connectionString: ownerUrl });
    await owner.connect();
    const t0 = performance.now();
    const { rows } = await owner.query<{ id: string }>("insert into tenants (slug, name) values ('bench-analytics', 'Bench analytics') returning id");
    const tenantId = rows[0]!.id;
    // A second tenant with a tenth of the rows, so the measured one shares its tables and indexes.
    const other = (await owner.query<{ id: string }>("insert into tenants (slug, name) values ('bench-analytics-other', 'Outra') returning id")).rows[0]!.id;
    for (const [tid, n] of [[tenantId, leads], [other, Math.ceil(leads / 10)]] as const) {
      await owner.query("insert into qualification_flows (tenant_id, name, version, definition, is_default, published_at) values ($1, 'BANT', 1, $2, true, now())", [tid, JSON.stringify(FLOW)]);
      for (const [i, statement] of FILL.entries()) {
        const s0 = performance.now();
        // $2: the lead count where leads are made, messages per conversation where messages are.
        const second = statement.includes("insert into leads") ? [n] : statement.includes("insert into messages") ? [perConversation] : [];
        await owner.query(statement, [tid, ...second]);
        if (tid === tenantId) log(`fill step ${i + 1}/${FILL.length}: ${fmt((performance.now() - s0) / 1000, 1)} s`);
      }
    }
    await owner.query("vacuum analyze");
    const counts = (await owner.query<{ leads: string; conversations: string; messages: string; events: string; deals: string }>(
      `select (select count(*) from leads where tenant_id = $1) as leads, (select count(*) from conversations where tenant_id = $1) as conversations,
        (select count(*) from messages where tenant_id = $1) as messages, (select count(*) from conversation_events where tenant_id = $1) as events,
        (select count(*) from deals where tenant_id = $1) as deals`,
      [tenantId],
    )).rows[0]!;
    const inbox = (await owner.query<{ id: string }>("select id from inboxes where tenant_id = $1 and channel = 'whatsapp'", [tenantId])).rows[0]!.id;
    await owner.end();
    const fillSeconds = (performance.now() - t0) / 1000;

    app = createDb({ url: appUrlFrom(ownerUrl, APP_ROLE), max: 1 });
    const db = app.db;
    const now = new Date();
    // The rollup job as its schedule runs it (every 15 minutes; a first run over a long history
    // catches up MAX_NEW_DAYS_PER_RUN days at a time): every closed day rolled up, today live.
    const r0 = performance.now();
    let rollupRuns = 0;
    let rolledDays = 0;
    for (;;) {
      const r = await refreshAnalyticsRollups({ db, now: () => now }, { tenantId });
      if (r.days === 0) break;
      rollupRuns++;
      rolledDays += r.days;
    }
    const rollupSeconds = (performance.now() - r0) / 1000;
    log(`rollup: ${rolledDays} days in ${rollupRuns} runs, ${fmt(rollupSeconds, 1)} s`);
    const daysAgo = (n: number) => new Date(now.getTime() - n * 86_400_000);
    const ranges: [string, AnalyticsFilter][] = [
      ["30 days", { from: day(daysAgo(29)), to: day(now) }],
      ["30 days, 1 inbox", { from: day(daysAgo(29)), to: day(now), inboxId: inbox }],
      ["366 days (all)", { from: day(daysAgo(365)), to: day(now) }],
    ];
    const table_: string[][] = [];
    const missed: string[] = [];
    for (const [name, query] of QUERIES) {
      const cells = [name];
      for (const [label, filter] of ranges) {
        const run = () => withTenant(db, tenantId, (tx) => query(tx, { tenantId, filter }), { readOnly: true });
        for (let i = 0; i < 3; i++) await run();
        const ms: number[] = [];
        for (let i = 0; i < runs; i++) {
          const s0 = performance.now();
          await run();
          ms.push(performance.now() - s0);
        }
        const s = summarize(ms);
        cells.push(fmt(s.p50, 1), fmt(s.p95, 1));
        if (!(s.p95 < TARGET.p95Ms)) missed.push(`${name} (${label}): p95 ${fmt(s.p95, 1)} ms`);
      }
      table_.push(cells);
      log(`${name}: done`);
    }
    return [
      `Dashboard queries (core/analytics), one tenant: ${fmtInt(Number(counts.leads))} leads, ${fmtInt(Number(counts.conversations))} conversations, ${fmtInt(Number(counts.messages))} messages, ${fmtInt(Number(counts.events))} timeline events, ${fmtInt(Number(counts.deals))} deals over 365 days (filled in ${fmt(fillSeconds, 0)} s; daily rollups of the closed days built in ${fmt(rollupSeconds, 1)} s by ${rollupRuns} job runs, today read live); app role under RLS, read-only withTenant, ${runs} runs per cell after 3 warm-ups, one connection`,
      table(["query", ...ranges.flatMap(([label]) => [`${label} p50`, "p95"])], table_),
      `  (ms) target p95 < ${TARGET.p95Ms} ms per query: ${missed.length === 0 ? "ok for every query and range" : `MISSED — ${missed.join("; ")}`}`,
    ];
  } finally {
    await app?.close();
    // ANALYTICS_BENCH_KEEP=1 leaves the database for EXPLAIN (its name is logged).
    if (process.env.ANALYTICS_BENCH_KEEP === "1") log(`kept database ${dbName}`);
    else await admin.query(`drop database if exists ${dbName} with (force)`);
    await admin.end();
  }
}
