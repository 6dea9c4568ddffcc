// A quick look at one `next start` under the WhatsApp pipeline, for finding where a message's cost
// goes (not a benchmark row: `pnpm bench` is). `pnpm exec tsx tests/load/pipeline-probe.ts`:
// a fresh bench database and the Graph stand-in, the production build started once, warm-up, then
// - the app's CPU while idle (PROBE_IDLE_SECONDS, default 5): what a low rate's per-message figure
//   carries that is not per message;
// - PROBE_ROUNDS (default 1) open-loop runs at PROBE_RATE msg/s (default 20) for PROBE_SECONDS
//   (default 10): app and Postgres CPU per answered message (from /proc, first webhook to last reply
//   + 1 s), latency, errors;
// - PROBE_SQL_LOG=<the server's log file> (a local server whose log you can read, as a superuser):
//   `log_statement = all` for the bench database only, and the statements each message made during
//   the run, grouped by text (what the app really sends, the sender's and scheduler's included);
// - PROBE_PROFILE_DIR=<dir>: a CPU profile of the app over each run (cpu-profile-preload.mjs),
//   summarised with `pnpm exec tsx tests/load/cpu-profile-summary.ts <file>`; with
//   PROBE_PROFILE_KIND=promoted, what the app allocated that outlived a scavenge instead, and with
//   PROBE_PROFILE_KIND=allocated, everything it allocated
//   (`tests/load/heap-profile-summary.ts`);
// - PROBE_SLOW_MS=<ms> with PROBE_SQL_LOG: log only statements slower than that, instead of all;
// - PROBE_GC_LOG=<file>: the app's (and this process's: load generator, Graph stand-in)
//   mark-compact GCs, GC pauses over 5 ms and event-loop stalls over 40 ms, with wall-clock times (gc-preload.mjs), to line up with the seconds the probe
//   prints as slow (≥ 5 replies over 50 ms) and with the Postgres log;
// - PROBE_PG_DELAY_MS=<ms>: the app reaches Postgres through delay-proxy.ts, every chunk held that
//   long each way (a network's round trip instead of loopback's), to see what round trips cost;
// - PROBE_NODE_OPTIONS=<flags>: added to the app's NODE_OPTIONS (V8 or GC flags to compare);
// - PROBE_PROMISES=<file>: the promises the app creates, counted every 5 s with a sample of their
//   stacks (promise-count-preload.mjs), summarised by tests/load/promise-origins-summary.ts;
// - PROBE_TRACING=on|off: spans exported to the OTLP collector stand-in (every trace, as in
//   production) or not recorded (always_off, same endpoint); unset, no endpoint (nothing recorded);
// - PROBE_ADMIN_SQL=<sql>: run as the superuser in the bench database before the app starts (e.g.
//   `alter table … disable trigger …` to see what a trigger costs), and PROBE_ADMIN_AFTER=<query>:
//   run the same way after each round, its rows printed (e.g. pg_stat_user_functions with
//   track_functions = 'all': what each trigger function cost per message).
// Run it from two checkouts (each with its own build) one after the other to compare trees under
// the same machine load; on a shared machine compare runs made minutes apart, never single figures.
import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import pg from "pg";
import { appServerEnv, TEST_KEYS } from "../support/app-env";
import { freePort, startNextServer } from "../support/next-server";
import { cpuBetween, findChildPids, postgresMatcher, snapshot } from "./cpu";
import { startOtlpCollector } from "../stand-ins/otlp-collector";
import { startGraphRecorder } from "./graph-recorder";
import { offerRate, type Target } from "./open-loop";
import { startDelayProxy, type DelayProxy } from "./delay-proxy";
import { createBenchDb } from "./setup-db";
import { fmt, summarize } from "./stats";

const env = process.env;
const RATE = Number(env.PROBE_RATE ?? 20);
const SECONDS = Number(env.PROBE_SECONDS ?? 10);
const IDLE_SECONDS = Number(env.PROBE_IDLE_SECONDS ?? 5);
const ROUNDS = Number(env.PROBE_ROUNDS ?? 1);
const SQL_LOG = env.PROBE_SQL_LOG;
const PROFILE_DIR = env.PROBE_PROFILE_DIR ? path.resolve(env.PROBE_PROFILE_DIR) : null;
const ADMIN_URL = env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const TRACING = env.PROBE_TRACING;
const PRELOAD = path.join(path.dirname(fileURLToPath(import.meta.url)), "cpu-profile-preload.mjs");
const GC_PRELOAD = path.join(path.dirname(fileURLToPath(import.meta.url)), "gc-preload.mjs");
const GC_LOG = env.PROBE_GC_LOG ? path.resolve(env.PROBE_GC_LOG) : null;
const PROMISES_PRELOAD = path.join(path.dirname(fileURLToPath(import.meta.url)), "promise-count-preload.mjs");
const PROMISES = env.PROBE_PROMISES ? path.resolve(env.PROBE_PROMISES) : null;
const SLOW_MS = env.PROBE_SLOW_MS ? Number(env.PROBE_SLOW_MS) : null;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The bench database's statements in the log written since `from`, grouped by text with numbers and literals blanked. */
function loggedStatements(file: string, from: number, dbName: string): { total: number; byText: [string, number][] } {
  // A statement's further lines follow its log line, each starting with a tab.
  const text = readFileSync(file, "utf8").slice(from).replace(/\n\t/g, " ");
  const lines = text.split("\n").filter((l) => l.includes(`@${dbName} `) && /LOG: {2}(duration: [\d.]+ ms {2})?(statement|execute [^:]*|bind [^:]*):/.test(l));
  const byText = new Map<string, number>();
  for (const l of lines) {
    const k = l.replace(/.*LOG: {2}(duration: [\d.]+ ms {2})?(statement|execute [^:]*|bind [^:]*): /, "").replace(/\$\d+/g, "$").replace(/'[^']*'/g, "'…'").replace(/\s+/g, " ").slice(0, 140);
    byText.set(k, (byText.get(k) ?? 0) + 1);
  }
  return { total: lines.length, byText: [...byText].sort((a, b) => b[1] - a[1]) };
}

async function main(): Promise<number> {
  const db = await createBenchDb(ADMIN_URL);
  const recorder = await startGraphRecorder(TEST_KEYS.waAccessToken);
  let server: Awaited<ReturnType<typeof startNextServer>> | null = null;
  const collector = TRACING ? await startOtlpCollector() : null;
  const pgDelay = Number(env.PROBE_PG_DELAY_MS ?? 0);
  let proxy: DelayProxy | null = null;
  try {
    if (pgDelay > 0) {
      const u = new URL(db.appUrl);
      proxy = await startDelayProxy({ host: u.hostname, port: Number(u.port || 5432) }, pgDelay);
      console.log(`the app reaches Postgres through a proxy holding every chunk ${pgDelay} ms each way`);
    }
    if (SQL_LOG) await asSuperuser(db.dbName, SLOW_MS !== null ? `alter database ${db.dbName} set log_min_duration_statement = ${Math.max(0, Math.floor(SLOW_MS))}` : `alter database ${db.dbName} set log_statement = 'all'`);
    if (env.PROBE_ADMIN_SQL) await asSuperuser(db.dbName, env.PROBE_ADMIN_SQL);
    const port = await freePort();
    const rootDomain = `localhost:${port}`;
    const preloads = [...(PROFILE_DIR ? [PRELOAD] : []), ...(GC_LOG ? [GC_PRELOAD] : []), ...(PROMISES ? [PROMISES_PRELOAD] : [])];
    const extra: Record<string, string> = { WHATSAPP_GRAPH_BASE_URL: recorder.baseUrl, PRECOMPILED_CHECK: "0", ...(preloads.length || env.PROBE_NODE_OPTIONS ? { NODE_OPTIONS: [...preloads.map((p) => `--import ${p}`), env.PROBE_NODE_OPTIONS ?? ""].join(" ").trim() } : {}),
      ...(PROFILE_DIR ? { PROBE_PROFILE_DIR: PROFILE_DIR, ...(env.PROBE_PROFILE_KIND ? { PROBE_PROFILE_KIND: env.PROBE_PROFILE_KIND } : {}) } : {}), ...(GC_LOG ? { PROBE_GC_LOG: GC_LOG, PROBE_GC_WHO: "app" } : {}),
      ...(PROMISES ? { PROMISE_COUNT_FILE: PROMISES } : {}),
      ...(collector ? { OTEL_EXPORTER_OTLP_ENDPOINT: collector.url, OTEL_BSP_SCHEDULE_DELAY: "1000", ...(TRACING === "off" ? { OTEL_TRACES_SAMPLER: "always_off" } : {}) } : {}),
    };
    server = await startNextServer(appServerEnv(proxy ? proxy.via(db.appUrl) : db.appUrl, rootDomain, extra), { port });
    // The load generator and the Graph stand-in share this process: its own stalls delay the
    // replies' arrival times as much as the app's would, so they go to the same log.
    if (GC_LOG) {
      Object.assign(process.env, { PROBE_GC_LOG: GC_LOG, PROBE_GC_WHO: "probe" });
      await import(pathToFileURL(GC_PRELOAD).href);
    }
    // The process `next start` runs the server in (as run.ts finds it).
    const appPids = findChildPids(process.pid, (comm, cmdline) => comm.startsWith("next") || cmdline.includes("next"));
    const take = () => snapshot(appPids, postgresMatcher(db.dbName, db.clusterName));
    const target: Target = { ports: [port], host: rootDomain, appSecret: TEST_KEYS.waAppSecret, phoneNumberId: db.phoneNumberId };
    await offerRate(target, recorder, Math.min(RATE, 20), 3, 91);
    await sleep(2000);
    const i0 = take();
    await sleep(IDLE_SECONDS * 1000);
    const idle = cpuBetween(i0, take());
    console.log(`idle ${IDLE_SECONDS} s: app ${fmt(idle.app)} % of a core, Postgres ${fmt(idle.postgres)} %, machine ${fmt(idle.machine, 0)} % of all cores`);
    for (let round = 1; round <= ROUNDS; round++) {
      await db.analyze();
      const profile = () => PROFILE_DIR && appPids[0] && process.kill(appPids[0], "SIGUSR2");
      let a = take();
      let startedAt = Date.now();
      const logFrom = SQL_LOG ? statSync(SQL_LOG).size : 0;
      const r = await offerRate(target, recorder, RATE, SECONDS, 50 + round, {
        start: () => {
          startedAt = Date.now();
          a = take();
          profile();
        },
        end: () => {},
      });
      await sleep(1000);
      const b = take();
      profile();
      const cpu = cpuBetween(a, b);
      const perMsg = (pct: number) => ((pct / 100) * (b.at - a.at)) / Math.max(1, r.completed);
      const s = summarize(r.latencies);
      console.log(
        `round ${round}, ${RATE} msg/s for ${SECONDS} s: ${r.completed}/${r.messages} answered, ${r.httpErrors} errors, ${r.timeouts} timeouts, p50 ${fmt(s.p50)} p95 ${fmt(s.p95)} ms; ` +
          `CPU per message: app ${fmt(perMsg(cpu.app), 2)} ms (idle share ${fmt(perMsg(idle.app), 2)}), Postgres ${fmt(perMsg(cpu.postgres), 2)} ms; machine ${fmt(cpu.machine, 0)} %` +
          (r.firstErrors.length ? `; first errors: ${r.firstErrors.slice(0, 2).join(" | ")}` : ""),
      );
      // Replies over 50 ms by the second their webhook was sent in (latencies are in send order).
      const slow = new Map<number, number>();
      r.latencies.forEach((ms, i) => ms > 50 && slow.set(Math.floor(i / RATE), (slow.get(Math.floor(i / RATE)) ?? 0) + 1));
      const slowSeconds = [...slow].filter(([, n]) => n >= 5).map(([k, n]) => `${new Date(startedAt + k * 1000).toISOString().slice(11, 19)} (${n})`);
      console.log(`  seconds with 5 or more replies over 50 ms: ${slowSeconds.join(", ") || "none"}`);
      if (SQL_LOG) {
        const sqlSeen = loggedStatements(SQL_LOG, logFrom, db.dbName);
        const n = Math.max(1, r.completed);
        console.log(`  statements logged${SLOW_MS !== null ? ` (slower than ${SLOW_MS} ms)` : ""}: ${sqlSeen.total}, ${fmt(sqlSeen.total / n, 2)} per answered message`);
        for (const [k, c] of sqlSeen.byText.slice(0, 40)) console.log(`  ${fmt(c / n, 2).padStart(6)}  ${k}`);
      }
      if (env.PROBE_ADMIN_AFTER) {
        await sleep(1500); // backends flush their statistics when idle
        for (const row of await asSuperuser(db.dbName, env.PROBE_ADMIN_AFTER)) console.log(`  ${Object.values(row).join(" | ")}`);
      }
      if (PROFILE_DIR) await sleep(1500);
    }
    return 0;
  } finally {
    await server?.stop();
    await proxy?.close();
    await recorder.close();
    await collector?.close();
    await db.drop();
  }
}

/** One statement in the bench database as the superuser (TEST_DATABASE_URL's role); its rows. */
async function asSuperuser(dbName: string, sql: string): Promise<Record<string, unknown>[]> {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${dbName}`;
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

main().then(
  (code) => process.exit(code),
  (err: Error) => {
    console.error(`pipeline probe could not run: ${err.stack ?? err.message}`);
    process.exit(1);
  },
);
