// What the billing gate adds to each inbound message, against a fresh migrated database on the local
// Postgres. The gate (botQuotaGate: plan and status from the per-process cache, this month's count
// from the KV counter, core/billing/quota-gate.ts) is timed around the call alone, inside the
// conversation's tenant transaction, with the embedded KV (memory) and with Upstash's REST protocol
// over the local Redis (tests/stand-ins/upstash-rest.ts) when REDIS_URL answers. The ledger write
// (the source of truth: one insert-only usage_events row) rides the statement that marks the inbound
// event processed; its cost is that statement with the ledger minus the same statement without it,
// interleaved with the pre-0045 variant (ledger row + per-tenant usage_totals upsert) for comparison.
// The bench prints check + record per message against the 0.5 ms target. `BENCH_ONLY=quota pnpm bench`
// runs only this (no build needed); QUOTA_BENCH_MESSAGES sets the measured messages (default
// 5,000 after 500 warm-up).
import { memoryStore } from "@vendaflow/connectors/upstash/memory-store";
import { upstashStore } from "@vendaflow/connectors/upstash/upstash-store";
import { botQuotaGate } from "@vendaflow/core/billing/meter-bot-message";
import { gateCache } from "@vendaflow/core/billing/quota-gate";
import { billingPeriod } from "@vendaflow/core/billing/period";
import { recordBotMessage } from "@vendaflow/core/billing/record-bot-message";
import { markEventProcessed } from "@vendaflow/core/conversations/processed-mark";
import type { CounterStore } from "@vendaflow/core/ports/counter-store";
import { createDb } from "@vendaflow/db/create-db";
import { withTenant } from "@vendaflow/db/with-tenant";
import { randomUUID } from "node:crypto";
import net from "node:net";
import { sql } from "kysely";
import pg from "pg";
import { startUpstashRestBridge } from "../stand-ins/upstash-rest";
import { createBenchDb } from "./setup-db";
import { fmt, summarize, table } from "./stats";

const TARGET_MS = 0.5;
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const row = (label: string, xs: number[]) => {
  const s = summarize(xs);
  return [label, fmt(mean(xs), 3), fmt(s.p50, 3), fmt(s.p95, 3), fmt(s.p99, 3)];
};

/** A TCP connect to Redis within a second (the REST bridge's client has no error handling of its own). */
function redisAnswers(url: string): Promise<boolean> {
  const u = new URL(url);
  return new Promise((resolve) => {
    const s = net.connect({ host: u.hostname, port: Number(u.port || 6379) });
    const done = (ok: boolean) => {
      s.destroy();
      resolve(ok);
    };
    s.once("connect", () => done(true));
    s.once("error", () => done(false));
    s.setTimeout(1000, () => done(false));
  });
}

export async function quotaBench(adminUrl: string, messages = Number(process.env.QUOTA_BENCH_MESSAGES ?? 5000)): Promise<string[]> {
  const bench = await createBenchDb(adminUrl);
  const owner = new pg.Client({ connectionString: bench.ownerUrl });
  await owner.connect();
  const { db, close } = createDb({ url: bench.appUrl, max: 2 });
  const redisUrl = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
  const bridge = (await redisAnswers(redisUrl)) ? await startUpstashRestBridge({ redisUrl, token: "bench" }) : null;
  const upstash = bridge ? upstashStore(bridge.url, "bench") : null;
  try {
    // A billed tenant on Growth far below its limit: every new conversation is served.
    await owner.query("update plans set max_messages_month = 100000000 where code = 'growth'");
    await owner.query("insert into tenant_subscriptions (tenant_id, plan_id, status) select $1, id, 'active' from plans where code = 'growth'", [bench.tenantId]);
    const tenantId = bench.tenantId;

    /** Times one call per message in its own tenant transaction; the first 500 warm up. */
    async function timed(fn: (tx: Parameters<Parameters<typeof withTenant>[2]>[0], i: number) => Promise<unknown>, n = messages): Promise<number[]> {
      const out: number[] = [];
      for (let i = 0; i < n + 500; i++) {
        await withTenant(db, tenantId, async (tx) => {
          const t0 = performance.now();
          await fn(tx, i);
          if (i >= 500) out.push(performance.now() - t0);
        });
      }
      return out;
    }
    const gateOn = (counters: CounterStore, everyNth: number) => (tx: Parameters<Parameters<typeof withTenant>[2]>[0], i: number) =>
      botQuotaGate(tx, { counters }, tenantId, { newConversation: i % everyNth === 0, now: new Date() });

    const memory = memoryStore();
    const gateNew = await timed(gateOn(memory, 1));
    const memCache = { ...gateCache(memory) };
    const gateMix = await timed(gateOn(memoryStore(), 5));
    const upstashN = Math.min(messages, 1000);
    const gateUpstash = upstash ? await timed(gateOn(upstash, 1), upstashN) : null;
    const upCache = upstash ? { ...gateCache(upstash) } : null;

    // Recording: the processed-update alone, carrying the insert-only ledger row (now), and carrying
    // the ledger row plus the per-tenant usage_totals upsert (before 0045), interleaved message by
    // message in rotating order so the three share the machine's noise. The event id matches no row,
    // so every variant does the same index probe.
    const oldLedger = (tx: Parameters<Parameters<typeof withTenant>[2]>[0], i: number) =>
      sql`with ev as (update inbound_events set status = 'processed', processed_at = now(), attempts = attempts + 1 where id = ${randomUUID()} returning id),
        ins as (insert into usage_events (tenant_id, meter, period, quantity, source_id, occurred_at) values (${tenantId}, 'bot_messages', ${billingPeriod(new Date())}, 1, ${`old-${i}`}, now())
                on conflict (tenant_id, meter, source_id) do nothing returning quantity),
        tot as (insert into usage_totals (tenant_id, meter, period, quantity) select ${tenantId}, 'bot_messages', ${billingPeriod(new Date())}, quantity from ins
                on conflict (tenant_id, meter, period) do update set quantity = usage_totals.quantity + excluded.quantity returning quantity, warned_percent)
        select (select quantity from tot) as total, (select warned_percent from tot) as warned`.execute(tx).then(() => undefined);
    const variants = [
      (tx: Parameters<Parameters<typeof withTenant>[2]>[0]) => sql`update inbound_events set status = 'processed', processed_at = now(), attempts = attempts + 1 where id = ${randomUUID()}`.execute(tx).then(() => undefined),
      // As the pipeline writes them: the processed mark and the ledger row, held for the commit.
      async (tx: Parameters<Parameters<typeof withTenant>[2]>[0]) => {
        const eventId = randomUUID();
        await markEventProcessed(tx, eventId, new Date());
        await recordBotMessage(tx, tenantId, { eventId, occurredAt: new Date() });
      },
      oldLedger,
    ];
    const samples: number[][] = [[], [], []];
    for (let i = 0; i < messages + 500; i++) {
      for (let k = 0; k < 3; k++) {
        const v = (i + k) % 3;
        // The whole transaction: the ledger's writes are held until its commit (deferWrite).
        const t0 = performance.now();
        await withTenant(db, tenantId, (tx) => variants[v]!(tx, i));
        if (i >= 500) samples[v]!.push(performance.now() - t0);
      }
    }
    const [updateOnly, updateWithLedger, updateWithOld] = samples as [number[], number[], number[]];

    const g = summarize(gateNew);
    const u0 = summarize(updateOnly);
    const delta = (xs: number[]) => ({ p50: Math.max(0, summarize(xs).p50 - u0.p50), p95: Math.max(0, summarize(xs).p95 - u0.p95) });
    const rec = delta(updateWithLedger);
    const old = delta(updateWithOld);
    const added = { p50: g.p50 + rec.p50, p95: g.p95 + rec.p95 };
    const addedOld = { p50: g.p50 + old.p50, p95: g.p95 + old.p95 };
    const used = (await owner.query("select count(*)::int as n from usage_events where tenant_id = $1", [tenantId])).rows[0]?.n;
    const totalsRows = (await owner.query("select count(*)::int as n from usage_totals where tenant_id = $1 and quantity > 0", [tenantId])).rows[0]?.n;
    return [
      `quota gate per inbound message (${messages.toLocaleString("en-US")} messages per row after 500 warm-up, local Postgres ${bench.serverVersion}):`,
      table(
        ["part", "mean ms", "p50 ms", "p95 ms", "p99 ms"],
        [
          row("gate, every message a new conversation (cached plan + memory KV counter)", gateNew),
          row("gate, 1 in 5 new (running conversations are not checked)", gateMix),
          ...(gateUpstash ? [row(`gate, every message new, Upstash REST (in-process JS bridge -> local Redis, ${upstashN} msgs)`, gateUpstash)] : [["gate via Upstash REST: Redis not reachable", "—", "—", "—", "—"]]),
          row("transaction with the processed-update alone (runs for every message anyway)", updateOnly),
          row("transaction with the processed-update and the insert-only ledger row, one statement (now)", updateWithLedger),
          row("transaction with the processed-update carrying ledger row + usage_totals upsert (before 0045)", updateWithOld),
        ],
      ),
      `Postgres reads by the gate: memory ${memCache.loads} plan load(s), ${memCache.seeds} counter seed(s) in ${(messages + 500).toLocaleString("en-US")} messages` +
        (upCache ? `; Upstash ${upCache.loads} load(s), ${upCache.seeds} seed(s)` : ""),
      `quota check (the gate, new conversation, memory KV): p50 ${fmt(g.p50, 3)} ms / p95 ${fmt(g.p95, 3)} ms`,
      `recording (insert-only ledger row, its share of the processed-update): p50 ${fmt(rec.p50, 3)} ms / p95 ${fmt(rec.p95, 3)} ms (before 0045, with the usage_totals upsert: p50 ${fmt(old.p50, 3)} / p95 ${fmt(old.p95, 3)})`,
      `ADDED PER MESSAGE, check + record: p50 ${fmt(added.p50, 3)} ms / p95 ${fmt(added.p95, 3)} ms — target < ${TARGET_MS} ms: ${added.p95 < TARGET_MS ? "met at p95" : added.p50 < TARGET_MS ? "met at p50, not at p95" : "NOT met"} (before 0045: p50 ${fmt(addedOld.p50, 3)} / p95 ${fmt(addedOld.p95, 3)}; p95 = the gate's p95 + the difference of the statements' p95s, an estimate)`,
      `${gateUpstash ? `gate over Upstash REST p50 ${fmt(summarize(gateUpstash).p50, 3)} ms / p95 ${fmt(summarize(gateUpstash).p95, 3)} ms (one HTTP round trip to the KV per new conversation; the bridge runs in the bench's own event loop, an upper bound); ` : ""}ledger ${used} rows, usage_totals rows with a quantity: ${totalsRows} (only the "before" variant writes one)`,
    ];
  } finally {
    await close();
    await owner.end();
    await bridge?.close().catch(() => undefined);
    await bench.drop();
  }
}
