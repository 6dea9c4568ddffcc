import { randomUUID } from "node:crypto";
import pg from "pg";
import { useCachesInThisProcess } from "@vendaflow/core/cache/context";
import { visitorUpdates } from "@vendaflow/core/conversations/read";
import { issueVisitorToken, type VisitorClaims } from "@vendaflow/core/conversations/visitor-token";
import { acceptWidgetConsent, sendWidgetMessage } from "@vendaflow/core/conversations/widget";
import { assertPlanRateLimit } from "@vendaflow/core/rate-limit/plan-limits";
import { withTenant } from "@vendaflow/db/with-tenant";
import { openTracer, type Trace, type TraceOptions } from "./sql-trace";

// Records the exact SQL of one widget message, as POST /api/widget/send and its after() run it
// (the plan's two rate limits, sendWidgetMessage, process), followed by the read the visitor's
// stream makes to show the reply (visitorUpdates): the same core functions over the tracer's pool,
// caches warm. The visitor has accepted the privacy notice and seen the bot's first question, and
// answers it ("Maria Souza"), as in the stream bench's first round.
//
// The replay needs a conversation in that same state for every message (the SQL is the traced one,
// so a conversation replayed twice would hit the timeout job's deduplication): `visitors` more are
// prepared the same way, untraced, and each replay takes the next one's ids as its seeds.

export interface WidgetTraceOptions extends Omit<TraceOptions, "phoneNumberId" | "waId"> {
  ownerUrl: string;
  tenantId: string;
  /** Conversations prepared for the replay, one per replayed message. */
  visitors: number;
}

export interface WidgetTrace {
  trace: Trace;
  /** Per prepared conversation: its seeds (visitorId, leadId, conversationId); clientMessageId is the replay's own. */
  visitors: Record<string, string>[];
}

const ANSWER = "Maria Souza";
/** Conversations prepared at once (and the tracer's connections). */
const PREPARING = 8;

export async function traceWidgetMessage(o: WidgetTraceOptions): Promise<WidgetTrace> {
  // An inbox of its own, so the stream bench's per-inbox counts and visitors stay apart.
  const owner = new pg.Client({ connectionString: o.ownerUrl });
  await owner.connect();
  let inboxId: string;
  try {
    const r = await owner.query<{ id: string }>("insert into inboxes (tenant_id, name, channel, settings) values ($1, 'Site (rastreio)', 'web', $2) returning id", [o.tenantId, JSON.stringify({ allowedOrigins: [], schedulingUrl: "", templates: {} })]);
    inboxId = r.rows[0]!.id;
  } finally {
    await owner.end();
  }
  const t = openTracer(o, PREPARING);
  const { db, deps } = t;

  /** A visitor who accepted the notice and was greeted with the first question. */
  const visitor = async () => {
    const { claims } = issueVisitorToken({ tenantId: o.tenantId, inboxId }, o.tokenSecret, Date.now());
    await acceptWidgetConsent(deps, claims, false, { ip: null, userAgent: "vendaflow-bench" });
    const ids = await withTenant(db, o.tenantId, (tx) =>
      tx.selectFrom("leads as l").innerJoin("conversations as c", "c.lead_id", "l.id").select(["l.id as leadId", "c.id as conversationId"]).where("l.visitor_id", "=", claims.visitorId).executeTakeFirstOrThrow(),
    );
    return { claims, ...ids };
  };
  /** The route's work for one message, then the stream's read of what followed it. */
  const send = async (claims: VisitorClaims, clientMessageId: string) => {
    const now = deps.now();
    const inTenant = <T>(fn: Parameters<typeof withTenant<T>>[2]) => withTenant(db, o.tenantId, fn);
    await assertPlanRateLimit(inTenant, deps.counters, o.tenantId, "widget-message:visitor", claims.visitorId, now);
    await assertPlanRateLimit(inTenant, deps.counters, o.tenantId, "widget-message:inbox", claims.inboxId, now);
    const sent = await sendWidgetMessage(deps, claims, { clientMessageId, text: ANSWER });
    await sent.process();
    const seen = await visitorUpdates(db, claims, Number(sent.message.seq));
    if (!seen.messages.some((m) => m.sender === "bot")) throw new Error("widget trace: the stream's read has no reply from the bot");
  };

  useCachesInThisProcess({ counters: deps.counters, now: deps.now });
  try {
    // Warm: the tenant's flow and the caches.
    for (let i = 0; i < 2; i++) await send((await visitor()).claims, randomUUID());
    const traced = await visitor();
    const clientMessageId = randomUUID();
    t.tracing = true;
    await send(traced.claims, clientMessageId);
    t.tracing = false;
    const visitors: Record<string, string>[] = [];
    await Promise.all(Array.from({ length: PREPARING }, async () => {
      while (visitors.length < o.visitors) {
        const v = await visitor();
        visitors.push({ visitorId: v.claims.visitorId, leadId: v.leadId, conversationId: v.conversationId });
      }
    }));
    return {
      trace: { statements: t.statements, roundTrips: t.roundTrips, socketWrites: t.socketWrites, seeds: { visitorId: traced.claims.visitorId, leadId: traced.leadId, conversationId: traced.conversationId, clientMessageId } },
      visitors,
    };
  } finally {
    useCachesInThisProcess(null);
    await db.destroy();
  }
}
