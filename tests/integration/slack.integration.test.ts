import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appLinks } from "@vendaflow/core/links";
import type { ScheduledJob } from "@vendaflow/core/ports/scheduler";
import { deliverSlackNotification, SLACK_RETRY_SECONDS } from "@vendaflow/core/slack/notify";
import { slackChat } from "@vendaflow/connectors/slack/slack-chat";
import { signSlackRequest } from "@vendaflow/connectors/slack/verify-request";
import { createDb, type Database } from "@vendaflow/db/create-db";
import { TEST_KEYS } from "../support/app-env";
import { startAppServer } from "../support/app-server";
import { eventually } from "../support/eventually";
import { closeOwner, createTenant, env, owner, type FixtureTenant } from "../support/fixtures";
import { request } from "../support/http";
import type { NextServer } from "../support/next-server";
import { startSlackStandIn, type SlackStandIn } from "../stand-ins/slack";
import { signedInClients } from "../support/sessions";

// Slack end to end: an app instance pointed at the Slack stand-in (SLACK_API_URL), tenants that
// connect through tRPC, CRM events that notify through the Scheduler and the official WebClient,
// and slash commands POSTed to the app signed the way Slack signs them.

let app: NextServer & { rootDomain: string };
let slack: SlackStandIn;
let a: FixtureTenant;
let b: FixtureTenant;
let db: Database;
let closeDb: () => Promise<void>;
const SECRET_A = "a1".repeat(16);
const SECRET_B = "b2".repeat(16);

const as = signedInClients(() => app);

type Conn = { id: string; mode: string; channel: string | null; teamName: string; commandsUrl: string | null; lastError: string | null; events: string[] };

const lead = async (t: FixtureTenant, email: string, phone: string | null = null) =>
  (await owner().query<{ id: string }>("insert into leads (tenant_id, name, email, phone, source, stage, score) values ($1, 'Mariana Costa', $2, $3, 'web', 'qualified', 72) returning id", [t.id, email, phone])).rows[0]!.id;

const receipts = async (t: FixtureTenant) => Number((await owner().query("select count(*)::int as n from webhook_receipts where tenant_id = $1 and provider = 'slack'", [t.id])).rows[0].n);

/** POSTs a slash command to the app as Slack does. */
function command(key: string, fields: Record<string, string>, secret: string, timestamp?: number) {
  const { body, headers } = slack.slashCommand(fields, secret, timestamp);
  return request(app.port, app.rootDomain, "POST", `/api/slack/commands/${key}`, { headers, body });
}
const keyOf = (c: Conn) => new URL(c.commandsUrl!).pathname.split("/").pop()!;

beforeAll(async () => {
  slack = await startSlackStandIn();
  app = await startAppServer({ SLACK_API_URL: slack.apiUrl });
  a = await createTenant();
  b = await createTenant();
  ({ db, close: closeDb } = createDb({ url: env().appUrl, max: 2 }));
});
afterAll(async () => {
  await app?.stop();
  await slack?.close();
  await closeDb?.();
  await closeOwner();
});

describe("Slack connection and notifications", () => {
  it("connects with a bot token checked by auth.test, refuses a bad token, tests the channel and shows no secret", async () => {
    const admin = await as(a);
    const ws = slack.workspace({ teamName: "Acme Vendas", channels: ["vendas", "diretoria"] });
    const bad = await admin.trpc("mutation", "slack.connect", { mode: "bot", botToken: "xoxb-0000000000-invalid", channel: "#vendas", signingSecret: SECRET_A });
    expect(bad.error?.data.code).toBe("BAD_REQUEST");
    expect(bad.error?.message).toContain("invalid_auth");
    expect((await admin.trpc("query", "slack.get")).data).toBeNull();

    const ok = await admin.trpc<Conn>("mutation", "slack.connect", { mode: "bot", botToken: ws.token, channel: "#vendas", signingSecret: SECRET_A });
    expect(ok.error, ok.error?.message).toBeNull();
    expect(ok.data).toMatchObject({ mode: "bot", channel: "#vendas", teamName: "Acme Vendas", events: ["lead.qualified", "conversation.handed_off", "deal.won"] });
    expect(ok.data.commandsUrl).toMatch(new RegExp(`^http://${app.rootDomain}/api/slack/commands/[A-Za-z0-9_-]{32}$`));
    expect(JSON.stringify(ok.data)).not.toContain(ws.token);
    const row = (await owner().query("select * from slack_connections where tenant_id = $1", [a.id])).rows[0];
    expect(row.team_id).toBe(ws.teamId);
    expect(row.credentials_encrypted).not.toContain(ws.token);
    expect(row.credentials_encrypted).not.toContain(SECRET_A);

    const before = slack.posted.length;
    expect((await admin.trpc("mutation", "slack.test")).error).toBeNull();
    expect(slack.posted[before]).toMatchObject({ via: "bot", channel: "#vendas", token: ws.token });

    // Agents cannot read or change it.
    expect((await (await as(a, "agent")).trpc("query", "slack.get")).error?.data.code).toBe("FORBIDDEN");
  });

  it("a deal won notifies the channel through the Scheduler: Block Kit with a Ver no CRM button to the tenant's record", async () => {
    const admin = await as(a);
    const [pipeline] = (await admin.trpc<{ id: string }[]>("query", "crm.pipelines.list")).data;
    const deal = (await admin.trpc<{ id: string }>("mutation", "crm.deals.create", { title: "Plano anual", valueCents: 990000, pipelineId: pipeline!.id })).data;
    expect((await admin.trpc("mutation", "crm.deals.win", { id: deal.id })).error).toBeNull();
    const msg = (await eventually(() => slack.posted.find((p) => p.text.startsWith("Negócio ganho: Plano anual")), Boolean, 20_000))!;
    expect(msg.via).toBe("bot");
    expect(msg.blocks[0]).toMatchObject({ type: "header", text: { text: "🏆 Negócio ganho" } });
    const actions = msg.blocks.find((x) => x.type === "actions") as { elements: { text: { text: string }; url: string }[] };
    expect(actions.elements[0]).toMatchObject({ text: { text: "Ver no CRM" }, url: `http://${a.slug}.${app.rootDomain}/deals/${deal.id}` });
    await eventually(async () => (await owner().query("select last_sent_at from slack_connections where tenant_id = $1", [a.id])).rows[0].last_sent_at, Boolean);
  });

  it("the automation action \"send a Slack message\" posts the admin's text (escaped) with the record's button, to the connection's channel or its own", async () => {
    const admin = await as(a);
    const badChannel = await admin.trpc("mutation", "automations.save", { name: "Canal inválido", trigger: "deal_won", actions: [{ type: "send_slack", text: "x", channel: "Diretoria Geral" }] });
    expect(badChannel.error?.message).toContain("Informe o canal");
    const saved = await admin.trpc<{ id: string }>("mutation", "automations.save", {
      name: "Avisar ganhos",
      trigger: "deal_won",
      actions: [
        { type: "send_slack", text: "Ganhamos <!channel> & comemoramos" },
        { type: "send_slack", text: "Para a diretoria", channel: "#diretoria" },
      ],
    });
    expect(saved.error, saved.error?.message).toBeNull();
    const [pipeline] = (await admin.trpc<{ id: string }[]>("query", "crm.pipelines.list")).data;
    const deal = (await admin.trpc<{ id: string }>("mutation", "crm.deals.create", { title: "Suporte premium", valueCents: 120000, pipelineId: pipeline!.id })).data;
    expect((await admin.trpc("mutation", "crm.deals.win", { id: deal.id })).error).toBeNull();
    const msg = (await eventually(() => slack.posted.find((p) => p.text === "Ganhamos &lt;!channel&gt; &amp; comemoramos"), Boolean, 20_000))!;
    expect(msg).toMatchObject({ via: "bot", channel: "#vendas" });
    expect((await eventually(() => slack.posted.find((p) => p.text === "Para a diretoria"), Boolean, 20_000))!.channel).toBe("#diretoria");
    expect(JSON.stringify(msg.blocks)).toContain("Automação *Avisar ganhos* · Suporte premium");
    const actions = msg.blocks.find((x) => x.type === "actions") as { elements: { url: string }[] };
    expect(actions.elements[0]!.url).toBe(`http://${a.slug}.${app.rootDomain}/deals/${deal.id}`);
    const run = await eventually(async () => (await owner().query("select status from automation_runs where tenant_id = $1 and automation_id = $2", [a.id, saved.data.id])).rows[0]?.status, (s) => s === "succeeded");
    expect(run).toBe("succeeded");
    expect((await admin.trpc("mutation", "automations.delete", { id: saved.data.id })).error).toBeNull();
  });

  it("retries a failed notification through the Scheduler, does not retry a refused token, and keeps the last error", async () => {
    const jobs: ScheduledJob[] = [];
    const deps = {
      db,
      now: () => new Date(),
      scheduler: { kind: "local" as const, schedule: async (j: ScheduledJob) => void jobs.push(j) },
      chat: slackChat({ apiUrl: slack.apiUrl, policy: { allowHosts: ["127.0.0.1"] } }),
      encryptionKey: TEST_KEYS.encryptionKey,
      links: appLinks(app.rootDomain, "http"),
    };
    const leadId = await lead(a, `${randomUUID().slice(0, 8)}@cliente.com.br`);
    const job = { tenantId: a.id, event: "lead.qualified" as const, entityType: "lead" as const, entityId: leadId, notificationId: randomUUID(), attempt: 0, data: { bant_score: 85 } };
    slack.failNext(500);
    expect(await deliverSlackNotification(deps, job)).toEqual({ status: "retrying" });
    expect(jobs).toEqual([{ path: "/api/jobs/slack-notify", body: { ...job, attempt: 1 }, delaySeconds: SLACK_RETRY_SECONDS[0], deduplicationId: `slack-notify:${job.notificationId}:1` }]);
    expect((await owner().query("select last_error from slack_connections where tenant_id = $1", [a.id])).rows[0].last_error).toContain("500");
    expect(await deliverSlackNotification(deps, jobs[0]!.body as typeof job)).toEqual({ status: "sent" });
    const sent = slack.posted.at(-1)!;
    expect(sent.text).toBe("Lead qualificado: Mariana Costa (BANT 85)");
    expect((await owner().query("select last_error from slack_connections where tenant_id = $1", [a.id])).rows[0].last_error).toBeNull();

    // The last attempt is not retried; a refused token is never retried.
    jobs.length = 0;
    slack.failNext(500);
    expect(await deliverSlackNotification(deps, { ...job, attempt: SLACK_RETRY_SECONDS.length })).toEqual({ status: "failed" });
    slack.failNext("token_revoked");
    expect(await deliverSlackNotification(deps, job)).toEqual({ status: "failed" });
    expect(jobs).toEqual([]);
    expect((await owner().query("select last_error from slack_connections where tenant_id = $1", [a.id])).rows[0].last_error).toContain("token_revoked");
  });

  it("an incoming webhook connection posts there; a webhook URL on a private address is refused by the SSRF guard", async () => {
    const admin = await as(b);
    const blocked = await admin.trpc<Conn>("mutation", "slack.connect", { mode: "webhook", webhookUrl: "http://169.254.169.254/latest/meta-data", events: ["conversation.handed_off"] });
    expect(blocked.error, blocked.error?.message).toBeNull();
    const refused = await admin.trpc("mutation", "slack.test");
    expect(refused.error?.message).toContain("rede interna");

    const hook = slack.incomingWebhook();
    const ok = await admin.trpc<Conn>("mutation", "slack.connect", { mode: "webhook", webhookUrl: hook, events: ["conversation.handed_off"] });
    expect(ok.data).toMatchObject({ mode: "webhook", commandsUrl: null, events: ["conversation.handed_off"] });
    const before = slack.posted.length;
    expect((await admin.trpc("mutation", "slack.test")).error).toBeNull();
    expect(slack.posted[before]).toMatchObject({ via: "webhook", path: new URL(hook).pathname });

    // A handoff notifies (delivered by the job); a deal won does not (not among its events).
    const leadId = await lead(b, `${randomUUID().slice(0, 8)}@b.com.br`);
    const deps = { db, now: () => new Date(), scheduler: { kind: "local" as const, schedule: async () => {} }, chat: slackChat({ apiUrl: slack.apiUrl, policy: { allowHosts: ["127.0.0.1"] } }), encryptionKey: TEST_KEYS.encryptionKey, links: appLinks(app.rootDomain, "http") };
    expect(await deliverSlackNotification(deps, { tenantId: b.id, event: "conversation.handed_off", entityType: "lead", entityId: leadId, notificationId: randomUUID(), attempt: 0, data: { reason: "Pediu um humano" } })).toEqual({ status: "sent" });
    expect(slack.posted.at(-1)).toMatchObject({ via: "webhook", text: "Conversa transferida para a equipe: Mariana Costa" });
    expect(await deliverSlackNotification(deps, { tenantId: b.id, event: "deal.won", entityType: "lead", entityId: leadId, notificationId: randomUUID(), attempt: 0, data: {} })).toEqual({ status: "not_connected" });
    // Tenant A's job cannot reach B's lead: read inside A, the record is not there.
    expect(await deliverSlackNotification(deps, { tenantId: a.id, event: "lead.qualified", entityType: "lead", entityId: leadId, notificationId: randomUUID(), attempt: 0, data: {} })).toEqual({ status: "missing" });

    // An automation naming its own channel cannot post through a webhook (bound to one channel): the run says why.
    const auto = await admin.trpc<{ id: string }>("mutation", "automations.save", { name: "Canal próprio", trigger: "deal_won", actions: [{ type: "send_slack", text: "Outro canal", channel: "#outro" }] });
    expect(auto.error, auto.error?.message).toBeNull();
    const [pipeline] = (await admin.trpc<{ id: string }[]>("query", "crm.pipelines.list")).data;
    const deal = (await admin.trpc<{ id: string }>("mutation", "crm.deals.create", { title: "Via webhook", valueCents: 1000, pipelineId: pipeline!.id })).data;
    const posted = slack.posted.length;
    expect((await admin.trpc("mutation", "crm.deals.win", { id: deal.id })).error).toBeNull();
    const runError = await eventually(async () => (await owner().query("select error from automation_runs where tenant_id = $1 and automation_id = $2", [b.id, auto.data.id])).rows[0]?.error as string | undefined, Boolean, 20_000);
    expect(runError).toContain("token de bot");
    expect(slack.posted.slice(posted).filter((p) => p.text === "Outro canal")).toEqual([]);
    expect((await admin.trpc("mutation", "automations.delete", { id: auto.data.id })).error).toBeNull();
  });
});

describe("Slack slash commands", () => {
  let keyA: string;
  let teamA: string;
  let emailA: string;
  let emailB: string;
  let leadA: string;

  beforeAll(async () => {
    const conn = (await (await as(a)).trpc<Conn>("query", "slack.get")).data;
    keyA = keyOf(conn);
    teamA = (await owner().query("select team_id from slack_connections where tenant_id = $1", [a.id])).rows[0].team_id;
    emailA = `${randomUUID().slice(0, 8)}@a.com.br`;
    emailB = `${randomUUID().slice(0, 8)}@b.com.br`;
    leadA = await lead(a, emailA, "+55 11 98888-7777");
    await lead(b, emailB);
  });

  it("/lead-status answers inline with the lead's status; by phone too", async () => {
    const res = await command(keyA, { command: "/lead-status", text: emailA.toUpperCase(), team_id: teamA }, SECRET_A);
    expect(res.status).toBe(200);
    const body = res.json<{ response_type: string; text: string; blocks: { type: string; elements?: { url: string }[] }[] }>();
    expect(body.response_type).toBe("ephemeral");
    expect(body.text).toBe("Mariana Costa: etapa qualified, pontuação 72");
    expect(body.blocks.find((x) => x.type === "actions")!.elements![0]!.url).toBe(`http://${a.slug}.${app.rootDomain}/leads/${leadA}`);
    const byPhone = await command(keyA, { command: "/lead-status", text: "(11) 98888-7777", team_id: teamA }, SECRET_A);
    expect(byPhone.json<{ text: string }>().text).toBe("Mariana Costa: etapa qualified, pontuação 72");
  });

  it("refuses a bad signature and an old timestamp with 401, recording nothing; a replayed command does nothing twice", async () => {
    const n = await receipts(a);
    const wrong = await command(keyA, { command: "/lead-status", text: emailA, team_id: teamA }, "f".repeat(32));
    expect(wrong.status).toBe(401);
    const old = await command(keyA, { command: "/lead-status", text: emailA, team_id: teamA }, SECRET_A, Math.floor(Date.now() / 1000) - 301);
    expect(old.status).toBe(401);
    const tampered = slack.slashCommand({ command: "/lead-status", text: emailA, team_id: teamA }, SECRET_A);
    const res = await request(app.port, app.rootDomain, "POST", `/api/slack/commands/${keyA}`, { headers: tampered.headers, body: tampered.body.replace("lead-status", "pipeline") });
    expect(res.status).toBe(401);
    expect((await request(app.port, app.rootDomain, "POST", `/api/slack/commands/${"x".repeat(32)}`, { headers: tampered.headers, body: tampered.body })).status).toBe(401);
    expect(await receipts(a)).toBe(n);

    const once = slack.slashCommand({ command: "/lead-status", text: emailA, team_id: teamA, trigger_id: `dup-${randomUUID()}` }, SECRET_A);
    const first = await request(app.port, app.rootDomain, "POST", `/api/slack/commands/${keyA}`, { headers: once.headers, body: once.body });
    const second = await request(app.port, app.rootDomain, "POST", `/api/slack/commands/${keyA}`, { headers: once.headers, body: once.body });
    expect(first.json<{ text: string }>().text).toContain("Mariana Costa");
    expect(second.status).toBe(200);
    expect(second.json<{ text: string }>().text).toBe("Comando já recebido.");
    expect(await receipts(a)).toBe(n + 1);
  });

  it("tenant A's connection cannot read tenant B: B's lead is not found, B's secret is refused, another workspace is refused", async () => {
    const res = await command(keyA, { command: "/lead-status", text: emailB, team_id: teamA }, SECRET_A);
    expect(res.status).toBe(200);
    expect(res.json<{ text: string }>().text).toBe(`Nenhum lead encontrado para ${emailB}.`);
    expect((await command(keyA, { command: "/lead-status", text: emailB, team_id: teamA }, SECRET_B)).status).toBe(401);
    const other = await command(keyA, { command: "/lead-status", text: emailA, team_id: "T0OTHER" }, SECRET_A);
    expect(other.status).toBe(200);
    expect(other.text).not.toContain("Mariana");
    expect(other.json<{ text: string }>().text).toContain("não está conectado");
  });

  it("/pipeline acknowledges within the request and posts the summary to response_url through a job; junk gets 400, never 500", async () => {
    const responseUrl = slack.responseUrl(teamA);
    const started = Date.now();
    const res = await command(keyA, { command: "/pipeline", text: "", team_id: teamA, response_url: responseUrl }, SECRET_A);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(res.status).toBe(200);
    expect(res.json<{ text: string }>().text).toContain("Calculando o funil");
    const answer = (await eventually(() => slack.posted.find((p) => p.via === "response_url" && p.path === new URL(responseUrl).pathname), Boolean, 20_000))!;
    expect(answer.responseType).toBe("ephemeral");
    expect(answer.text).toMatch(/^Funil: \d+ negócios abertos/);

    const help = await command(keyA, { command: "/vendas", text: "", team_id: teamA }, SECRET_A);
    expect(help.json<{ text: string }>().text).toContain("/lead-status");
    const junk = "%%%&&&=;command";
    const signed = { "content-type": "application/x-www-form-urlencoded", ...signSlackRequest(junk, SECRET_A, Math.floor(Date.now() / 1000)) };
    expect((await request(app.port, app.rootDomain, "POST", `/api/slack/commands/${keyA}`, { headers: signed, body: junk })).status).toBe(400);
  });

  it("a disconnected Slack stops answering (401) and notifying", async () => {
    const admin = await as(b);
    const key = keyOf((await admin.trpc<Conn>("mutation", "slack.connect", { mode: "webhook", webhookUrl: slack.incomingWebhook(), signingSecret: SECRET_B })).data);
    expect((await command(key, { command: "/lead-status", text: emailB }, SECRET_B)).json<{ text: string }>().text).toContain("Mariana");
    expect((await admin.trpc("mutation", "slack.disconnect")).error).toBeNull();
    expect((await command(key, { command: "/lead-status", text: emailB }, SECRET_B)).status).toBe(401);
    expect((await owner().query("select count(*)::int as n from slack_connections where tenant_id = $1", [b.id])).rows[0].n).toBe(0);
    expect((await owner().query("select action from audit_logs where tenant_id = $1 and action like 'slack.%' order by created_at", [b.id])).rows.map((r) => r.action)).toEqual(["slack.connect", "slack.connect", "slack.connect", "slack.disconnect"]);
  });
});
