// Outbound webhook deliveries per second with signing (issue 10's figure, target >= 500/s), in-process
// against a fresh migrated database on the local Postgres: WEBHOOK_BENCH_DELIVERIES pending
// deliveries (default 5,000; ~0.6 KB payloads like a lead.qualified event) of one subscription are
// each delivered by deliverWebhook, the Scheduler job's body (read the delivery and its
// subscription, decrypt the secret, sign the Standard Webhooks way, POST through the SSRF-guarded
// adapter, log the attempt and mark the delivery: two bound statements, deliver.ts),
// WEBHOOK_BENCH_CONCURRENCY at a time (default "8,32": 32 is where one process peaks on this 2-core
// machine; 64, the adapter's keep-alive sockets per host, was measured lower, the pool of 20
// connections and the cores already saturated, docs/developer-platform.md). The receiver runs
// in a child process (webhook-receiver-child.ts) and verifies every signature with the official
// `standardwebhooks` library; a delivery counts only if the row says `succeeded`, and the receiver's
// count of valid signatures is printed beside it. CPU per delivery is reported apart for the app
// (this process: deliverWebhook, node-postgres, the HTTP client), the receiver (its process) and the
// bench database's Postgres processes (/proc), with the machine's busy share: on a shared machine
// deliveries/s moves with the neighbours, CPU per delivery much less. Not included: QStash's own
// callback and Next's routing per job. `BENCH_ONLY=webhooks pnpm bench` runs only this (no build).
import { fork } from "node:child_process";
import { randomBytes } from "node:crypto";
import { loadavg } from "node:os";
import pg from "pg";
import { signQStashRequest } from "@vendaflow/connectors/qstash/sign-request";
import { verifyQStashRequest } from "@vendaflow/connectors/qstash/verify-request";
import { httpWebhook } from "@vendaflow/connectors/webhook/http-webhook";
import { encryptCredentials } from "@vendaflow/core/inboxes/credentials";
import { appLinks } from "@vendaflow/core/links";
import { deliverWebhook } from "@vendaflow/core/outbound-webhooks/deliver";
import { newMessageId, newWebhookSecret } from "@vendaflow/core/outbound-webhooks/sign";
import { webhookDeliveryJobSchema } from "@vendaflow/validators/outbound-webhooks";
import type { ScheduledJob } from "@vendaflow/core/ports/scheduler";
import { createDb } from "@vendaflow/db/create-db";
import { cpuBetween, postgresMatcher, snapshot } from "./cpu";
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
  const child = fork(new URL("./webhook-receiver-child.ts", import.meta.url), { env: { ...process.env, WEBHOOK_BENCH_SECRET: secret }, stdio: ["ignore", "inherit", "inherit", "ipc"] });
  const reply = <T>() => new Promise<T>((resolve) => child.once("message", (r) => resolve(r as T)));
  const { url: receiverUrl } = await new Promise<{ url: string }>((resolve, reject) => {
    child.once("message", (m) => resolve(m as { url: string }));
    child.once("error", reject);
  });
  const receiverStats = () => {
    const p = reply<{ count: number; valid: number }>();
    child.send("stats");
    return p;
  };
  const isBenchPostgres = postgresMatcher(bench.dbName, bench.clusterName);
  const load0 = loadavg();
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
      [bench.tenantId, receiverUrl, encryptCredentials({ secret }, encryptionKey)],
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
      // Warm-up: connections, JIT, the adapter's DNS path.
      for (const id of ids.splice(0, 50)) await deliverWebhook(deps, { tenantId: bench.tenantId, deliveryId: id });
      await receiverStats();
      log(`${ids.length} deliveries, ${concurrency} at a time`);
      const latencies: number[] = [];
      const snap0 = snapshot([child.pid!], isBenchPostgres);
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
      const use = cpuBetween(snap0, snapshot([child.pid!], isBenchPostgres));
      const { valid } = await receiverStats();
      const succeeded = Number((await owner.query<{ n: number }>("select count(*)::int as n from webhook_deliveries where id = any($1::uuid[]) and status = 'succeeded'", [ids])).rows[0]!.n);
      const s = summarize(latencies);
      const rate = succeeded / seconds;
      const appMs = (cpu.user + cpu.system) / 1000 / ids.length;
      // cpuBetween gives % of one core over the run: ms per delivery = % / 100 * seconds * 1000 / n.
      const perDelivery = (pct: number) => (pct / 100) * seconds * 1000 / ids.length;
      rows.push([String(concurrency), fmtInt(ids.length), fmtInt(succeeded), fmtInt(valid), String(failed), fmt(rate, 0), fmt(rate / TARGET_PER_SECOND, 2), fmt(s.p50, 2), fmt(s.p95, 2), fmt(appMs, 3), fmt(perDelivery(use.app), 2), fmt(perDelivery(use.postgres), 2), fmt(use.machine, 0), fmt(1000 / appMs, 0)]);
    }
    const load1 = loadavg();
    const jobCheck = await jobCheckCpu(bench.tenantId);
    return [
      `Outbound webhook deliveries with signing (deliverWebhook per delivery through the SSRF-guarded adapter to a receiver process verifying each signature with standardwebhooks; ${deliveries} deliveries per run, target >= ${TARGET_PER_SECOND}/s):`,
      table(["concurrency", "deliveries", "succeeded", "signature ok", "failed", "deliveries/s", "vs target", "p50 ms", "p95 ms", "app CPU ms/delivery", "receiver CPU ms", "Postgres CPU ms", "machine busy %", "app ceiling/s per core"], rows),
      `  CPU ms per delivery: app = this process (deliverWebhook, node-postgres, HTTP client), receiver = the receiver's process, Postgres = the bench database's backends (/proc, 10 ms ticks); machine busy = all cores, neighbours included; app ceiling = 1000 / app CPU ms, what one core could deliver if the app were the only cost.`,
      `  Load average (1/5/15 min) at start ${load0.map((l) => l.toFixed(2)).join(" / ")}, at end ${load1.map((l) => l.toFixed(2)).join(" / ")}.`,
      `  Retries scheduled: ${scheduled.length} (0 expected: the receiver answers 200).`,
      `  Not in the table: the job endpoint's own check before deliverWebhook (Upstash-Signature verified for the endpoint's URL, JSON, zod; job-request.ts) costs ${fmt(jobCheck, 3)} ms CPU per job here.`,
    ];
  } finally {
    await close();
    child.send("close");
    await new Promise((r) => child.once("exit", r));
    await owner.end();
    await bench.drop();
  }
}

/** CPU ms per job of what /api/jobs/webhook-delivery does before deliverWebhook: verify the Upstash-Signature (URL and body), parse, validate. */
async function jobCheckCpu(tenantId: string, n = 5000): Promise<number> {
  const url = "http://bench.localhost/api/jobs/webhook-delivery";
  const key = `sig_${randomBytes(16).toString("hex")}`;
  const raw = JSON.stringify({ tenantId, deliveryId: "1c4f3a9e-5c1d-4e2f-9a8b-7c6d5e4f3a2b" });
  const signature = await signQStashRequest({ url, rawBody: raw, signingKey: key });
  const once = async () => {
    if (!(await verifyQStashRequest({ signature, rawBody: raw, url, currentSigningKey: key, nextSigningKey: `${key}_next` }))) throw new Error("job check: signature refused");
    webhookDeliveryJobSchema.parse(JSON.parse(raw));
  };
  for (let i = 0; i < 500; i++) await once();
  const cpu0 = process.cpuUsage();
  for (let i = 0; i < n; i++) await once();
  const cpu = process.cpuUsage(cpu0);
  return (cpu.user + cpu.system) / 1000 / n;
}
