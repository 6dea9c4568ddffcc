// What the billing gate adds to each inbound message: meterBotMessage (for a new conversation a read
// of plan, status and the month's total; then the ledger insert, the running-total upsert and the
// plan's limit in one statement) inside the conversation's
// tenant transaction, timed around the call alone, against a fresh migrated database on the local
// Postgres. `BENCH_ONLY=quota pnpm bench` runs only this (no build needed); QUOTA_BENCH_MESSAGES
// sets the measured messages (default 5,000 after 500 warm-up).
import { meterBotMessage } from "@vendaflow/core/billing/meter-bot-message";
import { readMessageQuota } from "@vendaflow/core/billing/quotas";
import { createDb } from "@vendaflow/db/create-db";
import { withTenant } from "@vendaflow/db/with-tenant";
import pg from "pg";
import { createBenchDb } from "./setup-db";
import { fmt, summarize, table } from "./stats";

const TARGET_MS = 0.5;

export async function quotaBench(adminUrl: string, messages = Number(process.env.QUOTA_BENCH_MESSAGES ?? 5000)): Promise<string[]> {
  const bench = await createBenchDb(adminUrl);
  const owner = new pg.Client({ connectionString: bench.ownerUrl });
  await owner.connect();
  const { db, close } = createDb({ url: bench.appUrl, max: 2 });
  try {
    // A billed tenant on Growth (5,000 messages) far below its limit: every message is served and recorded.
    await owner.query("update plans set max_messages_month = 100000000 where code = 'growth'");
    await owner.query("insert into tenant_subscriptions (tenant_id, plan_id, status) select $1, id, 'active' from plans where code = 'growth'", [bench.tenantId]);
    const deps = { db, email: { kind: "outbox" as const, send: async () => {} }, links: { tenantUrl: () => "", rootUrl: () => "" } };
    const gate: number[] = [];
    const read: number[] = [];
    for (let i = 0; i < messages + 500; i++) {
      await withTenant(db, bench.tenantId, async (tx) => {
        const now = new Date();
        const t0 = performance.now();
        await meterBotMessage(tx, deps, bench.tenantId, { sourceId: `bench-${i}`, newConversation: i % 5 === 0, now });
        const t1 = performance.now();
        await readMessageQuota(tx, now);
        const t2 = performance.now();
        if (i >= 500) {
          gate.push(t1 - t0);
          read.push(t2 - t1);
        }
      });
    }
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const g = { ...summarize(gate), mean: mean(gate) };
    const r = { ...summarize(read), mean: mean(read) };
    const used = (await owner.query("select quantity from usage_totals where tenant_id = $1", [bench.tenantId])).rows[0]?.quantity;
    return [
      `quota gate per inbound message (meterBotMessage in the tenant transaction, ${messages.toLocaleString("en-US")} messages, local Postgres ${bench.serverVersion}):`,
      table(
        ["part", "mean ms", "p50 ms", "p95 ms", "p99 ms"],
        [
          ["gate (1 in 5 new: read, then one-statement record)", fmt(g.mean, 3), fmt(g.p50, 3), fmt(g.p95, 3), fmt(g.p99, 3)],
          ["read only (plan, status, month total)", fmt(r.mean, 3), fmt(r.p50, 3), fmt(r.p95, 3), fmt(r.p99, 3)],
        ],
      ),
      `target < ${TARGET_MS} ms per message: ${g.p50 < TARGET_MS ? "met" : "NOT met"} at p50 (p95 ${fmt(g.p95, 3)} ms); ledger total ${used} = ${messages + 500} messages`,
    ];
  } finally {
    await close();
    await owner.end();
    await bench.drop();
  }
}
