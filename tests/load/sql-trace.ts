import { randomUUID } from "node:crypto";
import { Kysely } from "kysely";
import pg from "pg";
import { parseWebhook } from "@vendaflow/connectors/whatsapp/parse-webhook";
import { finishProcessing, processConversation } from "@vendaflow/core/conversations/process";
import { ingestWhatsApp } from "@vendaflow/core/conversations/whatsapp-inbound";
import { AI_LAYER_OFF, type AppDeps } from "@vendaflow/core/deps";
import { outboxSender } from "@vendaflow/connectors/smtp/outbox-sender";
import { resolveInbox } from "@vendaflow/core/inboxes/resolve";
import { localScheduler } from "@vendaflow/connectors/qstash/local-scheduler";
import { appLinks } from "@vendaflow/core/links";
import { memoryStore } from "@vendaflow/connectors/upstash/memory-store";
import { disabledPayments } from "@vendaflow/connectors/stripe/disabled-payments";
import type { DB } from "@vendaflow/db/types";
import { StatementNames } from "@vendaflow/db/prepared-statements";
import { TenantBindingDialect } from "@vendaflow/db/tenant-binding";
import { useCachesInThisProcess } from "@vendaflow/core/cache/context";
import { countRoundTrips } from "../support/round-trips";
import { messageChange, text, webhook } from "../support/whatsapp-payloads";

// Records the exact SQL the webhook pipeline sends for one message, by running the pipeline's own
// core functions (ingestWhatsApp, then finishProcessing or processConversation, as POST
// /api/whatsapp and its after() do) over a pg pool whose clients log every query: text, parameters, result rows, row count.
// Built like the app's Kysely (createDb: BEGIN carries the tenant binding, parameters are cleaned,
// repeated statements go named, change keys are read with COMMIT)
// and with the process caches warm (one untraced message first), as in a running app.

export interface TracedStatement {
  /** One pool checkout (a transaction, or a single query outside one). */
  unit: number;
  text: string;
  values: unknown[];
  /** The prepared statement's name when the app's driver sent it named (prepared-statements.ts). */
  name: string | null;
  rows: Record<string, unknown>[];
  rowCount: number | null;
}

export interface Trace {
  statements: TracedStatement[];
  /** Round trips to Postgres: writes to a connection's socket after it answered start one (a pipelined group is one). */
  roundTrips: number;
  /** Writes to the sockets (syscalls) for them: a pipelined group leaves in one. */
  socketWrites: number;
  /** Strings that must be fresh for every replayed message (unique per lead/event), by name: the replay gives each its own value. */
  seeds: Record<string, string>;
}

export interface TraceOptions {
  appUrl: string;
  phoneNumberId: string;
  /** The app's public origin (scheduled job destinations start with it). */
  publicBaseUrl: string;
  rootDomain: string;
  encryptionKey: string;
  tokenSecret: string;
  waAccessToken: string;
  waAppSecret: string;
  waId: string;
}

type Query = (query: string | { text: string; values: unknown[]; name: string }, values?: unknown[]) => Promise<pg.QueryResult>;

/** A Kysely built like the app's over a pool whose clients record every query while `tracing` is on, and the app's dependencies over it. */
export interface Tracer {
  db: Kysely<DB>;
  deps: AppDeps;
  statements: TracedStatement[];
  tracing: boolean;
  /** WhatsApp sends so far (the send answers `outboundWamid` while tracing). */
  sends: number;
  outboundWamid: string;
  /** Round trips and socket writes while `tracing` (Trace). */
  roundTrips: number;
  socketWrites: number;
}

export function openTracer(o: Omit<TraceOptions, "phoneNumberId" | "waId">, connections = 2): Tracer {
  const pool = new pg.Pool({ connectionString: o.appUrl, max: connections });
  const t = { statements: [] as TracedStatement[], tracing: false, sends: 0, roundTrips: 0, socketWrites: 0, outboundWamid: `wamid.trace${randomUUID().replace(/-/g, "")}` } as Tracer;
  const unitOf = new WeakMap<pg.PoolClient, number>();
  const patched = new WeakSet<pg.PoolClient>();
  let units = 0;
  const tracingPool = {
    async connect() {
      const client = await pool.connect();
      unitOf.set(client, units++);
      if (!patched.has(client)) {
        patched.add(client);
        const original = client.query.bind(client) as unknown as Query;
        const traced: Query = async (query, values = []) => {
          const named = typeof query === "string" ? null : query;
          const entry: TracedStatement = { unit: unitOf.get(client)!, text: named?.text ?? (query as string), values: [...(named?.values ?? values)], name: named?.name ?? null, rows: [], rowCount: null };
          if (t.tracing) t.statements.push(entry);
          const res = await (named ? original(named) : original(query as string, values));
          // Several statements in one simple query answer with one result each: the last one counts.
          const last = (Array.isArray(res) ? res[res.length - 1] : res) as pg.QueryResult;
          entry.rows = last.rows as Record<string, unknown>[];
          entry.rowCount = last.rowCount;
          return res;
        };
        (client as unknown as { query: Query }).query = traced;
        countRoundTrips(client, () => void (t.tracing && t.roundTrips++), () => void (t.tracing && t.socketWrites++));
      }
      return client;
    },
    end: () => pool.end(),
  };
  // With a change sink, as the app's: the binding collects the change keys and COMMIT reads them
  // (change-notices.ts). The app's publish of those keys is one statement per batch outside the
  // message's transaction, not traced.
  const db = new Kysely<DB>({ dialect: new TenantBindingDialect({ pool: tracingPool as unknown as pg.Pool, preparedStatements: new StatementNames(), changes: () => undefined }) });
  t.db = db;
  t.deps = {
    db,
    email: outboxSender(db),
    links: appLinks(o.rootDomain, "http"),
    webhooks: { post: async () => ({ status: 200 }) },
    counters: memoryStore(),
    scheduler: localScheduler(db, o.publicBaseUrl),
    whatsapp: {
      async send() {
        t.sends++;
        return { wamid: t.tracing ? t.outboundWamid : `wamid.warm${randomUUID().replace(/-/g, "")}` };
      },
      async markRead() {},
      async downloadMedia() {
        throw new Error("no media in this trace");
      },
      async phoneNumber() {
        throw new Error("no profile in this trace");
      },
      async listTemplates() {
        return [];
      },
      async wabaPhoneNumberIds() {
        return [];
      },
      async exchangeSignupCode() {
        throw new Error("no Embedded Signup in this trace");
      },
      async subscribeApp() {},
      async registerNumber() {},
    },
    storage: { kind: "disk", put: async () => {}, get: async () => null, delete: async () => {} },
    payments: disabledPayments(),
    encryptionKey: o.encryptionKey,
    tokenSecret: o.tokenSecret,
    platformWhatsApp: { accessToken: o.waAccessToken, appSecret: o.waAppSecret, verifyToken: "unused" },
    calendar: { open: () => { throw new Error("no calendar here"); } },
    domains: null,
    chat: { post: async () => { throw new Error("no Slack here"); }, identify: async () => { throw new Error("no Slack here"); }, respond: async () => { throw new Error("no Slack here"); } },
    helpdesk: { inbox: async () => { throw new Error("no Chatwoot here"); }, contact: async () => { throw new Error("no Chatwoot here"); }, openConversation: async () => { throw new Error("no Chatwoot here"); }, post: async () => { throw new Error("no Chatwoot here"); } },
    crm: { open: () => { throw new Error("no CRM here"); } },
    // The values appServerEnv gives the app (BOT_MAX_RETRIES, BOT_DEFAULT_TIMEOUT).
    bot: { maxReminders: 2, defaultTimeoutSeconds: 600 },
    ai: AI_LAYER_OFF,
    now: () => new Date(),
  };
  return t;
}

export async function traceOneMessage(o: TraceOptions): Promise<Trace> {
  const t = openTracer(o);
  const { db, deps } = t;
  const runOne = async (waId: string) => {
    const message = text(waId, "oi");
    const body = webhook(messageChange(o.phoneNumberId, [message], [{ wa_id: waId, name: "Lead Benchmark" }]));
    const { events } = parseWebhook(JSON.parse(JSON.stringify(body)));
    const { toProcess } = await ingestWhatsApp(deps, events, {
      number: async (phoneNumberId) => {
        const r = await resolveInbox(db, "phone_number_id", phoneNumberId);
        return r && r.channel === "whatsapp" ? r : null;
      },
      templates: async () => [],
    });
    for (const c of toProcess) {
      for (const work of c.done) await finishProcessing(deps, c.tenantId, work);
      if (c.pending) await processConversation(deps, c.tenantId, c.conversationId);
    }
    return message;
  };
  useCachesInThisProcess({ counters: deps.counters, now: deps.now });
  let message: ReturnType<typeof text>;
  try {
    // Warm: the tenant's default flow (created by the first), the caches, the usage counter.
    for (const d of ["91", "92"]) await runOne(`${o.waId.slice(0, -2)}${d}`);
    t.sends = 0;
    t.tracing = true;
    message = await runOne(o.waId);
    t.tracing = false;
  } finally {
    useCachesInThisProcess(null);
    await db.destroy();
  }
  if (t.sends !== 1) throw new Error(`sql trace: expected one WhatsApp send for one new lead, got ${t.sends}`);
  return { statements: t.statements, roundTrips: t.roundTrips, socketWrites: t.socketWrites, seeds: { waId: o.waId, inboundWamid: message.id, outboundWamid: t.outboundWamid } };
}
