import { randomUUID } from "node:crypto";
import { Kysely, PostgresDialect } from "kysely";
import pg from "pg";
import { parseWebhook } from "@vendaflow/connectors/whatsapp/parse-webhook";
import { processConversation } from "@vendaflow/core/conversations/process";
import { ingestWhatsApp } from "@vendaflow/core/conversations/whatsapp-inbound";
import { AI_LAYER_OFF, type AppDeps } from "@vendaflow/core/deps";
import { outboxSender } from "@vendaflow/connectors/smtp/outbox-sender";
import { resolveInbox } from "@vendaflow/core/inboxes/resolve";
import { localScheduler } from "@vendaflow/connectors/qstash/local-scheduler";
import { appLinks } from "@vendaflow/core/links";
import { memoryStore } from "@vendaflow/connectors/upstash/memory-store";
import { disabledPayments } from "@vendaflow/connectors/stripe/disabled-payments";
import type { DB } from "@vendaflow/db/types";
import { messageChange, text, webhook } from "../support/whatsapp-payloads";

// Records the exact SQL the webhook pipeline sends for one message, by running the pipeline's own
// core functions (ingestWhatsApp, then processConversation, as POST /api/whatsapp and its after()
// do) over a pg pool whose clients log every query: text, parameters, result rows, row count.

export interface TracedStatement {
  /** One pool checkout (a transaction, or a single query outside one). */
  unit: number;
  text: string;
  values: unknown[];
  rows: Record<string, unknown>[];
  rowCount: number | null;
}

export interface Trace {
  statements: TracedStatement[];
  /** Strings that must be fresh for every replayed message (unique per lead/event). */
  seeds: { waId: string; inboundWamid: string; outboundWamid: string };
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

type Query = (text: string, values?: unknown[]) => Promise<pg.QueryResult>;

export async function traceOneMessage(o: TraceOptions): Promise<Trace> {
  const pool = new pg.Pool({ connectionString: o.appUrl, max: 2 });
  const statements: TracedStatement[] = [];
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
        const traced: Query = async (sqlText, values = []) => {
          const entry: TracedStatement = { unit: unitOf.get(client)!, text: sqlText, values: [...values], rows: [], rowCount: null };
          statements.push(entry);
          const res = await original(sqlText, values);
          entry.rows = res.rows as Record<string, unknown>[];
          entry.rowCount = res.rowCount;
          return res;
        };
        (client as unknown as { query: Query }).query = traced;
      }
      return client;
    },
    end: () => pool.end(),
  };
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: tracingPool }) });

  const outboundWamid = `wamid.trace${randomUUID().replace(/-/g, "")}`;
  let sends = 0;
  const deps: AppDeps = {
    db,
    email: outboxSender(db),
    links: appLinks(o.rootDomain, "http"),
    webhooks: { post: async () => ({ status: 200 }) },
    counters: memoryStore(),
    scheduler: localScheduler(db, o.publicBaseUrl),
    whatsapp: {
      async send() {
        sends++;
        return { wamid: outboundWamid };
      },
      async markRead() {},
      async downloadMedia() {
        throw new Error("no media in this trace");
      },
      async listTemplates() {
        return [];
      },
    },
    storage: { kind: "disk", put: async () => {}, get: async () => null, delete: async () => {} },
    payments: disabledPayments(),
    encryptionKey: o.encryptionKey,
    tokenSecret: o.tokenSecret,
    platformWhatsApp: { accessToken: o.waAccessToken, appSecret: o.waAppSecret, verifyToken: "unused" },
    // The values appServerEnv gives the app (BOT_MAX_RETRIES, BOT_DEFAULT_TIMEOUT).
    bot: { maxReminders: 2, defaultTimeoutSeconds: 600 },
    ai: AI_LAYER_OFF,
    now: () => new Date(),
  };

  const message = text(o.waId, "oi");
  const body = webhook(messageChange(o.phoneNumberId, [message], [{ wa_id: o.waId, name: "Lead Benchmark" }]));
  try {
    const { events } = parseWebhook(JSON.parse(JSON.stringify(body)));
    const { toProcess } = await ingestWhatsApp(deps, events, async (phoneNumberId) => {
      const r = await resolveInbox(db, "phone_number_id", phoneNumberId);
      return r && r.channel === "whatsapp" ? r : null;
    });
    for (const c of toProcess) await processConversation(deps, c.tenantId, c.conversationId);
  } finally {
    await db.destroy();
  }
  if (sends !== 1) throw new Error(`sql trace: expected one WhatsApp send for one new lead, got ${sends}`);
  return { statements, seeds: { waId: o.waId, inboundWamid: message.id, outboundWamid } };
}
