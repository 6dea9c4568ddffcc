// `pnpm bench`: the WhatsApp webhook pipeline under open-loop load, against the production build.
// A benchmark, not a test: it prints numbers and exits non-zero only when it cannot run at all.
// Environment: BENCH_RATES (msg/s, comma-separated), BENCH_SECONDS (window per rate, default 30),
// BENCH_SQL_SECONDS (SQL ceiling window, default min(10, BENCH_SECONDS)), TEST_DATABASE_URL,
// BENCH_ONLY=bot (only the bot's sections: rules, bot-bench.ts; AI path, bot-ai-bench.ts),
// BENCH_ONLY=crm (only the CRM section, see crm-bench.ts).
// BENCH_ONLY=whatsapp (the sender's rate per number and media downloads, whatsapp-bench.ts).
// BENCH_ONLY=quota (the billing gate per message, see quota-bench.ts).
// BENCH_ONLY=tracing (the inbound pipeline with tracing exported vs off, see tracing-bench.ts).
// BENCH_ONLY=analytics (the dashboard's queries over 1M messages and 100k leads, analytics-bench.ts).
// BENCH_ONLY=webhooks (outbound webhook deliveries per second with signing, webhook-bench.ts).
// BENCH_ONLY=bundles (First Load JS per dashboard route, gzipped, from the build's stats; dashboard-bundles.ts).
// BENCH_ONLY=pipeline (the webhook pipeline, SQL ceiling and widget sizes only: the rows the tree
// before issue 16 had, so tests/load/compare.ts can run both trees the same way).
// Streams and the widget's send endpoint (stream-bench.ts): BENCH_STREAM_VISITORS (default 1000),
// BENCH_AGENT_STREAMS (50), BENCH_WIDGET_RATES (msg/s, one round per rate, default 25,50,100); BENCH_STREAM_VISITORS=0 skips it.
// After them, the widget message's own SQL ceiling and ratios (widget-ceiling.ts).
// BENCH_FLOOR_RATES (default 100,400; 0 skips): what a request that does nothing costs next start
// and node:http at those rates (framework-floor.ts), beside a message's cost.
// BENCH_PROFILE_DIR=<dir>: a CPU profile of the app per widget round (app-profile.ts).
// BENCH_GC_LOG=<file>: the app's and this process's long GC pauses and event-loop stalls (app-profile.ts).
import { existsSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { repoRoot } from "@vendaflow/db/paths";
import { appServerEnv, TEST_KEYS } from "../support/app-env";
import { freePort, startNextServer, type NextServer } from "../support/next-server";
import { cpuMsAt, cpuWindow, findChildPids, otherCpu, postgresMatcher, snapshot, type CpuSnapshot, type CpuUse } from "./cpu";
import { startGraphRecorder, type GraphRecorder } from "./graph-recorder";
import { offerRate, waNumber, type RateResult, type Target } from "./open-loop";
import { liveHeapEnv } from "./live-heap";
import { ceilingDetails, compilePlan, measureCeiling, whatsappSeeds, type CeilingResult } from "./sql-ceiling";
import { traceOneMessage } from "./sql-trace";
import { createBenchDb, type Activity, type BenchDb } from "./setup-db";
import { fmt, fmtInt, kb, summarize, table } from "./stats";
import { widgetSizes } from "./widget-sizes";
import { streamBench, type StreamRound } from "./stream-bench";
import { withProfileEnv } from "./app-profile";
import { widgetCeiling } from "./widget-ceiling";
import { webhookBench } from "./webhook-bench";
import { botRulesBench } from "./bot-bench";
import { botAiBench } from "./bot-ai-bench";
import { crmBench } from "./crm-bench";
import { whatsappBench } from "./whatsapp-bench";
import { quotaBench } from "./quota-bench";
import { tracingBench } from "./tracing-bench";
import { analyticsBench } from "./analytics-bench";
import { dashboardBundleLines } from "./dashboard-bundles";
import { precompiledBench } from "./precompiled-bench";
import { notifyCommitsBench } from "./notify-commits";
import { frameworkFloor, type FloorResult } from "./framework-floor";

const env = process.env;
const RATES = (env.BENCH_RATES ?? "25,35,50,70,100,140,200,300,500,750,1000,1500").split(",").map(Number).filter((n) => n > 0);
const SECONDS = Number(env.BENCH_SECONDS ?? 30);
const SQL_SECONDS = Number(env.BENCH_SQL_SECONDS ?? Math.min(10, SECONDS));
const ADMIN_URL = env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const PIPELINE_ONLY = env.BENCH_ONLY === "pipeline";
const HOLD = { seconds: 30, p95Ms: 50, targetRate: 1000 };
/** BENCH_APPS: how many `next start` processes share the webhook load (default 1). */
const APPS = Math.max(1, Number(env.BENCH_APPS ?? 1));
/** BENCH_FLOOR_RATES: request rates of the framework floor (framework-floor.ts); "0" skips it. */
const FLOOR_RATES = (env.BENCH_FLOOR_RATES ?? "100,400").split(",").map(Number).filter((n) => n > 0);
const STREAMS = { visitors: Number(env.BENCH_STREAM_VISITORS ?? 1000), agents: Number(env.BENCH_AGENT_STREAMS ?? 50), rates: (env.BENCH_WIDGET_RATES ?? "25,50,100").split(",").map(Number).filter((n) => n > 0) };
/** A rate "clearly fails" past these; higher rates are not tried. */
const GIVE_UP = { p95Ms: 500 };
/** createDb's default pool size, which apps/web/lib/server/deps.ts keeps: the app's DB concurrency. */
const APP_POOL = 10;

const log = (s: string) => process.stderr.write(`[bench] ${s}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface PoolUse {
  /** Average app connections active or idle in a transaction (of APP_POOL). */
  busy: number;
  idleInTx: number;
  lockWaits: number;
}

interface Row {
  r: RateResult;
  cpu: CpuUse;
  pool: PoolUse;
}

/** Waits (at most maxMs) until the app has worked off its backlog: no busy DB connection for 1 s. */
async function waitForIdle(db: BenchDb, maxMs = 60_000): Promise<boolean> {
  const deadline = performance.now() + maxMs;
  let quiet = 0;
  while (performance.now() < deadline) {
    const a = await db.activity();
    quiet = a.active + a.idleInTx === 0 ? quiet + 1 : 0;
    if (quiet >= 4) return true;
    await sleep(250);
  }
  return false;
}

/** Samples pg_stat_activity five times a second between start() and stop(). */
function activitySampler(db: BenchDb) {
  const samples: Activity[] = [];
  let timer: NodeJS.Timeout | undefined;
  let inFlight = false;
  return {
    start() {
      timer = setInterval(() => {
        if (inFlight) return;
        inFlight = true;
        db.activity().then((a) => void samples.push(a), () => {}).finally(() => (inFlight = false));
      }, 200);
    },
    stop(): PoolUse {
      clearInterval(timer);
      const n = Math.max(1, samples.length);
      const avg = (f: (a: Activity) => number) => samples.reduce((t, a) => t + f(a), 0) / n;
      return { busy: avg((a) => a.active + a.idleInTx), idleInTx: avg((a) => a.idleInTx), lockWaits: avg((a) => a.lockWaits) };
    },
  };
}

/** One `next start`; a second one shares the first one's ROOT_DOMAIN (webhooks carry that host). */
async function startApp(appUrl: string, graphBaseUrl: string, sharedRootDomain?: string): Promise<{ server: NextServer; rootDomain: string }> {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const rootDomain = sharedRootDomain ?? `localhost:${port}`;
    try {
      const server = await startNextServer(withProfileEnv(appServerEnv(appUrl, rootDomain, { WHATSAPP_GRAPH_BASE_URL: graphBaseUrl, PRECOMPILED_CHECK: "0", ...liveHeapEnv() })), { port });
      return { server, rootDomain };
    } catch (err) {
      if (attempt >= 3) throw err;
      // Another build may be replacing apps/web/.next right now.
      log(`next start failed (attempt ${attempt}), retrying in 20 s: ${(err as Error).message.split("\n")[0]}`);
      await sleep(20_000);
    }
  }
}

async function runRate(target: Target, recorder: GraphRecorder, take: () => CpuSnapshot, db: BenchDb, rate: number, seconds: number, series: number): Promise<Row> {
  const w = cpuWindow(take);
  const sampler = activitySampler(db);
  let pool: PoolUse = { busy: Number.NaN, idleInTx: Number.NaN, lockWaits: Number.NaN };
  const hooks = {
    start: () => {
      w.hooks.start();
      sampler.start();
    },
    end: () => {
      w.hooks.end();
      pool = sampler.stop();
    },
  };
  const r = await offerRate(target, recorder, rate, seconds, series, hooks);
  return { r, cpu: w.use(), pool };
}

/** CPU used by everything else on the machine (other engineers' builds, servers), % of one core. */

const passes = (row: Row) => row.r.httpErrors + row.r.timeouts === 0 && summarize(row.r.latencies).p95 < HOLD.p95Ms && row.r.sentPerSec >= 0.98 * row.r.rate;
const clearlyFails = (row: Row) => row.r.httpErrors + row.r.timeouts > 0 || !(summarize(row.r.latencies).p95 <= GIVE_UP.p95Ms);

function boundNote(rows: Row[], ceiling: CeilingResult | null, ceilingCpu: CpuUse | null): string[] {
  const top = rows.find(clearlyFails) ?? rows.at(-1);
  if (!top) return [];
  const c = top.cpu;
  const cores = os.cpus().length;
  const other = otherCpu(c);
  const perMsg = (pct: number) => `${fmt(cpuMsAt(pct, top.r.sentPerSec), 2)} ms`;
  const lines = [
    `at ${top.r.rate} msg/s (send window): machine ${fmt(c.machine, 0)}% busy of ${cores} cores; app (next start) ${fmt(c.app, 0)}% of a core, Postgres ${fmt(c.postgres, 0)}%, this load generator + Graph stand-in ${fmt(c.self, 0)}%, other processes ${fmt(other, 0)}%`,
    `CPU per message: app ${perMsg(c.app)}, Postgres ${perMsg(c.postgres)}, generator ${perMsg(c.self)}`,
  ];
  const appMs = cpuMsAt(c.app, top.r.sentPerSec);
  if (appMs > 0) lines.push(`one app process (one event loop) tops out near ${fmtInt(1000 / appMs)} msg/s at that cost`);
  const p = top.pool;
  lines.push(`app DB connections: ${fmt(p.busy)} of ${APP_POOL * APPS} in use on average, ${fmt(p.idleInTx)} of them idle in a transaction (holding the connection while the app's event loop gets back to it), ${fmt(p.lockWaits)} waiting on a lock`);
  const poolFull = p.busy >= 0.9 * APP_POOL * APPS;
  if (c.machine >= 90) {
    const biggest = [["the app process (next start)", c.app], ["Postgres", c.postgres], ["the load generator", c.self], ["other processes on the machine", other]] as const;
    const [name] = [...biggest].sort((x, y) => y[1] - x[1])[0]!;
    lines.push(`→ CPU-bound: the ${cores} cores are saturated; the largest consumer is ${name}.`);
  } else if (c.app >= 85 * APPS) {
    lines.push("→ the app's single Node.js event loop is at one core (next start is one process): more app processes, not Postgres, would raise the rate.");
  } else if (p.busy >= 0.7 * APP_POOL * APPS && p.idleInTx >= p.busy / 2) {
    lines.push(`→ the app: its connections sit idle inside transactions waiting for its event loop (${fmt(c.app, 0)}% of a core on average, busier in bursts), so its pool of ${APP_POOL} runs out while Postgres waits.`);
  } else if (poolFull) {
    lines.push(`→ the app's pool of ${APP_POOL} connections is the bottleneck: every connection is busy in Postgres and further messages queue for one while neither CPU is saturated.`);
  } else {
    lines.push("→ neither CPU nor the connection pool is saturated on average: look at bursts (GC pauses, other processes).");
  }
  if (ceiling && ceilingCpu) {
    const pgMs = cpuMsAt(ceilingCpu.postgres, ceiling.perSec);
    lines.push(`Postgres alone: ${fmtInt(ceiling.perSec)} msg/s for the same statements, at ${fmt(pgMs, 2)} ms of Postgres CPU per message: even with all ${cores} cores to itself Postgres would top out near ${fmtInt((cores * 1000) / pgMs)} msg/s for this pipeline.`);
  }
  if (other >= 25) lines.push(`note: the machine was shared: other processes used ${fmt(other, 0)}% of a core during this window, so these numbers are pessimistic.`);
  return lines;
}

async function printReport(o: { db: BenchDb; buildId: string; rows: Row[]; ceiling: CeilingResult | null; ceilingCpu: CpuUse | null; ceilingError: string | null; plan: { statements: number; roundTrips: number; socketWrites: number; transactions: number; units: number } | null; load: number[]; crm: string[]; quota: string[]; streams: string[]; floor: FloorResult | null }) {
  const cpus = os.cpus();
  const out: string[] = [];
  out.push("Vendaflow benchmark: WhatsApp webhook → bot reply at the Graph stand-in");
  out.push(`machine: ${cpus.length} × ${cpus[0]?.model ?? "?"}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, ${os.type()} ${os.release()}; load average at start ${o.load.map((l) => l.toFixed(2)).join(" ")}`);
  out.push(`software: Node ${process.version}; PostgreSQL ${o.db.serverVersion} (local); ${APPS} × next start of build ${o.buildId} (webhooks alternate between them); app DB pool ${APP_POOL} per process`);
  out.push(`load: open loop, signed webhooks from new numbers ("oi" → first question), keep-alive http.Agent (256 sockets); window ${SECONDS} s per rate; done = reply reached the Graph stand-in; timeout = no reply 10 s after the last send`);
  out.push("");
  const header = ["offered/s", "sent/s", "achieved/s", "msgs", "errors", "timeouts", "p50 ms", "p95 ms", "p99 ms", "ack p50", "ack p99", "gen lag", "app CPU", "pg CPU", "gen CPU", "other", "machine", "conns", "in tx"];
  const rows = o.rows.map(({ r, cpu, pool }) => {
    const e2e = summarize(r.latencies);
    const ack = summarize(r.ackLatencies);
    return [
      String(r.rate), fmt(r.sentPerSec), fmt(r.achievedPerSec), String(r.messages), String(r.httpErrors), String(r.timeouts),
      fmt(e2e.p50), fmt(e2e.p95), fmt(e2e.p99), fmt(ack.p50), fmt(ack.p99), `${fmt(r.maxLagMs, 0)}ms`,
      `${fmt(cpu.app, 0)}%`, `${fmt(cpu.postgres, 0)}%`, `${fmt(cpu.self, 0)}%`, `${fmt(otherCpu(cpu), 0)}%`, `${fmt(cpu.machine, 0)}%`,
      fmt(pool.busy), fmt(pool.idleInTx),
    ];
  });
  out.push(table(header, rows));
  out.push(`(latencies in ms, p50/p95/p99 = webhook sent → reply at the Graph stand-in; ack = webhook HTTP response; gen lag = generator's worst delay behind schedule; CPU over the send window in % of one core: app = next start, gen = this process (load generator + Graph stand-in), other = everything else on the machine; machine = % of all cores; conns = app DB connections in use on average, of ${APP_POOL}; in tx = of those, idle in a transaction, i.e. waiting for the app)`);
  const errs = o.rows.flatMap(({ r }) => r.firstErrors.map((e) => `${r.rate}/s: ${e}`));
  if (errs.length) out.push(`first errors: ${[...new Set(errs)].slice(0, 6).join("; ")}`);
  const extra = o.rows.reduce((a, row) => a + row.r.extraReplies, 0);
  if (extra) out.push(`note: ${extra} Graph calls beyond one per message (latency counts the first)`);
  const resent = o.rows.reduce((a, row) => a + row.r.resent, 0);
  if (resent) out.push(`note: ${resent} webhooks sent a second time after a keep-alive race (ECONNRESET on a reused idle socket; latency counts from the first attempt)`);
  out.push("");

  const held = o.rows.filter(passes).map((row) => row.r.rate);
  const best = held.length ? Math.max(...held) : null;
  const bestRow = o.rows.find((row) => row.r.rate === best);
  const windowNote = SECONDS < HOLD.seconds ? ` (window ${SECONDS}s, not ${HOLD.seconds}s)` : "";
  out.push(`highest rate held ${HOLD.seconds} s with no error and p95 < ${HOLD.p95Ms} ms${windowNote}: ${best === null ? "none of the offered rates" : `${best} msg/s`}   target ≥ ${HOLD.targetRate} msg/s: ${best !== null && best >= HOLD.targetRate ? "met" : "NOT met"}`);
  if (o.ceiling) {
    const c = o.ceiling;
    const ratio = (x: number) => fmt(x / c.perSec, 2);
    const maxAchieved = Math.max(...o.rows.map((row) => row.r.achievedPerSec));
    out.push(
      `SQL ceiling (the pipeline's ${o.plan?.statements} statements, ${o.plan?.transactions} transactions, ${o.plan?.units} pool checkouts per message, straight through pg as the app role; ${c.connections} connections, ${c.workers} in flight, closed loop, ${fmt(c.seconds, 1)} s): ${fmtInt(c.perSec)} msg/s (${c.errors} errors${c.mismatches ? `, ${c.mismatches} row-count mismatches` : ""})`,
    );
    out.push(...ceilingDetails(c, o.ceilingCpu, o.plan?.statements ?? 0));
    out.push(`  held rate / SQL ceiling = ${bestRow ? `${fmtInt(bestRow.r.achievedPerSec)} / ${fmtInt(c.perSec)} = ${ratio(bestRow.r.achievedPerSec)}` : "— (no rate held)"}; best achieved / SQL ceiling = ${fmtInt(maxAchieved)} / ${fmtInt(c.perSec)} = ${ratio(maxAchieved)}`);
  } else {
    out.push(`SQL ceiling: not measured (${o.ceilingError ?? "skipped"})`);
  }
  const per = bestRow ?? o.rows.find(clearlyFails) ?? o.rows.at(-1);
  if (per && o.plan) {
    const ms = (pct: number) => fmt(cpuMsAt(pct, per.r.sentPerSec), 2);
    out.push(`per message (${per.r.rate} msg/s row): ${o.plan.statements} SQL statements in ${o.plan.roundTrips} round trips (${o.plan.socketWrites} socket writes), ${o.plan.transactions} transactions, ${o.plan.units} pool checkouts; Node CPU ${ms(per.cpu.app)} ms, Postgres CPU ${ms(per.cpu.postgres)} ms${o.ceiling && o.ceilingCpu ? ` (the same statements alone: Postgres ${fmt(cpuMsAt(o.ceilingCpu.postgres, o.ceiling.perSec), 2)} ms)` : ""}`);
  }
  if (o.floor) {
    out.push(...o.floor.lines);
    // The message rows at the floor's rates: how much of a message's app CPU is the floor of its webhook.
    for (const row of o.rows) {
      const floorMs = o.floor.nextMs.get(row.r.rate);
      if (floorMs === undefined || !(row.r.sentPerSec > 0)) continue;
      const msgMs = cpuMsAt(row.cpu.app, row.r.sentPerSec);
      out.push(`  a WhatsApp message at ${row.r.rate} msg/s: ${fmt(msgMs, 2)} ms of app CPU, of which its webhook's floor at that rate is ${fmt(floorMs, 2)} ms (${fmt((100 * floorMs) / msgMs, 0)} %); the rest is the pipeline (its statements, the bot, the Graph calls)`);
    }
    // The 0.8 target in CPU: what the floor (at its cheapest, the highest rate measured) and Postgres
    // would take at 0.8 of the ceiling, and what that leaves per message on this machine's cores.
    const cheapest = o.floor.cheapestMs;
    if (o.ceiling && o.ceilingCpu && cheapest !== null) {
      const rate = 0.8 * o.ceiling.perSec;
      const pgMs = cpuMsAt(o.ceilingCpu.postgres, o.ceiling.perSec);
      const cores = os.cpus().length;
      const left = cores - (rate * (cheapest + pgMs)) / 1000;
      out.push(`  at 0.8 of the SQL ceiling (${fmtInt(rate)} msg/s) the webhooks' floor alone takes ${fmt((rate * cheapest) / 1000, 2)} cores and Postgres ${fmt((rate * pgMs) / 1000, 2)} (its ${fmt(pgMs, 2)} ms per message in the ceiling): ${left > 0 ? `${fmt(left, 2)} of the ${cores} cores left for the pipeline's own work and the load generator, ${fmt((1000 * left) / rate, 2)} ms per message` : `more than the ${cores} cores before the pipeline does any work of its own`}`);
    }
  }
  for (const l of await precompiledBench()) out.push(l);
  for (const l of await notifyCommitsBench(ADMIN_URL).catch((err: Error) => [`notifying commits: unavailable (${err.message.split("\n")[0]})`])) out.push(l);
  out.push("");
  for (const l of o.streams) out.push(l);
  if (o.streams.length) out.push("");
  try {
    const w = widgetSizes();
    for (const s of w.sizes) {
      out.push(`widget ${`${s.name}.js`.padEnd(9)} ${kb(s.raw).padStart(9)} raw  ${kb(s.gzip).padStart(9)} gzip   budget ${s.budget / 1024} KB gzip: ${s.gzip <= s.budget ? "ok" : "OVER"}`);
    }
    out.push(`  (${w.note})`);
  } catch (err) {
    out.push(`widget sizes: unavailable (${(err as Error).message.split("\n")[0]})`);
  }
  out.push("");
  for (const l of dashboardBundleLines()) out.push(l);
  out.push("");
  if (!PIPELINE_ONLY) {
    for (const l of botRulesBench(Math.min(20, Math.max(3, SECONDS))).lines) out.push(l);
    out.push("");
    for (const l of await botAiBench()) out.push(l);
    out.push("");
    for (const l of o.crm) out.push(l);
    out.push("");
    for (const l of o.quota) out.push(l);
    out.push("");
  }
  out.push("what bounds it:");
  for (const l of boundNote(o.rows, o.ceiling, o.ceilingCpu)) out.push(`  ${l}`);
  console.log(out.join("\n"));
}

async function main(): Promise<number> {
  if (env.BENCH_GC_LOG) {
    Object.assign(process.env, { PROBE_GC_LOG: path.resolve(env.BENCH_GC_LOG), PROBE_GC_WHO: "bench" });
    await import(pathToFileURL(path.join(repoRoot(), "tests", "load", "gc-preload.mjs")).href);
  }
  // One section alone, for quick runs: BENCH_ONLY=bot (the bot's rules; needs no build).
  if (env.BENCH_ONLY === "bot") {
    console.log(botRulesBench().lines.join("\n"));
    console.log("");
    console.log((await botAiBench()).join("\n"));
    return 0;
  }
  if (env.BENCH_ONLY === "crm") {
    console.log((await crmBench(ADMIN_URL)).lines.join("\n"));
    return 0;
  }
  // BENCH_ONLY=whatsapp: the sender's rate per number and media downloads (needs no build).
  if (env.BENCH_ONLY === "whatsapp") {
    console.log((await whatsappBench()).lines.join("\n"));
    return 0;
  }
  if (env.BENCH_ONLY === "quota") {
    console.log((await quotaBench(ADMIN_URL)).join("\n"));
    return 0;
  }
  if (env.BENCH_ONLY === "tracing") {
    console.log((await tracingBench(ADMIN_URL)).join("\n"));
    return 0;
  }
  if (env.BENCH_ONLY === "analytics") {
    console.log((await analyticsBench(ADMIN_URL)).join("\n"));
    return 0;
  }
  if (env.BENCH_ONLY === "webhooks") {
    console.log((await webhookBench(ADMIN_URL)).join("\n"));
    return 0;
  }
  if (env.BENCH_ONLY === "bundles") {
    console.log(dashboardBundleLines().join("\n"));
    return 0;
  }
  const buildIdFile = path.join(repoRoot(), "apps", "web", ".next", "BUILD_ID");
  if (!existsSync(buildIdFile)) {
    console.error("apps/web has no production build (apps/web/.next/BUILD_ID): run `pnpm build` first, then `pnpm bench`.");
    return 1;
  }
  if (!RATES.length || !(SECONDS > 0)) {
    console.error("BENCH_RATES must list positive rates (msg/s) and BENCH_SECONDS must be > 0.");
    return 1;
  }
  const buildId = readFileSync(buildIdFile, "utf8").trim();
  const load = os.loadavg();
  const cleanups: (() => Promise<unknown>)[] = [];
  const cleanup = async () => {
    while (cleanups.length) await cleanups.pop()!().catch((err: Error) => log(`cleanup: ${err.message}`));
  };
  process.once("SIGINT", () => {
    log("interrupted: cleaning up");
    void cleanup().then(() => process.exit(130));
  });

  try {
    log(`creating the bench database on ${new URL(ADMIN_URL).host}`);
    const db = await createBenchDb(ADMIN_URL);
    cleanups.push(() => db.drop());
    const recorder = await startGraphRecorder(TEST_KEYS.waAccessToken);
    cleanups.push(() => recorder.close());
    log(`starting ${APPS} × next start (production build)`);
    const { server, rootDomain } = await startApp(db.appUrl, recorder.baseUrl);
    cleanups.push(() => server.stop());
    const ports = [server.port];
    for (let i = 1; i < APPS; i++) {
      const more = await startApp(db.appUrl, recorder.baseUrl, rootDomain);
      cleanups.push(() => more.server.stop());
      ports.push(more.server.port);
    }
    const appPids = findChildPids(process.pid, (comm, cmdline) => comm.startsWith("next") || cmdline.includes("next"));
    if (appPids.length !== APPS) log(`found ${appPids.length} app processes of ${APPS}: app CPU may read low`);
    const appPid = appPids[0] ?? null;
    const isBenchPostgres = postgresMatcher(db.dbName, db.clusterName);
    const take = () => snapshot(appPids, isBenchPostgres);
    const target: Target = { ports, host: rootDomain, appSecret: TEST_KEYS.waAppSecret, phoneNumberId: db.phoneNumberId };

    log("warm-up: 3 s at 50 msg/s (not reported)");
    const warm = await offerRate(target, recorder, 50, 3, 99);
    if (warm.completed === 0) {
      console.error(`the pipeline answered no message during warm-up (${warm.firstErrors.join("; ") || "no replies"}). App log:\n${server.logs.join("").slice(-4000)}`);
      return 1;
    }

    await waitForIdle(db);
    log("tracing one message's SQL");
    const trace = await traceOneMessage({
      appUrl: db.appUrl,
      phoneNumberId: db.phoneNumberId,
      publicBaseUrl: `http://${rootDomain}`,
      rootDomain,
      encryptionKey: TEST_KEYS.encryptionKey,
      tokenSecret: TEST_KEYS.tokenSecret,
      waAccessToken: TEST_KEYS.waAccessToken,
      waAppSecret: TEST_KEYS.waAppSecret,
      waId: waNumber(98, 0),
    });
    const plan = compilePlan(trace);

    const rows: Row[] = [];
    for (const [i, rate] of RATES.entries()) {
      await db.analyze();
      log(`offering ${rate} msg/s for ${SECONDS} s`);
      const row = await runRate(target, recorder, take, db, rate, SECONDS, i + 1);
      rows.push(row);
      const s = summarize(row.r.latencies);
      log(`  achieved ${fmt(row.r.achievedPerSec)} msg/s, errors ${row.r.httpErrors}, timeouts ${row.r.timeouts}, p95 ${fmt(s.p95)} ms`);
      if (appPids.some((pid) => !existsSync(`/proc/${pid}`))) {
        console.error(`the app process exited during the run (was apps/web/.next rebuilt meanwhile?). App log:\n${server.logs.join("").slice(-4000)}`);
        return 1;
      }
      if (clearlyFails(row)) {
        if (i < RATES.length - 1) log(`  ${rate} msg/s clearly fails: not escalating further`);
        break;
      }
      await waitForIdle(db);
    }
    if (rows.some((row) => row.r.httpErrors + row.r.timeouts > 0)) {
      const problems = server.logs.join("").split("\n").filter((l) => /error|warn/i.test(l));
      if (problems.length) log(`app log (errors/warnings, last 10):\n${problems.slice(-10).join("\n")}`);
    }

    let floor: FloorResult | null = null;
    if (FLOOR_RATES.length && appPid !== null) {
      await waitForIdle(db);
      log(`framework floor: Meta's subscription check at ${FLOOR_RATES.join(", ")} requests/s`);
      floor = await frameworkFloor({ port: server.port, host: rootDomain, token: TEST_KEYS.waVerifyToken, rates: FLOOR_RATES, seconds: Math.min(10, SECONDS), nextPid: appPid }).catch((err: Error) => ({ lines: [`framework floor: unavailable (${err.message.split("\n")[0]})`], nextMs: new Map(), cheapestMs: null }));
    }

    let streams: string[] = [];
    let streamRounds: StreamRound[] = [];
    if (STREAMS.visitors > 0) {
      await waitForIdle(db);
      log(`streams: ${STREAMS.visitors} widget visitors + ${STREAMS.agents} agent streams, widget sends at ${STREAMS.rates.join(", ")} msg/s`);
      ({ lines: streams, rounds: streamRounds } = await streamBench({ port: server.port, rootDomain, db, appPid, visitors: STREAMS.visitors, agentStreams: STREAMS.agents, rates: STREAMS.rates, take, idleSeconds: Math.min(10, SECONDS) }).catch((err: Error) => ({ lines: [`widget send and live streams: unavailable (${err.message.split("\n")[0]})`], rounds: [] })));
    }

    if (!(await waitForIdle(db))) log("the app is still busy with the backlog after 60 s: the SQL ceiling shares Postgres with it");
    let ceiling: CeilingResult | null = null;
    let ceilingError: string | null = null;
    let ceilingCpu: CpuUse | null = null;
    try {
      await db.analyze();
      log(`SQL ceiling: replaying ${plan.statements} statements per message for ${SQL_SECONDS} s`);
      const w = cpuWindow(take);
      ceiling = await measureCeiling(db.appUrl, plan, { seconds: SQL_SECONDS, connections: APP_POOL, workers: APP_POOL, seeds: whatsappSeeds, hooks: w.hooks });
      ceilingCpu = w.use();
    } catch (err) {
      ceilingError = (err as Error).message;
    }

    if (streamRounds.length) {
      await waitForIdle(db);
      const widget = await widgetCeiling({ db, rootDomain, take, seconds: SQL_SECONDS, pool: APP_POOL, rounds: streamRounds, log }).catch((err: Error) => [`widget SQL ceiling: unavailable (${err.message.split("\n")[0]})`]);
      streams = [...streams, ...widget];
    }

    const planSize = { statements: plan.statements, roundTrips: plan.roundTrips, socketWrites: plan.socketWrites, transactions: plan.transactions, units: plan.units.length };
    if (PIPELINE_ONLY) {
      await printReport({ db, buildId, rows, ceiling, ceilingCpu, ceilingError, plan: planSize, load, crm: [], quota: [], streams, floor });
      return 0;
    }
    log("billing quota gate");
    const quota = await quotaBench(ADMIN_URL).catch((err: Error) => [`quota gate: unavailable (${err.message})`]);
    // After the HTTP load: the CRM section builds its own database of a million leads.
    let crm: string[];
    try {
      crm = (await crmBench(ADMIN_URL)).lines;
    } catch (err) {
      crm = [`CRM lead list: unavailable (${(err as Error).message.split("\n")[0]})`];
    }
    await printReport({ db, buildId, rows, ceiling, ceilingCpu, ceilingError, plan: planSize, load, crm, quota, streams, floor });
    console.log(["", ...(await whatsappBench()).lines].join("\n"));
    console.log(["", ...(await tracingBench(ADMIN_URL))].join("\n"));
    const dashboard = await analyticsBench(ADMIN_URL).catch((err: Error) => [`Dashboard queries: unavailable (${err.message.split("\n")[0]})`]);
    console.log(["", ...dashboard].join("\n"));
    const webhooks = await webhookBench(ADMIN_URL).catch((err: Error) => [`Outbound webhook deliveries: unavailable (${err.message.split("\n")[0]})`]);
    console.log(["", ...webhooks].join("\n"));
    return 0;
  } finally {
    await cleanup();
  }
}

main().then(
  (code) => process.exit(code),
  (err: Error) => {
    console.error(`bench could not run: ${err.stack ?? err.message}`);
    process.exit(1);
  },
);
