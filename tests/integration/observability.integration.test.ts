import { randomInt, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signQStashRequest } from "@vendaflow/connectors/qstash/sign-request";
import { signMetaBody } from "@vendaflow/connectors/whatsapp/verify-signature";
import { repoRoot } from "@vendaflow/db/paths";
import type { WidgetMessage } from "@vendaflow/validators/widget";
import { TEST_KEYS } from "../support/app-env";
import { startAppServer } from "../support/app-server";
import { eventually } from "../support/eventually";
import { closeOwner, createTenant, createWhatsAppInbox, owner, type FixtureTenant } from "../support/fixtures";
import { Client, request } from "../support/http";
import * as wa from "../support/whatsapp-payloads";
import { WidgetClient } from "../support/widget-client";
import { startGraphStandIn, type GraphStandIn } from "../stand-ins/graph-api";
import { startOtlpCollector, type CollectedSpan } from "../stand-ins/otlp-collector";

// Issue 14 items 1-3: spans over OTLP/HTTP to a local collector, redacted JSON logs, /api/metrics.
const SITE = "https://loja.exemplo.com.br";
const METRICS_TOKEN = "metrics-token-0123456789abcdef";
const TRPC_ID = randomUUID();
const JOB_ID = randomUUID();

let collector: Awaited<ReturnType<typeof startOtlpCollector>>;
let graph: GraphStandIn;
let app: Awaited<ReturnType<typeof startAppServer>>;
let tenant: FixtureTenant;
let admin: Client;
let phoneNumberId: string;
let publicKey: string;

beforeAll(async () => {
  collector = await startOtlpCollector();
  graph = await startGraphStandIn({ accessToken: TEST_KEYS.waAccessToken });
  app = await startAppServer({
    WHATSAPP_GRAPH_BASE_URL: graph.baseUrl,
    // Spans in the default encoding (http/protobuf), as production sends them.
    OTEL_EXPORTER_OTLP_ENDPOINT: collector.url,
    OTEL_BSP_SCHEDULE_DELAY: "100",
    OTEL_METRIC_EXPORT_INTERVAL: "500",
    LOG_LEVEL: "debug",
    METRICS_TOKEN,
  });
  tenant = await createTenant();
  admin = new Client(app.port, `${tenant.slug}.${app.rootDomain}`);
  expect(await admin.login(tenant.users.admin.email, tenant.users.admin.password)).toBeNull();
  phoneNumberId = await createWhatsAppInbox(admin, graph.baseUrl);
  const settings = { allowedOrigins: [SITE], schedulingUrl: "", templates: {} };
  const web = await admin.trpc<{ inbox: { publicKey: string } }>("mutation", "inboxes.create", { channel: "web", name: "Site", settings });
  publicKey = web.data.inbox.publicKey;
});
afterAll(async () => {
  await app?.stop();
  await graph?.close();
  await collector?.close();
  await closeOwner();
});

const spansNamed = (name: string, pred: (s: CollectedSpan) => boolean = () => true) => eventually(() => collector.spans.filter((s) => s.name === name && pred(s)), (l) => l.length > 0);

async function postWhatsApp(body: unknown, signature?: string) {
  const raw = JSON.stringify(body);
  return request(app.port, app.rootDomain, "POST", "/api/whatsapp", { headers: { "content-type": "application/json", "x-hub-signature-256": signature ?? signMetaBody(raw, TEST_KEYS.waAppSecret) }, body: raw });
}
/** Replies Meta accepted (a send refused with 190 is no reply). */
const repliesTo = (n: string, count: number) => graph.waitForSent((r) => (r.body as { to?: string }).to === n, count);

/** A lead on WhatsApp through the whole default flow to qualified (and handed off). */
async function whatsAppConversation(n: string, email: string) {
  const say = async (msg: Record<string, unknown>, replies: number) => {
    expect((await postWhatsApp(wa.webhook(wa.messageChange(phoneNumberId, [msg], [{ wa_id: n, name: "Beatriz Nunes" }])))).status).toBe(200);
    await repliesTo(n, replies);
  };
  await say(wa.text(n, "Olá, quero saber mais"), 1);
  await say(wa.text(n, email), 2);
  await say(wa.listReply(n, "gt_10k", "> R$ 10 mil"), 3);
  await say(wa.buttonReply(n, "decision_maker", "Sim, sou o decisor"), 4);
  await say(wa.text(n, `Preciso de retorno no ${n} ou ${email}`), 5);
  await say(wa.buttonReply(n, "immediately", "Imediatamente"), 6);
}

/** A visitor on the widget through the whole default flow, typing an e-mail and a phone. */
async function widgetConversation(email: string, phone: string) {
  const w = new WidgetClient(app.port, app.rootDomain, SITE);
  expect((await w.start(publicKey)).status).toBe(200);
  expect((await w.consent()).status).toBe(200);
  let got: WidgetMessage[] = await w.waitForReply(0);
  const answer = async (input: { text?: string; optionId?: string }) => {
    const seq = got.at(-1)!.seq;
    expect((await w.send(input)).status).toBe(200);
    got = await w.waitForReply(seq);
  };
  await answer({ text: "Lúcia Prado" });
  await answer({ text: email });
  await answer({ text: "R$ 7.500,00" });
  await answer({ optionId: "decision_maker" });
  await answer({ text: `Quero automação de vendas, meu celular é ${phone}` });
  await answer({ optionId: "immediately" });
}

describe("tracing over OTLP/HTTP", () => {
  it("a tRPC call: a span per procedure under the route's span, with tenant, user, request id, code and its database statements", async () => {
    const res = await admin.send("GET", `/api/trpc/inboxes.list?input=${encodeURIComponent(JSON.stringify({ json: null }))}`, { headers: { "x-request-id": TRPC_ID } });
    expect(res.status).toBe(200);
    expect(res.headers["x-request-id"]).toBe(TRPC_ID);
    const [proc] = await spansNamed("trpc inboxes.list", (s) => s.attributes["vf.request_id"] === TRPC_ID);
    expect(proc!.attributes).toMatchObject({ "rpc.system": "trpc", "rpc.method": "inboxes.list", "vf.tenant_id": tenant.id, "enduser.id": tenant.users.admin.id, "vf.trpc.code": "OK" });
    // The list itself at least: withTenant's binding rides on the transaction's BEGIN, one round trip.
    expect(proc!.attributes["db.statement_count"]).toBeGreaterThanOrEqual(1);
    expect(proc!.attributes["db.time_ms"]).toBeGreaterThan(0);
    const route = collector.spans.find((s) => s.spanId === proc!.parentSpanId)!;
    expect(route).toMatchObject({ name: "GET /api/trpc/[trpc]", kind: 2, traceId: proc!.traceId });
    expect(route.attributes).toMatchObject({ "http.route": "/api/trpc/[trpc]", "http.response.status_code": 200, "vf.request_id": TRPC_ID, "vf.tenant_id": tenant.id, "enduser.id": tenant.users.admin.id });
    // The request's statements include its procedure's (and the session check before it).
    expect(route.attributes["db.statement_count"]).toBeGreaterThanOrEqual(proc!.attributes["db.statement_count"] as number);
    expect(proc!.resource["service.name"]).toBe("vendaflow-web");
    expect(collector.requests["/v1/traces application/x-protobuf"]).toBeGreaterThan(0);
    expect(collector.requests["/v1/traces application/json"]).toBeUndefined();

    const refused = await admin.trpc("mutation", "inboxes.create", { channel: "web", name: "", settings: {} });
    expect(refused.error).not.toBeNull();
    const [bad] = await spansNamed("trpc inboxes.create", (s) => s.attributes["vf.trpc.code"] === "BAD_REQUEST");
    expect(bad!.attributes["vf.tenant_id"]).toBe(tenant.id);
  });

  it("an API key call: its procedure's span and the request's carry the key's id (vf.api_key_id)", async () => {
    const created = await admin.trpc<{ key: string; apiKey: { id: string } }>("mutation", "apiKeys.create", { name: "Traços", scopes: ["leads:read"] });
    expect(created.error).toBeNull();
    const requestId = randomUUID();
    const res = await request(app.port, `${tenant.slug}.${app.rootDomain}`, "GET", `/api/trpc/crm.leads.list?input=${encodeURIComponent(JSON.stringify({ json: {} }))}`, { headers: { authorization: `Bearer ${created.data.key}`, "x-request-id": requestId } });
    expect(res.status).toBe(200);
    const [proc] = await spansNamed("trpc crm.leads.list", (s) => s.attributes["vf.request_id"] === requestId);
    expect(proc!.attributes).toMatchObject({ "vf.tenant_id": tenant.id, "vf.api_key_id": created.data.apiKey.id, "vf.trpc.code": "OK" });
    const route = collector.spans.find((s) => s.spanId === proc!.parentSpanId)!;
    expect(route.attributes).toMatchObject({ "http.route": "/api/trpc/[trpc]", "vf.request_id": requestId, "vf.api_key_id": created.data.apiKey.id });
  });

  it("a webhook: the route's span with status and statements, the bot's outbound WhatsApp call as a client span; a bad signature is a 401 span", async () => {
    const n = `55119${randomInt(10_000_000, 99_999_999)}`;
    expect((await postWhatsApp(wa.webhook(wa.messageChange(phoneNumberId, [wa.text(n, "oi")], [{ wa_id: n, name: "Gabi" }])))).status).toBe(200);
    await repliesTo(n, 1);
    const hooks = await spansNamed("POST /api/whatsapp", (s) => s.attributes["http.response.status_code"] === 200 && s.attributes["vf.route_kind"] === "webhook");
    const hook = hooks.at(-1)!;
    expect(hook.attributes).toMatchObject({ "vf.route_kind": "webhook", "http.route": "/api/whatsapp", "vf.tenant_id": tenant.id });
    expect(hook.attributes["db.statement_count"]).toBeGreaterThan(0);
    expect(hook.attributes["db.time_ms"]).toBeGreaterThan(0);
    expect(hook.attributes["vf.request_id"]).toEqual(expect.any(String));
    // The reply goes out after the answer (the request's after()), in the webhook's trace, under its span.
    const [send] = await spansNamed("whatsapp.send", (s) => s.traceId === hook.traceId);
    expect(send).toMatchObject({ kind: 3, parentSpanId: hook.spanId, attributes: { "peer.service": "whatsapp", "vf.operation": "send", "vf.outcome": "ok", "vf.tenant_id": tenant.id, "vf.request_id": hook.attributes["vf.request_id"] } });
    // The whole trace: Next's request spans, ours; every parent exported (nothing dropped leaves an
    // orphan); no second HTTP-level span inside our outbound-call spans; Next's module loading not recorded.
    await new Promise((r) => setTimeout(r, 300));
    const tree = collector.spans.filter((s) => s.traceId === hook.traceId);
    const ids = new Set(tree.map((s) => s.spanId));
    for (const s of tree) if (s.parentSpanId) expect(ids.has(s.parentSpanId), `${s.name}'s parent is in the trace`).toBe(true);
    const clientIds = new Set(tree.filter((s) => s.kind === 3 && s.attributes["peer.service"]).map((s) => s.spanId));
    expect(tree.filter((s) => clientIds.has(s.parentSpanId))).toEqual([]);
    // The proxy does not run for the webhook (proxy.ts): Next's request span is the root and names the route.
    expect(tree.find((s) => !s.parentSpanId)?.name).toBe("POST /api/whatsapp");
    expect(tree.map((s) => s.name)).toEqual(expect.arrayContaining(["executing api route (app) /api/whatsapp", "whatsapp.send"]));
    expect(tree.map((s) => s.name)).not.toContain("middleware POST");
    expect(tree.map((s) => s.name)).not.toContain("resolve page components");

    expect((await postWhatsApp(wa.webhook(), "sha256=00")).status).toBe(401);
    await spansNamed("POST /api/whatsapp", (s) => s.attributes["http.response.status_code"] === 401);
  });

  it("a job: the callback's span names the job and its tenant, with statements; a redelivery counts as a retry", async () => {
    const n = `55119${randomInt(10_000_000, 99_999_999)}`;
    await postWhatsApp(wa.webhook(wa.messageChange(phoneNumberId, [wa.text(n, "oi")], [{ wa_id: n, name: "Gabi" }])));
    await repliesTo(n, 1);
    const conv = (await owner().query("select c.id, c.bot_state from conversations c join leads l on l.id = c.lead_id where l.tenant_id = $1 and l.wa_id = $2", [tenant.id, n])).rows[0];
    const raw = JSON.stringify({ tenantId: tenant.id, conversationId: conv.id, revision: conv.bot_state.revision - 1 });
    const sig = await signQStashRequest({ url: `http://${app.rootDomain}/api/jobs/bot-timeout`, rawBody: raw, signingKey: TEST_KEYS.qstashCurrent });
    const res = await request(app.port, app.rootDomain, "POST", "/api/jobs/bot-timeout", { headers: { "content-type": "application/json", "upstash-signature": sig, "upstash-retried": "2", "x-request-id": JOB_ID }, body: raw });
    expect(res.json()).toEqual({ outcome: "stale" });
    const [job] = await spansNamed("POST /api/jobs/bot-timeout", (s) => s.attributes["vf.request_id"] === JOB_ID);
    expect(job!.attributes).toMatchObject({ "vf.route_kind": "job", "vf.job": "bot-timeout", "vf.tenant_id": tenant.id, "http.response.status_code": 200 });
    expect(job!.attributes["db.statement_count"]).toBeGreaterThan(0);

    const metrics = await scrape();
    expect(sample(metrics, "vf_job_retries_total", { job: "bot-timeout" })).toBeGreaterThanOrEqual(1);
    expect(sample(metrics, "vf_job_runs_total", { job: "bot-timeout", status: "ok" })).toBeGreaterThanOrEqual(1);
  });
});

describe("logs", () => {
  it("a whole bot conversation on WhatsApp and on the widget leaves JSON lines with ids and not the lead's phone, e-mail or words", async () => {
    const stamp = Date.now();
    const n = `55119${randomInt(10_000_000, 99_999_999)}`;
    const waEmail = `beatriz.${stamp}@exemplo.com.br`;
    const webEmail = `lucia.${stamp}@prado.com.br`;
    const webPhone = `(11) 9${randomInt(1000, 9999)}-${randomInt(1000, 9999)}`;
    const before = app.logs.length;
    await whatsAppConversation(n, waEmail);
    await widgetConversation(webEmail, webPhone);
    const qualified = await owner().query("select count(*)::int as n from leads where tenant_id = $1 and stage = 'qualified' and (wa_id = $2 or email = $3)", [tenant.id, n, webEmail]);
    expect(qualified.rows[0].n).toBe(2);
    await new Promise((r) => setTimeout(r, 300));

    const logged = app.logs.slice(before).join("");
    const lines = logged.split("\n").filter((l) => l.startsWith("{")).map((l) => JSON.parse(l) as Record<string, unknown>);
    // The logs are there (debug: one line per request) and carry the request and trace ids.
    const requests = lines.filter((l) => l.msg === "http.request");
    expect(requests.length).toBeGreaterThan(10);
    expect(requests.every((l) => typeof l.requestId === "string" && typeof l.traceId === "string")).toBe(true);
    expect(requests.some((l) => l.tenantId === tenant.id)).toBe(true);
    // …and no personal data: not the numbers (any spelling), not the e-mails, not what the leads typed.
    const digits = webPhone.replace(/\D/g, "");
    for (const needle of [n, n.slice(-8), waEmail, webEmail, digits.slice(-8), webPhone, "Beatriz Nunes", "Lúcia Prado", "automação de vendas"]) expect(logged, needle).not.toContain(needle);
  });
});

async function scrape(token = METRICS_TOKEN) {
  const res = await request(app.port, app.rootDomain, "GET", "/api/metrics", { headers: { authorization: `Bearer ${token}` } });
  expect(res.status).toBe(200);
  return res.text;
}

/** A sample's value from Prometheus text (labels matched as a subset), or undefined. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split("\n")) {
    const m = /^(\w+)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const got = Object.fromEntries([...(m[2] ?? "").matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((x) => [x[1], x[2]]));
    if (Object.entries(labels).every(([k, v]) => got[k] === v)) return Number(m[3]);
  }
  return undefined;
}

describe("metrics", () => {
  it("/api/metrics: 401 without the token; Prometheus text with per-tenant business figures and the service's counters", async () => {
    expect((await request(app.port, app.rootDomain, "GET", "/api/metrics")).status).toBe(401);
    expect((await request(app.port, app.rootDomain, "GET", "/api/metrics", { headers: { authorization: "Bearer wrong-token-0123456789abcdef" } })).status).toBe(401);
    // A tenant host does not open it either.
    expect((await admin.send("GET", "/api/metrics")).status).toBe(401);

    const n = `55119${randomInt(10_000_000, 99_999_999)}`;
    await whatsAppConversation(n, `m.${Date.now()}@exemplo.com.br`);
    // The database's figures are cached for 10 s per process.
    const text = await eventually(() => scrape(), (t) => (sample(t, "vf_tenant_leads_qualified_5m", { tenant: tenant.slug }) ?? 0) >= 1, 15_000);
    expect(text).toContain("# TYPE vf_tenant_messages_in_5m gauge");
    const per = (name: string) => sample(text, name, { tenant: tenant.slug, tenant_id: tenant.id }) ?? 0;
    expect(per("vf_tenant_messages_in_5m")).toBeGreaterThanOrEqual(6);
    expect(per("vf_tenant_messages_out_5m")).toBeGreaterThanOrEqual(6);
    expect(per("vf_tenant_bot_steps_5m")).toBeGreaterThanOrEqual(6);
    expect(per("vf_tenant_handoffs_5m")).toBeGreaterThanOrEqual(1);
    expect(sample(text, "vf_http_requests_total", { route: "/api/whatsapp", method: "POST", status: "200" })).toBeGreaterThanOrEqual(6);
    expect(sample(text, "vf_webhook_failures_total", { route: "/api/whatsapp", reason: "invalid_signature" })).toBeGreaterThanOrEqual(1);
    expect(sample(text, "vf_trpc_calls_total", { procedure: "inboxes.create", code: "OK", tenant: tenant.id })).toBeGreaterThanOrEqual(1);
    expect(sample(text, "vf_trpc_calls_total", { procedure: "whatsapp.completeSignup", code: "OK", tenant: tenant.id })).toBeGreaterThanOrEqual(1);
    expect(sample(text, "vf_outbound_calls_total", { service: "whatsapp", operation: "send", outcome: "ok" })).toBeGreaterThanOrEqual(6);
    expect(sample(text, "vf_db_statements_total", { route: "/api/whatsapp" })).toBeGreaterThan(0);
    expect(text).toMatch(/^vf_http_request_duration_seconds_bucket\{route="\/api\/whatsapp",le="\+Inf"\} \d+$/m);

    // The sample dashboard asks only for families this endpoint serves.
    const dashboard = readFileSync(path.join(repoRoot(), "docs", "grafana", "vendaflow-dashboard.json"), "utf8");
    const asked = new Set([...dashboard.matchAll(/\b(vf_\w+?)(?:_bucket)?\b/g)].map((m) => m[1]!));
    expect(asked.size).toBeGreaterThan(15);
    for (const name of asked) expect(text, name).toContain(`# TYPE ${name} `);
  });

  it("the same figures reach the collector as OTel metrics", async () => {
    const got = await eventually(
      () => collector.metrics,
      (ms) => ms.some((m) => m.name === "vf_http_requests_total") && ms.some((m) => m.name === "vf_tenant_messages_in_5m" && m.points.some((p) => p.attributes.tenant === tenant.slug)),
      15_000,
    );
    const http = got.filter((m) => m.name === "vf_http_requests_total").at(-1)!;
    expect(http.points.some((p) => p.attributes.route === "/api/whatsapp" && p.value > 0)).toBe(true);
  });
});
