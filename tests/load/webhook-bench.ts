// Outbound webhook deliveries per second with signing (issue 10's figure, target >= 500/s), in-process
// against a fresh migrated database on the local Postgres: WEBHOOK_BENCH_DELIVERIES pending
// deliveries (default 5,000; ~0.6 KB payloads like a lead.qualified event) of one subscription are
// each delivered by deliverWebhook, the Scheduler job's body (read the delivery and its
// subscription, decrypt the secret, sign the Standard Webhooks way, POST through the SSRF-guarded
// adapter, log the attempt and mark the delivery, two tenant transactions), WEBHOOK_BENCH_CONCURRENCY
// at a time (default 32, what parallel QStash callbacks amount to). The receiver runs in this process
// and verifies every signature with the official `standardwebhooks` library; a delivery counts only
// if the receiver accepted its signature and the row says `succeeded`. Not included: QStash's own
// callback and Next's routing per job. `BENCH_ONLY=webhooks pnpm bench` runs only this (no build).
import { randomBytes } from "node:crypto";
import pg from "pg";
import { httpWebhook } from "@vendaflow/connectors/webhook/http-webhook";
import { encryptCredentials } from "@vendaflow/core/inboxes/credentials";
import { appLinks } from "@vendaflow/core/links";
import { deliverWebhook } from "@vendaflow/core/outbound-webhooks/deliver";
import { newMessageId, newWebhookSecret } from "@vendaflow/core/outbound-webhooks/sign";
import type { ScheduledJob } from "@vendaflow/core/ports/scheduler";
import { createDb } from "@vendaflow/db/create-db";
import { startWebhookReceiver } from "../stand-ins/webhook-receiver";
import { createBenchDb } from "./setup-db";
import { fmt, fmtInt, summarize, table } from "./stats";

const TARGET_PER_SECOND = 500;
const log = (s: string) => process.stderr.write(`[bench webhooks] ${s}\n`);

export async function webhookBench(adminUrl: string, deliveries = Number(process.env.WEBHOOK_BENCH_DELIVERIES ?? 5000), concurrencies = (process.env.WEBHOOK_BENCH_CONCURRENCY ?? "8,32").split(",").map(Number)): Promise<string[]> {
  const bench = await createBenchDb(adminUrl);
  const owner = new pg.Client({ connectionString: bench.ownerUrl });
  await owner.connect();
  const secret = newWebhookSecret();
  const encryptionKey = `bench:${randomBytes(32).toString("base64")}`;
  const receiver = await startWebhookReceiver({ secret: () => secret, quiet: false });
  const maxConcurrency = Math.max(...concurrencies);
  const { db, close } = createDb({ url: bench.appUrl, max: Math.min(maxConcurrency, 20) });
  const scheduled: ScheduledJob[] = [];
  const deps = {
    db,
    now: () => new Date(),
    scheduler: { kind: "local" as const, schedule: async (job: ScheduledJob) => void scheduled.push(job) },
    webhooks: httpWebhook({ policy: { allowHosts: ["127.0.0.1"] } }),
    email: { kind: "outbox" as const, send: async () => {} },
    encryptionKey,
    links: appLinks("bench.localhost", "http"),
  };
  try {
    const sub = await owner.query<{ id: string }>(
      "insert into webhook_subscriptions (tenant_id, url, event_types, secret_encrypted) values ($1, $2, '{lead.qualified}', $3) returning id",
      [bench.tenantId, receiver.url("/vendaflow"), encryptCredentials({ secret }, encryptionKey)],
    );
    const rows: string[][] = [];
    for (const concurrency of concurrencies) {
      const payload = (i: number) => JSON.stringify({ type: "lead.qualified", timestamp: new Date().toISOString(), data: { lead: { id: `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`, name: "Mariana Costa", email: "mariana@example.com", phone: "+5511987654321", company: "Padaria Bom Pão", source: "whatsapp", stage: "qualified", score: 72, bant: { budget: "1k_5k", authority: "decisor", need: "atendimento", timeline: "30_dias" }, tags: ["inbound", "bant"], customFields: { segmento: "varejo" } }, previousStage: "new" } });
      const ids = (
        await owner.query<{ id: string }>(
          "insert into webhook_deliveries (tenant_id, subscription_id, message_id, event_type, payload) select $1, $2, m, 'lead.qualified', p::jsonb from unnest($3::text[], $4::text[]) as x(m, p) returning id",
          [bench.tenantId, sub.rows[0]!.id, Array.from({ length: deliveries }, () => newMessageId()), Array.from({ length: deliveries }, (_, i) => payload(i))],
        )
      ).rows.map((r) => r.id);
      await bench.analyze();
      const before = receiver.received.length;
      // Warm-up: connections, JIT, the adapter's DNS path.
      for (const id of ids.splice(0, 50)) await deliverWebhook(deps, { tenantId: bench.tenantId, deliveryId: id });
      log(`${ids.length} deliveries, ${concurrency} at a time`);
      const latencies: number[] = [];
      const cpu0 = process.cpuUsage();
      const started = performance.now();
      let next = 0;
      let failed = 0;
      await Promise.all(
        Array.from({ length: concurrency }, async () => {
          while (next < ids.length) {
            const id = ids[next++]!;
            const t0 = performance.now();
            const { status } = await deliverWebhook(deps, { tenantId: bench.tenantId, deliveryId: id });
            latencies.push(performance.now() - t0);
            if (status !== "succeeded") failed++;
          }
        }),
      );
      const seconds = (performance.now() - started) / 1000;
      const cpu = process.cpuUsage(cpu0);
      const arrived = receiver.received.slice(before + 50);
      const valid = arrived.filter((r) => r.signatureValid).length;
      const succeeded = Number((await owner.query<{ n: number }>("select count(*)::int as n from webhook_deliveries where id = any($1::uuid[]) and status = 'succeeded'", [ids])).rows[0]!.n);
      const s = summarize(latencies);
      const rate = succeeded / seconds;
      rows.push([String(concurrency), fmtInt(ids.length), fmtInt(succeeded), fmtInt(valid), String(failed), fmt(rate, 0), fmt(rate / TARGET_PER_SECOND, 2), fmt(s.p50, 2), fmt(s.p95, 2), fmt(((cpu.user + cpu.system) / 1000) / ids.length, 2)]);
    }
    return [
      `Outbound webhook deliveries with signing (deliverWebhook per delivery through the SSRF-guarded adapter to a local receiver verifying each signature with standardwebhooks; ${deliveries} deliveries per run, target >= ${TARGET_PER_SECOND}/s):`,
      table(["concurrency", "deliveries", "succeeded", "signature ok", "failed", "per s", "vs target", "p50 ms", "p95 ms", "Node CPU ms/delivery (app + receiver)"], rows),
      `  Retries scheduled: ${scheduled.length} (0 expected: the receiver answers 200).`,
    ];
  } finally {
    await close();
    await receiver.close();
    await owner.end();
    await bench.drop();
  }
}
