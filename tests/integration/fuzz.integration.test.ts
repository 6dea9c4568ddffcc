import { randomInt, randomUUID } from "node:crypto";
import { readdirSync, statSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signQStashRequest } from "@vendaflow/connectors/qstash/sign-request";
import { signMetaBody } from "@vendaflow/connectors/whatsapp/verify-signature";
import { repoRoot } from "@vendaflow/db/paths";
import { TEST_KEYS } from "../support/app-env";
import { closeOwner, createTenant, createWhatsAppInbox, env, type FixtureTenant, owner } from "../support/fixtures";
import type { Client } from "../support/http";
import { mutate, oddHeader, oddString, rng, toJson, wrongValue } from "../support/fuzz-values";
import { WidgetClient } from "../support/widget-client";

// Generated payloads against every route handler and a sample of tRPC procedures: nothing may
// answer 5xx, and a request that is refused (4xx) must leave the database as it was.
const SEED = Number(process.env.FUZZ_SEED ?? 20261201);
const PER_TARGET = Number(process.env.FUZZ_CASES ?? 10);
const SITE = "http://fuzz.example";

let tenant: FixtureTenant;
let admin: Client;
let web: { publicKey: string };
let api: { publicKey: string; secret: string };
let apiKey: string;
let phoneNumberId: string;
let conversationId: string;
let visitor: WidgetClient;

beforeAll(async () => {
  tenant = await createTenant();
  admin = await tenant.loginAs("admin");
  const w = await admin.trpc<{ inbox: { publicKey: string } }>("mutation", "inboxes.create", { channel: "web", name: "Site", settings: { allowedOrigins: [SITE], schedulingUrl: "", templates: {} } });
  web = w.data.inbox;
  const a = await admin.trpc<{ inbox: { publicKey: string }; secrets: { apiSecret: string } }>("mutation", "inboxes.create", { channel: "api", name: "Backend", settings: { allowedOrigins: [], schedulingUrl: "", templates: {} } });
  api = { publicKey: a.data.inbox.publicKey, secret: a.data.secrets.apiSecret };
  apiKey = (await admin.trpc<{ key: string }>("mutation", "apiKeys.create", { name: "Fuzz", scopes: ["deals:read", "deals:write", "webhooks:write"] })).data.key;
  phoneNumberId = await createWhatsAppInbox(admin, env().graphUrl);
  // A real conversation (the widget's, on the default flow) for the procedures and jobs that name one.
  visitor = new WidgetClient(env().port, env().rootDomain, SITE);
  expect((await visitor.start(web.publicKey)).status).toBe(200);
  expect((await visitor.consent()).status).toBe(200);
  await visitor.waitForReply(0);
  const visitorId = JSON.parse(Buffer.from(visitor.token.split(".")[0]!, "base64url").toString()).v as string;
  conversationId = (await owner().query("select c.id from conversations c join leads l on l.id = c.lead_id where l.visitor_id = $1", [visitorId])).rows[0].id;
});
afterAll(closeOwner);

interface Req {
  method: string;
  path: string;
  host?: string;
  headers?: Record<string, string>;
  body?: string;
}

/** One request; resolves at the status line (streams are not read to their end). */
function send(r: Req): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port: env().port, method: r.method, path: r.path, headers: { host: r.host ?? env().rootDomain, ...r.headers } }, (res) => {
      let text = "";
      const done = () => resolve({ status: res.statusCode ?? 0, text });
      if (String(res.headers["content-type"]).includes("event-stream")) {
        res.destroy();
        return done();
      }
      res.setEncoding("utf8");
      res.on("data", (c: string) => (text.length < 4000 ? (text += c) : undefined));
      res.on("end", done);
      res.on("error", done);
    });
    req.setTimeout(20_000, () => req.destroy(new Error(`timeout ${r.method} ${r.path.slice(0, 80)}`)));
    req.on("error", (err: NodeJS.ErrnoException) => (err.code === "ECONNRESET" || err.code === "EPIPE" ? resolve({ status: 0, text: err.code }) : reject(err)));
    if (r.body !== undefined) req.write(r.body);
    req.end();
  });
}

const json = toJson;
/** Percent-encoding that also carries lone surrogates (as the invalid UTF-8 bytes a careless client would send). */
function pct(s: string): string {
  let out = "";
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const next = s.charCodeAt(i + 1);
    if (c >= 0xd800 && c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
      out += encodeURIComponent(s[i]! + s[i + 1]!);
      i++;
    } else if (c >= 0xd800 && c <= 0xdfff) {
      out += [0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f)].map((b) => `%${b.toString(16).toUpperCase()}`).join("");
    } else out += encodeURIComponent(s[i]!);
  }
  return out;
}
const q = (v: unknown) => pct(typeof v === "string" ? v : json(v)).slice(0, 6000).replace(/%[0-9A-F]?$/i, "");

let countsSql: string | null = null;
/**
 * Row counts of the fuzz tenant in every tenant-owned table, and of tenants: one statement (read
 * from the catalog once), as a query per table took ~70 round trips after every refused request.
 */
async function snapshot(): Promise<string> {
  if (!countsSql) {
    const { rows } = await owner().query<{ table_name: string }>("select table_name from information_schema.columns where table_schema = 'public' and column_name = 'tenant_id' and table_name not in (select table_name from information_schema.views) order by 1");
    countsSql = `select ${[...rows.map(({ table_name }) => `(select count(*)::int from "${table_name}" where tenant_id = $1) as "${table_name}"`), "(select count(*)::int from tenants) as tenants"].join(", ")}`;
  }
  const counts = (await owner().query<Record<string, number>>(countsSql, [tenant.id])).rows[0]!;
  return Object.entries(counts)
    .map(([table, n]) => `${table}=${n}`)
    .join(" ");
}

/**
 * Waits until background work (bot replies after a 2xx) stops writing: two snapshots 100 ms apart
 * agree (up to 5 s). Was 250 ms: of 149 settles in a run, none saw a write land within it; and a
 * refused request's own write is caught by the snapshot taken right after it, not by this wait.
 */
async function settled(): Promise<string> {
  let prev = await snapshot();
  for (let i = 0; i < 50; i++) {
    await new Promise((r) => setTimeout(r, 100));
    const next = await snapshot();
    if (next === prev) return next;
    prev = next;
  }
  return prev;
}

type Target = { name: string; make: (r: () => number) => Promise<Req> | Req };

const trpcCall = (kind: "query" | "mutation", proc: string, shape: Record<string, unknown>): Target => ({
  name: `trpc ${proc}`,
  make: (r) => {
    const input = mutate(shape, r);
    const h = tenant.host;
    const headers = { cookie: admin.cookieHeader(), "x-forwarded-for": admin.ip };
    return kind === "query"
      ? { method: "GET", path: `/api/trpc/${proc}?input=${q({ json: input })}`, host: h, headers }
      : { method: "POST", path: `/api/trpc/${proc}`, host: h, headers: { ...headers, "content-type": "application/json" }, body: json({ json: input }) };
  },
});

const jobTarget = (jobPath: string, shape: () => Record<string, unknown>): Target => ({
  name: `POST ${jobPath}`,
  make: async (r) => {
    const body = json(mutate(shape(), r));
    return { method: "POST", path: jobPath, headers: { "content-type": "application/json", "upstash-signature": await signQStashRequest({ url: `http://${env().rootDomain}${jobPath}`, rawBody: body, signingKey: TEST_KEYS.qstashCurrent }) }, body };
  },
});

const widgetHeaders = () => ({ origin: SITE, "content-type": "application/json", authorization: `Bearer ${visitor.token}`, "x-forwarded-for": `10.77.${randomInt(1, 250)}.${randomInt(1, 250)}` });

const waMessage = (r: () => number) => ({
  object: "whatsapp_business_account",
  entry: [
    {
      id: "WABA",
      changes: [
        {
          field: "messages",
          value: {
            messaging_product: "whatsapp",
            metadata: { display_phone_number: "15550000000", phone_number_id: r() < 0.8 ? phoneNumberId : wrongValue(r) },
            contacts: [mutate({ profile: { name: "Fulano" }, wa_id: `55119${randomInt(10_000_000, 99_999_999)}` }, r)],
            messages: [mutate({ from: `55119${randomInt(10_000_000, 99_999_999)}`, id: `wamid.${randomUUID()}`, timestamp: String(Math.floor(Date.now() / 1000)), type: "text", text: { body: "oi" } }, r)],
            statuses: r() < 0.3 ? [mutate({ id: `wamid.${randomUUID()}`, status: "read", timestamp: "1", recipient_id: "5511999999999" }, r)] : undefined,
          },
        },
      ],
    },
  ],
});

/** Every route handler under app/api, keyed by its folder; a new route without a target fails the test. */
const ROUTES: Record<string, Target[]> = {
  "agent/stream": [{ name: "GET /api/agent/stream", make: (r) => ({ method: "GET", path: `/api/agent/stream?after=${q(oddString(r))}`, host: tenant.host, headers: { cookie: r() < 0.5 ? admin.cookieHeader() : `authjs.session-token=${q(oddString(r))}` } }) }],
  "auth/[...nextauth]": [
    {
      name: "POST /api/auth/callback/credentials",
      make: (r) => ({ method: "POST", path: "/api/auth/callback/credentials", host: tenant.host, headers: { "content-type": "application/x-www-form-urlencoded", "x-forwarded-for": `10.78.${randomInt(1, 250)}.1` }, body: new URLSearchParams({ email: oddString(r).slice(0, 3000), password: oddString(r).slice(0, 3000), csrfToken: oddString(r).slice(0, 200) }).toString() }),
    },
    { name: "GET /api/auth/session", make: (r) => ({ method: "GET", path: `/api/auth/session?x=${q(oddString(r))}`, host: tenant.host, headers: { cookie: `authjs.session-token=${q(oddString(r)).slice(0, 3000)}` } }) },
  ],
  "agent/media": [
    {
      name: "POST /api/agent/media",
      make: (r) => {
        const boundary = `fuzz${randomInt(1e9)}`;
        const field = (name: string, value: string) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
        const file = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${r() < 0.5 ? "nota.pdf" : oddHeader(r).slice(0, 300).replace(/"/g, "")}"\r\nContent-Type: ${r() < 0.5 ? "application/pdf" : oddHeader(r).slice(0, 200)}\r\n\r\n${r() < 0.5 ? "%PDF-1.4 fuzz" : oddString(r).slice(0, 20_000)}\r\n`;
        const form = `${field("conversationId", r() < 0.5 ? conversationId : oddString(r).slice(0, 2000))}${r() < 0.3 ? field("caption", oddString(r).slice(0, 5000)) : ""}${r() < 0.8 ? file : ""}--${boundary}--\r\n`;
        const roll = r();
        const headers: Record<string, string> = { cookie: roll < 0.8 ? admin.cookieHeader() : `authjs.session-token=${q(oddString(r)).slice(0, 3000)}` };
        headers["content-type"] = r() < 0.7 ? `multipart/form-data; boundary=${boundary}` : oddHeader(r).slice(0, 200) || "text/plain";
        if (r() < 0.3) headers.origin = r() < 0.5 ? oddHeader(r).slice(0, 300) || "null" : `http://${tenant.host}`;
        const body = r() < 0.85 ? form : oddString(r).slice(0, 20_000);
        // Browsers always declare the length of a form; without it the route answers 411 and parses nothing.
        if (r() < 0.9) headers["content-length"] = String(Buffer.byteLength(body));
        return { method: "POST", path: "/api/agent/media", host: tenant.host, headers, body };
      },
    },
  ],
  "media/[id]": [{ name: "GET /api/media/[id]", make: (r) => ({ method: "GET", path: `/api/media/${q(r() < 0.5 ? randomUUID() : oddString(r)).slice(0, 300) || "x"}`, host: tenant.host, headers: { cookie: admin.cookieHeader() } }) }],
  "calendar/calendly/callback": [
    {
      name: "GET /api/calendar/calendly/callback",
      make: (r) => ({
        method: "GET",
        path: `/api/calendar/calendly/callback?code=${q(oddString(r))}&state=${q(r() < 0.3 ? `${oddString(r)}.${oddString(r)}` : oddString(r))}${r() < 0.2 ? `&error=${q(oddString(r))}` : ""}`,
        ...(r() < 0.5 ? { host: tenant.host, headers: { cookie: r() < 0.7 ? admin.cookieHeader() : "" } } : {}),
      }),
    },
  ],
  "crm/export": [
    {
      name: "GET /api/crm/export",
      make: (r) => ({ method: "GET", path: `/api/crm/export?entity=${q(r() < 0.5 ? "leads" : oddString(r))}&format=${q(r() < 0.5 ? "csv" : oddString(r))}&filter=${q(r() < 0.5 ? json(mutate({ stage: "new", tag: "x" }, r)) : oddString(r))}`, host: tenant.host, headers: { cookie: r() < 0.7 ? admin.cookieHeader() : "" } }),
    },
  ],
  "crm/import": [
    {
      name: "POST /api/crm/import",
      make: (r) => {
        const csv = r() < 0.5 ? `nome;email;telefone\n${oddString(r).slice(0, 5000)};${oddString(r).slice(0, 500)};${r() < 0.5 ? "(11) 98765-4321" : oddString(r).slice(0, 100)}\n` : oddString(r);
        const name = r() < 0.5 ? "leads.csv" : oddString(r);
        return { method: "POST", path: `/api/crm/import?name=${q(name)}`, host: tenant.host, headers: { cookie: r() < 0.8 ? admin.cookieHeader() : "", "content-type": r() < 0.7 ? "text/csv" : oddHeader(r).slice(0, 200) || "text/plain", "content-length": String(Buffer.byteLength(csv)) }, body: csv };
      },
    },
  ],
  "csp-report": [
    {
      name: "POST /api/csp-report",
      make: (r) => {
        const report =
          r() < 0.5
            ? mutate({ "csp-report": { "document-uri": `http://${tenant.host}/inbox?x=1`, "violated-directive": "script-src-elem", "blocked-uri": "inline", disposition: "enforce" } }, r)
            : [{ type: "csp-violation", body: mutate({ documentURL: `http://${tenant.host}/`, effectiveDirective: "script-src-elem", blockedURL: "https://evil.example/x.js", disposition: "enforce" }, r) }];
        return { method: "POST", path: "/api/csp-report", host: tenant.host, headers: { "content-type": r() < 0.5 ? "application/csp-report" : "application/reports+json", "x-forwarded-for": `10.79.${randomInt(1, 250)}.1` }, body: toJson(report) };
      },
    },
  ],
  "chatwoot/webhook/[key]": [
    {
      name: "POST /api/chatwoot/webhook/[key]",
      make: (r) => {
        const body = r() < 0.7 ? json(mutate({ event: "message_created", id: randomInt(1, 1e9), message_type: "outgoing", private: false, content: "Olá", conversation: { id: randomInt(1, 1e6) } }, r)) : oddString(r).slice(0, 20_000);
        const key = r() < 0.5 ? "k".repeat(32) : q(oddString(r)).slice(0, 300) || "x";
        return { method: "POST", path: `/api/chatwoot/webhook/${key}?token=${q(oddString(r)).slice(0, 300)}`, headers: { "content-type": "application/json" }, body };
      },
    },
  ],
  "crm/import/[id]/errors": [{ name: "GET /api/crm/import/[id]/errors", make: (r) => ({ method: "GET", path: `/api/crm/import/${q(r() < 0.5 ? randomUUID() : oddString(r)).slice(0, 300) || "x"}/errors`, host: tenant.host, headers: { cookie: r() < 0.8 ? admin.cookieHeader() : "" } }) }],
  health: [{ name: "GET /api/health", make: (r) => ({ method: "GET", path: `/api/health?${q(oddString(r))}` }) }],
  "jobs/activity-reminder": [jobTarget("/api/jobs/activity-reminder", () => ({ tenantId: tenant.id, activityId: randomUUID(), dueAt: new Date().toISOString() }))],
  "jobs/analytics-rollup": [jobTarget("/api/jobs/analytics-rollup", () => ({ tenantId: tenant.id }))],
  "jobs/automation-run": [jobTarget("/api/jobs/automation-run", () => ({ tenantId: tenant.id, runId: randomUUID() }))],
  "jobs/billing-dunning": [jobTarget("/api/jobs/billing-dunning", () => ({ tenantId: tenant.id, invoiceId: "in_fuzz", step: "reminder" }))],
  "jobs/bot-timeout": [jobTarget("/api/jobs/bot-timeout", () => ({ tenantId: tenant.id, conversationId, revision: 0 }))],
  "jobs/chatwoot-mirror": [jobTarget("/api/jobs/chatwoot-mirror", () => ({ tenantId: tenant.id, conversationId, runId: randomUUID(), attempt: 0, waits: 0 }))],
  "jobs/crm-import": [jobTarget("/api/jobs/crm-import", () => ({ tenantId: tenant.id, importId: randomUUID() }))],
  "jobs/crm-sync-pull": [jobTarget("/api/jobs/crm-sync-pull", () => ({ tenantId: tenant.id, connectionId: randomUUID() }))],
  "jobs/crm-sync-push": [jobTarget("/api/jobs/crm-sync-push", () => ({ tenantId: tenant.id, connectionId: randomUUID(), attempt: 0 }))],
  "jobs/email-retry": [jobTarget("/api/jobs/email-retry", () => ({ tenantId: tenant.id, sealed: "0.bm90LXNlYWxlZA", attempt: 1 }))],
  "jobs/inbound-recovery": [jobTarget("/api/jobs/inbound-recovery", () => ({ limit: 10 }))],
  "jobs/lead-score-recompute": [jobTarget("/api/jobs/lead-score-recompute", () => ({ tenantId: tenant.id, generation: randomInt(1, 1_000_000) }))],
  "jobs/meeting-offer": [jobTarget("/api/jobs/meeting-offer", () => ({ tenantId: tenant.id, conversationId, start: new Date().toISOString() }))],
  "jobs/meeting-reminder": [jobTarget("/api/jobs/meeting-reminder", () => ({ tenantId: tenant.id, meetingId: randomUUID(), startsAt: new Date().toISOString(), kind: "1h" }))],
  "jobs/media-download": [jobTarget("/api/jobs/media-download", () => ({ tenantId: tenant.id, mediaObjectId: randomUUID() }))],
  "jobs/notification-emails": [jobTarget("/api/jobs/notification-emails", () => ({ tenantId: tenant.id }))],
  "jobs/slack-command": [jobTarget("/api/jobs/slack-command", () => ({ tenantId: tenant.id, command: "/pipeline", text: "", responseUrl: "http://127.0.0.1:9/commands/T1/1/x" }))],
  "jobs/slack-notify": [jobTarget("/api/jobs/slack-notify", () => ({ tenantId: tenant.id, event: "deal.won", entityType: "deal", entityId: randomUUID(), notificationId: randomUUID(), attempt: 0 }))],
  "jobs/sla-check": [jobTarget("/api/jobs/sla-check", () => ({ tenantId: tenant.id, conversationId }))],
  "jobs/usage-report": [jobTarget("/api/jobs/usage-report", () => ({ tenantId: tenant.id }))],
  metrics: [{ name: "GET /api/metrics", make: (r) => ({ method: "GET", path: `/api/metrics?${q(oddString(r))}`, headers: { authorization: r() < 0.5 ? `Bearer ${oddHeader(r).slice(0, 500)}` : oddHeader(r).slice(0, 500) } }) }],
  "jobs/webhook-delivery": [jobTarget("/api/jobs/webhook-delivery", () => ({ tenantId: tenant.id, deliveryId: randomUUID() }))],
  "n8n/trigger/[workflow]": [
    {
      name: "POST /api/n8n/trigger/[workflow] (API key)",
      make: (r) => ({
        method: "POST",
        path: `/api/n8n/trigger/${r() < 0.7 ? "lead-sync" : q(oddString(r)).slice(0, 300) || "x"}`,
        host: tenant.host,
        headers: { "content-type": "application/json", authorization: r() < 0.7 ? `Bearer ${apiKey}` : `Bearer vfk_${oddHeader(r).slice(0, 200)}` },
        body: r() < 0.7 ? json(mutate({ lead: { email: "a@b.com" } }, r)) : oddString(r).slice(0, 20_000),
      }),
    },
  ],
  "n8n/data/[entity]/[id]": [
    {
      name: "GET /api/n8n/data/[entity]/[id] (API key)",
      make: (r) => ({
        method: "GET",
        path: `/api/n8n/data/${r() < 0.7 ? "deal" : q(oddString(r)).slice(0, 100) || "x"}/${r() < 0.5 ? randomUUID() : q(oddString(r)).slice(0, 300) || "x"}`,
        host: tenant.host,
        headers: { authorization: r() < 0.7 ? `Bearer ${apiKey}` : `Bearer vfk_${oddHeader(r).slice(0, 200)}` },
      }),
    },
  ],
  "openapi.json": [{ name: "GET /api/openapi.json", make: (r) => ({ method: "GET", path: `/api/openapi.json?x=${q(oddString(r))}`, host: r() < 0.5 ? tenant.host : env().rootDomain }) }],
  reference: [{ name: "GET /api/reference", make: (r) => ({ method: "GET", path: `/api/reference?x=${q(oddString(r))}`, host: r() < 0.5 ? tenant.host : env().rootDomain }) }],
  "v1/[...path]": [
    {
      name: "POST /api/v1/crm.deals.create (API key)",
      make: (r) => ({
        method: "POST",
        path: r() < 0.8 ? "/api/v1/crm.deals.create" : `/api/v1/${q(oddString(r)).slice(0, 300) || "x"}`,
        host: tenant.host,
        headers: { "content-type": "application/json", authorization: r() < 0.7 ? `Bearer ${apiKey}` : `Bearer vfk_${oddHeader(r).slice(0, 200)}` },
        body: r() < 0.7 ? json(mutate({ title: "Negócio", valueCents: 1000 }, r)) : oddString(r).slice(0, 20_000),
      }),
    },
    { name: "GET /api/v1/webhooks.deliveries (API key)", make: (r) => ({ method: "GET", path: `/api/v1/webhooks.deliveries?input=${q(mutate({ subscriptionId: randomUUID(), limit: 10 }, r))}`, host: tenant.host, headers: { authorization: `Bearer ${apiKey}` } }) },
  ],
  me: [{ name: "GET /api/me", make: (r) => ({ method: "GET", path: "/api/me", host: tenant.host, headers: { cookie: r() < 0.5 ? admin.cookieHeader() : `authjs.session-token=${q(oddString(r)).slice(0, 3000)}` } }) }],
  "privacy/export": [
    { name: "GET /api/privacy/export", make: (r) => ({ method: "GET", path: `/api/privacy/export?request=${q(r() < 0.5 ? randomUUID() : oddString(r))}&token=${q(oddString(r))}&format=${q(r() < 0.5 ? "csv" : oddString(r))}&table=${q(r() < 0.5 ? "messages" : oddString(r))}`, host: tenant.host }) },
  ],
  "slack/commands/[key]": [
    {
      name: "POST /api/slack/commands/[key]",
      make: (r) => {
        const body = r() < 0.7 ? new URLSearchParams(mutate({ command: "/lead-status", text: "a@b.com", team_id: "T1", trigger_id: randomUUID(), response_url: "https://hooks.slack.com/commands/T1/1/x" }, r) as Record<string, string>).toString() : oddString(r).slice(0, 20_000);
        const key = r() < 0.5 ? "k".repeat(32) : q(oddString(r)).slice(0, 300) || "x";
        return { method: "POST", path: `/api/slack/commands/${key}`, headers: { "content-type": "application/x-www-form-urlencoded", "x-slack-request-timestamp": r() < 0.5 ? String(Math.floor(Date.now() / 1000)) : oddHeader(r).slice(0, 100), "x-slack-signature": r() < 0.5 ? `v0=${"0".repeat(64)}` : oddHeader(r).slice(0, 500) }, body };
      },
    },
  ],
  "webhooks/calendly/[key]": [
    {
      name: "POST /api/webhooks/calendly/[key]",
      make: (r) => {
        const body = json(mutate({ event: "invitee.created", created_at: new Date().toISOString(), payload: { uri: `https://api.calendly.com/invitees/${randomUUID()}`, email: "a@b.com", scheduled_event: { uri: "x", start_time: new Date().toISOString(), end_time: new Date().toISOString() } } }, r));
        const key = r() < 0.5 ? "k".repeat(32) : q(oddString(r)).slice(0, 300) || "x";
        return { method: "POST", path: `/api/webhooks/calendly/${key}`, headers: { "content-type": "application/json", "calendly-webhook-signature": r() < 0.5 ? `t=${Math.floor(Date.now() / 1000)},v1=${"0".repeat(64)}` : oddHeader(r).slice(0, 500) }, body };
      },
    },
  ],
  "webhooks/crm/pipedrive/[key]": [
    {
      name: "POST /api/webhooks/crm/pipedrive/[key]",
      make: (r) => {
        const body = json(mutate({ meta: { action: "change", entity: "person", entity_id: "1", id: randomUUID(), timestamp: new Date().toISOString(), version: "2.0" }, data: { id: 1, name: "Ana", emails: [{ value: "a@b.com", primary: true }], update_time: new Date().toISOString() }, previous: null }, r));
        const key = r() < 0.5 ? "k".repeat(32) : q(oddString(r)).slice(0, 300) || "x";
        return { method: "POST", path: `/api/webhooks/crm/pipedrive/${key}`, headers: { "content-type": "application/json", authorization: r() < 0.5 ? `Basic ${Buffer.from("u:p").toString("base64")}` : oddHeader(r).slice(0, 500) }, body };
      },
    },
  ],
  "webhooks/crm/hubspot": [
    {
      name: "POST /api/webhooks/crm/hubspot",
      make: (r) => {
        const event = { eventId: 1, subscriptionId: 1, portalId: 62515, appId: 1, occurredAt: Date.now(), subscriptionType: "contact.propertyChange", attemptNumber: 0, objectId: 123, propertyName: "firstname", propertyValue: "Ana", changeSource: "CRM_UI" };
        const body = json(r() < 0.7 ? [mutate(event, r)] : mutate(event, r));
        return { method: "POST", path: "/api/webhooks/crm/hubspot", headers: { "content-type": "application/json", "x-hubspot-signature-v3": r() < 0.5 ? Buffer.from(oddString(r)).toString("base64").slice(0, 200) : oddHeader(r).slice(0, 500), "x-hubspot-request-timestamp": r() < 0.5 ? String(Date.now()) : oddHeader(r).slice(0, 100) }, body };
      },
    },
  ],
  "crm-sync/[provider]/callback": [
    {
      name: "GET /api/crm-sync/[provider]/callback",
      make: (r) => ({
        method: "GET",
        path: `/api/crm-sync/${r() < 0.7 ? "hubspot" : q(oddString(r)).slice(0, 100) || "x"}/callback?code=${q(oddString(r))}&state=${q(r() < 0.3 ? `${oddString(r)}.${oddString(r)}` : oddString(r))}${r() < 0.2 ? `&error=${q(oddString(r))}` : ""}`,
        ...(r() < 0.5 ? { host: tenant.host, headers: { cookie: r() < 0.7 ? admin.cookieHeader() : "" } } : {}),
      }),
    },
  ],
  "webhooks/calcom/[key]": [
    {
      name: "POST /api/webhooks/calcom/[key]",
      make: (r) => {
        const body = json(mutate({ triggerEvent: "BOOKING_CREATED", createdAt: new Date().toISOString(), payload: { uid: randomUUID(), startTime: new Date().toISOString(), endTime: new Date().toISOString(), attendees: [{ email: "a@b.com" }] } }, r));
        const key = r() < 0.5 ? "k".repeat(32) : q(oddString(r)).slice(0, 300) || "x";
        return { method: "POST", path: `/api/webhooks/calcom/${key}`, headers: { "content-type": "application/json", "x-cal-signature-256": r() < 0.5 ? "0".repeat(64) : oddHeader(r).slice(0, 500) }, body };
      },
    },
  ],
  "webhooks/stripe": [
    {
      name: "POST /api/webhooks/stripe",
      make: (r) => {
        const body = json(mutate({ id: `evt_${randomInt(1e9)}`, type: "invoice.paid", data: { object: { id: `in_${randomInt(1e9)}`, customer: "cus_x" } } }, r));
        return { method: "POST", path: "/api/webhooks/stripe", headers: { "content-type": "application/json", "stripe-signature": r() < 0.5 ? `t=${Math.floor(Date.now() / 1000)},v1=${"0".repeat(64)}` : oddHeader(r).slice(0, 500) }, body };
      },
    },
  ],
  "trpc/[trpc]": [
    trpcCall("mutation", "agent.note", { conversationId: "00000000-0000-4000-8000-000000000000", text: "nota" }),
    trpcCall("mutation", "agent.reply", { conversationId: "00000000-0000-4000-8000-000000000000", text: "olá" }),
    trpcCall("mutation", "inboxes.create", { channel: "web", name: "Caixa", settings: { allowedOrigins: [], schedulingUrl: "", templates: {} } }),
    trpcCall("mutation", "tenant.updateSettings", { name: "Empresa", theme: { primaryColor: "#112233", logoUrl: "", botName: "Bot" } }),
    trpcCall("mutation", "routing.saveTeam", { id: null, name: "Time", memberIds: [], distribution: "round_robin" }),
    trpcCall("mutation", "routing.saveBusinessHours", { teamId: null, timezone: "America/Sao_Paulo", weekly: [{ day: 1, open: "09:00", close: "18:00" }], holidays: [] }),
    trpcCall("mutation", "agent.canned.save", { id: null, shortcut: "oi", title: "Oi", body: "Olá!" }),
    trpcCall("mutation", "profile.update", { name: "Admin" }),
    trpcCall("mutation", "profile.endSession", { sessionId: randomUUID() }),
    trpcCall("query", "conversations.list", { search: "x", tag: "y", cursor: "z" }),
    trpcCall("query", "conversations.messageText", { messageId: randomUUID() }),
    trpcCall("mutation", "auth.forgotPassword", { email: "a@b.com" }),
    // Landed after the first fuzz pass: CRM (0020-0022), AI settings (0015), WhatsApp costs and templates (0031-0034).
    trpcCall("mutation", "crm.companies.save", { id: null, name: "Padaria", domain: "padaria.com.br", industry: "Alimentos", website: "", linkedin: "", phone: "", tags: ["pão"] }),
    trpcCall("mutation", "crm.deals.create", { title: "Plano anual", valueCents: 120000, pipelineId: null, stageId: null, tags: [], customFields: {} }),
    trpcCall("mutation", "crm.activities.create", { type: "call", subject: "Ligar", description: "x", dueAt: null }),
    trpcCall("query", "crm.leads.list", { q: "ana", stage: "new", tag: "x", limit: 25, cursor: "c" }),
    trpcCall("mutation", "ai.update", { enabled: false, monthlyTokenCap: 1000 }),
    trpcCall("query", "whatsapp.costs", { month: "2026-11", months: 6 }),
    trpcCall("query", "whatsapp.templates", { inboxId: randomUUID() }),
    trpcCall("mutation", "crm.imports.start", { importId: randomUUID(), mapping: { name: 0, email: 1, phone: 2 } }),
    // LGPD (issue 12): the page's request by WhatsApp handle, the lead edit a correction goes through, a fulfilment with a correction.
    trpcCall("mutation", "privacy.submitRequest", { kind: "access", name: "Ana", email: "", whatsapp: "@ana.dados", details: "" }),
    trpcCall("mutation", "crm.leads.update", { id: randomUUID(), details: { name: "Ana", email: "ana@exemplo.com.br", phone: "(11) 98765-4321", company: "Padaria" } }),
    trpcCall("mutation", "privacy.updateRequest", { id: randomUUID(), status: "fulfilled", response: "ok", correction: { name: "Ana" } }),
    trpcCall("query", "crmLists.matching", { entity: "lead", filter: { q: "ana", tag: "x", minScore: 10 } }),
    trpcCall("mutation", "crmLists.bulk", { entity: "deal", all: { filter: { q: "x", status: "open" }, count: 3 }, action: { type: "tag", tag: "lote" } }),
    // Every CRM list filters on a creation date range and custom field values (issue 8).
    trpcCall("query", "crm.deals.list", { q: "x", createdFrom: "2026-01-01", createdTo: "2026-02-01", custom: [{ fieldId: randomUUID(), value: "x" }] }),
    trpcCall("query", "crmLists.matching", { entity: "contact", filter: { createdFrom: "2026-01-01", custom: [{ fieldId: randomUUID(), value: 12 }] } }),
    // The dashboard (issue 9): a date range in São Paulo days and optional inbox / team.
    trpcCall("query", "analytics.botFunnel", { from: "2026-11-01", to: "2026-11-30", inboxId: randomUUID(), teamId: null }),
    trpcCall("query", "analytics.agents", { from: "2026-01-01", to: "2026-12-31", teamId: randomUUID() }),
    // The team's live load, and the deals board's owner, search and column pages.
    trpcCall("query", "analytics.teamLoad", { teamId: randomUUID() }),
    // Moving all of an agent's conversations (to another agent or back to the queue) from the team's load.
    trpcCall("mutation", "routing.reassignHeld", { fromUserId: randomUUID(), toUserId: randomUUID(), expected: 3 }),
    trpcCall("mutation", "routing.reassignHeld", { fromUserId: randomUUID(), toUserId: null, expected: 1 }),
    trpcCall("query", "crm.deals.board", { pipelineId: randomUUID(), ownerId: randomUUID(), q: "obra" }),
    trpcCall("query", "crm.deals.boardPage", { pipelineId: randomUUID(), stageId: randomUUID(), ownerId: randomUUID(), q: "obra", cursor: "2026-11-01T12:00:00.000Z|x" }),
    // Scheduling (issue 9): meetings and outcomes (connect reaches the provider: tested against its stand-in).
    trpcCall("query", "scheduling.meetings", { from: "2026-01-01", to: "2026-02-01", status: "scheduled" }),
    trpcCall("mutation", "scheduling.setOutcome", { meetingId: randomUUID(), outcome: "advanced" }),
  ],
  "whatsapp/[key]": [
    { name: "POST /api/whatsapp/[key]", make: (r) => ({ method: "POST", path: `/api/whatsapp/${q(oddString(r)).slice(0, 200) || "k"}`, headers: { "content-type": "application/json", "x-hub-signature-256": "sha256=00" }, body: json(waMessage(r)) }) },
    { name: "GET /api/whatsapp/[key]", make: (r) => ({ method: "GET", path: `/api/whatsapp/${q(oddString(r)).slice(0, 200) || "k"}?hub.mode=subscribe&hub.verify_token=${q(oddString(r))}&hub.challenge=${q(oddString(r))}` }) },
  ],
  whatsapp: [
    {
      name: "POST /api/whatsapp (signed)",
      make: (r) => {
        const body = r() < 0.8 ? json(waMessage(r)) : json(wrongValue(r));
        return { method: "POST", path: "/api/whatsapp", headers: { "content-type": "application/json", "x-hub-signature-256": signMetaBody(body, TEST_KEYS.waAppSecret) }, body };
      },
    },
    { name: "GET /api/whatsapp", make: (r) => ({ method: "GET", path: `/api/whatsapp?hub.mode=${q(oddString(r))}&hub.verify_token=${q(oddString(r))}&hub.challenge=${q(oddString(r))}` }) },
  ],
  "widget/consent": [{ name: "POST /api/widget/consent", make: (r) => ({ method: "POST", path: "/api/widget/consent", headers: widgetHeaders(), body: json(mutate({ version: "2026-11-v1", service: true, marketing: false }, r)) }) }],
  "widget/messages": [{ name: "GET /api/widget/messages", make: (r) => ({ method: "GET", path: `/api/widget/messages?after=${q(r() < 0.5 ? oddString(r) : wrongValue(r))}`, headers: widgetHeaders() }) }],
  "widget/send": [{ name: "POST /api/widget/send", make: (r) => ({ method: "POST", path: "/api/widget/send", headers: widgetHeaders(), body: json(mutate({ clientMessageId: randomUUID(), text: "oi" }, r)) }) }],
  "widget/start": [{ name: "POST /api/widget/start", make: (r) => ({ method: "POST", path: "/api/widget/start", headers: { origin: SITE, "content-type": "application/json" }, body: json(mutate({ publicKey: web.publicKey, visitorToken: visitor.token }, r)) }) }],
  "widget/stream": [{ name: "GET /api/widget/stream", make: (r) => ({ method: "GET", path: `/api/widget/stream?token=${q(r() < 0.5 ? visitor.token : oddString(r))}&after=${q(oddString(r))}`, headers: { origin: SITE } }) }],
};

function routeFolders(dir: string, at = ""): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) out.push(...routeFolders(p, at ? `${at}/${name}` : name));
    else if (name === "route.ts") out.push(at);
  }
  return out;
}

describe("fuzz: generated payloads against every route handler and a sample of tRPC procedures", () => {
  it("has a target for every route handler in apps/web/app/api", () => {
    const folders = routeFolders(path.join(repoRoot(), "apps", "web", "app", "api")).sort();
    expect(folders.filter((f) => !ROUTES[f]), "route handlers without a fuzz target").toEqual([]);
  });

  it(`no 5xx, and no write from a refused request (seed ${SEED}, ${PER_TARGET} cases per target)`, { timeout: 240_000 }, async () => {
    // apiInbox.send authenticates with the inbox's key, not the admin's cookie.
    ROUTES["trpc/[trpc]"]!.push({
      name: "trpc apiInbox.send (inbox key)",
      make: (r) => ({ method: "POST", path: "/api/trpc/apiInbox.send", host: tenant.host, headers: { "content-type": "application/json", "x-vendaflow-inbox": api.publicKey, authorization: `Bearer ${api.secret}` }, body: json({ json: mutate({ externalLeadId: "crm-1", clientMessageId: randomUUID(), text: "oi", name: "Lead", email: "lead@example.com" }, r) }) }),
    });
    const problems: string[] = [];
    let counts = await settled();
    let n = 0;
    for (const targets of Object.values(ROUTES)) {
      for (const target of targets) {
        const r = rng(SEED + n++ * 7919);
        for (let i = 0; i < PER_TARGET; i++) {
          const req = await target.make(r);
          const res = await send(req);
          const where = `${target.name} case ${i} (seed ${SEED}): ${res.status} ${res.text.slice(0, 200)}`;
          if (res.status >= 500 || res.status === 0) problems.push(where);
          if (res.status >= 400 && res.status < 500) {
            const after = await snapshot();
            if (after !== counts) {
              // Work started by an earlier accepted request may still be landing: only a change that persists counts.
              const again = await settled();
              if (again !== counts) problems.push(`${where}\n  refused but the database changed:\n  before ${counts}\n  after  ${again}`);
              counts = again;
            }
          } else if (res.status < 400) {
            counts = await settled();
          }
        }
      }
    }
    expect(problems).toEqual([]);
  });
});
