import os from "node:os";
import { appServerEnv, TEST_KEYS } from "../support/app-env";
import { freePort, startNextServer, type NextServer } from "../support/next-server";
import { startOtlpCollector } from "../stand-ins/otlp-collector";
import { cpuBetween, cpuMsEach, postgresMatcher, snapshot } from "./cpu";
import { startGraphRecorder } from "./graph-recorder";
import { offerRate, type Target } from "./open-loop";
import { createBenchDb } from "./setup-db";
import { fmt, summarize, table } from "./stats";

// The cost of tracing on the inbound pipeline (issue 14's closing note, target < 5 %). Two
// `next start` processes of the same build run side by side, identical but for the sampler: "on"
// records every trace (the production default, parentbased_always_on) and exports it over OTLP/HTTP
// in protobuf (the default encoding) to the collector stand-in; "off" has OTEL_TRACES_SAMPLER=
// always_off, so its spans are not recorded and nothing is exported. Both have the same exporter
// endpoint (so both push OTel metrics), statement counting, metrics and wrappers: the difference is
// recording and exporting spans. Each has its own Graph stand-in. In every run the two are loaded
// at the same time at the same rate (each with its own new leads), so whatever else the machine does
// in that window (GC of the load generator, Postgres' checkpoints, other processes) falls on both
// alike: loading them one after the other left rounds of one mode up to 40 % apart. The app's CPU
// per answered message is read from /proc for both over the same window, from the first webhook
// until every reply arrived and the last batch of spans was exported (OTEL_BSP_SCHEDULE_DELAY=1000
// here, so that tail is short; production's 5 s would mean fewer, larger exports).
// BENCH_TRACING_RATES (msg/s per process, default "10,15,20"; both processes together carry 10 and
// 15 each with p95 under 100 ms on this machine, 20 each saturates it: p95 0.4-0.8 s in both modes), BENCH_TRACING_ROUNDS (default 4),
// BENCH_TRACING_SECONDS (per run; default 20 s), BENCH_TRACING_WARMUP (seconds per process before
// the first round, default 30: after 10 s the first round still ran colder code, 20-40 % more CPU per
// message than the last in both modes). BENCH_ONLY=tracing runs this section alone.

const env = process.env;
const RATES = (env.BENCH_TRACING_RATES ?? "10,15,20").split(",").map(Number).filter((n) => n > 0);
const ROUNDS = Number(env.BENCH_TRACING_ROUNDS ?? 4);
const secondsFor = (_rate: number) => Number(env.BENCH_TRACING_SECONDS ?? 20);
const WARMUP_SECONDS = Number(env.BENCH_TRACING_WARMUP ?? 30);
/** Both modes wait this long after the last reply before the window closes (one export delay + margin). */
const SETTLE_MS = 1500;

type Mode = "off" | "on";
interface Run {
  rate: number;
  round: number;
  mode: Mode;
  achieved: number;
  p50: number;
  p95: number;
  errors: number;
  completed: number;
  /** App CPU per answered message, ms. */
  cpuMsPerMsg: number;
  spansPerMsg: number;
  otherCpu: number;
}

const median = (xs: number[]) => {
  const s = xs.filter(Number.isFinite).sort((a, b) => a - b);
  if (!s.length) return Number.NaN;
  return s.length % 2 ? s[s.length >> 1]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

export async function tracingBench(adminUrl: string): Promise<string[]> {
  const log = (s: string) => process.stderr.write(`[bench:tracing] ${s}\n`);
  const db = await createBenchDb(adminUrl);
  const recorders = { off: await startGraphRecorder(TEST_KEYS.waAccessToken), on: await startGraphRecorder(TEST_KEYS.waAccessToken) };
  const collector = await startOtlpCollector();
  const runs: Run[] = [];
  const servers: Partial<Record<Mode, { server: NextServer; target: Target }>> = {};
  let series = 40;
  let measuredFrom = 0;
  const spanNames: string[] = [];
  try {
    const start = async (mode: Mode) => {
      const port = await freePort();
      const rootDomain = `localhost:${port}`;
      const tracing: Record<string, string> = { OTEL_EXPORTER_OTLP_ENDPOINT: collector.url, OTEL_BSP_SCHEDULE_DELAY: "1000", ...(mode === "off" ? { OTEL_TRACES_SAMPLER: "always_off" } : {}) };
      const server = await startNextServer(appServerEnv(db.appUrl, rootDomain, { WHATSAPP_GRAPH_BASE_URL: recorders[mode].baseUrl, PRECOMPILED_CHECK: "0", ...tracing }), { port });
      servers[mode] = { server, target: { ports: [port], host: rootDomain, appSecret: TEST_KEYS.waAppSecret, phoneNumberId: db.phoneNumberId } };
    };
    await Promise.all([start("off"), start("on")]);
    // Warm-up at the lowest rate offered: a faster one can leave a loaded machine with a backlog
    // that spills into the first measured runs.
    const warmRate = Math.min(50, ...RATES);
    await Promise.all((["off", "on"] as Mode[]).map((mode, i) => offerRate(servers[mode]!.target, recorders[mode], warmRate, WARMUP_SECONDS, series + i)));
    series += 2;
    await db.analyze();
    measuredFrom = collector.spans.length;
    for (let round = 1; round <= ROUNDS; round++) {
      for (const rate of RATES) {
        const modes: Mode[] = ["off", "on"];
        // snapshot() counts the whole tree of each `next start` process.
        const take = () => Object.fromEntries(modes.map((m) => [m, snapshot([servers[m]!.server.pid], postgresMatcher(db.dbName, db.clusterName))])) as Record<Mode, ReturnType<typeof snapshot>>;
        const a = take();
        const spansBefore = collector.spans.length;
        const results = await Promise.all(modes.map((mode, i) => offerRate(servers[mode]!.target, recorders[mode], rate, secondsFor(rate), series + i)));
        series += 2;
        await new Promise((res) => setTimeout(res, SETTLE_MS));
        const b = take();
        const spans = collector.spans.length - spansBefore;
        // Everyone else's CPU in the window: the machine's minus both apps, Postgres and this process.
        const both = modes.map((m) => cpuBetween(a[m], b[m]));
        const otherCpu = Math.max(0, (both[0]!.machine / 100) * os.cpus().length * 100 - both[0]!.postgres - both[0]!.self - both[0]!.app - both[1]!.app);
        modes.forEach((mode, i) => {
          const r = results[i]!;
          const cpu = both[i]!;
          const s = summarize(r.latencies);
          const windowSeconds = (b[mode].at - a[mode].at) / 1000;
          runs.push({
            rate,
            round,
            mode,
            achieved: r.achievedPerSec,
            p50: s.p50,
            p95: s.p95,
            errors: r.httpErrors + r.timeouts,
            completed: r.completed,
            cpuMsPerMsg: cpuMsEach(cpu.app, windowSeconds, r.completed),
            spansPerMsg: r.completed ? (mode === "on" ? spans : 0) / r.completed : Number.NaN,
            otherCpu,
          });
          const last = runs.at(-1)!;
          log(`${rate} msg/s round ${round} ${mode}: ${fmt(r.achievedPerSec)} msg/s, ${fmt(last.cpuMsPerMsg, 2)} ms CPU/msg, p95 ${fmt(s.p95)} ms${mode === "on" ? `, ${spans} spans` : ""}${r.firstErrors.length ? `; errors: ${r.firstErrors.slice(0, 2).join("; ")}` : ""}`);
        });
      }
    }
  } finally {
    await Promise.all(Object.values(servers).map((s) => s.server.stop()));
    spanNames.push(...collector.spans.slice(measuredFrom).map((sp) => sp.name.replace(/\d{6,}/g, "…")));
    await collector.close();
    await Promise.all(Object.values(recorders).map((r) => r.close()));
    await db.drop();
  }
  // What one message's trace holds (the "on" process's spans by name, per answered message).
  const answeredOn = runs.filter((r) => r.mode === "on").reduce((n, r) => n + r.completed, 0);
  const byName = new Map<string, number>();
  for (const sp of spanNames) byName.set(sp, (byName.get(sp) ?? 0) + 1);
  const pct = (ratio: number) => `${ratio >= 1 ? "+" : ""}${fmt((ratio - 1) * 100, 1)} %`;
  const out = [
    `Tracing overhead on the inbound pipeline (${ROUNDS} rounds per rate, off and on loaded at the same time, each at the rate; on = every trace recorded and exported over OTLP/HTTP protobuf to the stand-in collector, off = OTEL_TRACES_SAMPLER=always_off; per webhook: Next's request spans, the route's, the bot's outbound WhatsApp calls, statements counted):`,
  ];
  for (const rate of RATES) {
    const rs = runs.filter((r) => r.rate === rate);
    out.push(
      `${rate} msg/s offered, ${secondsFor(rate)} s per run:`,
      table(
        ["round", "tracing", "msg/s", "p50 ms", "p95 ms", "errors", "app CPU ms/msg", "spans/msg", "other CPU %"],
        rs.map((r) => [String(r.round), r.mode, fmt(r.achieved), fmt(r.p50), fmt(r.p95), String(r.errors), fmt(r.cpuMsPerMsg, 3), fmt(r.spansPerMsg, 1), fmt(r.otherCpu)]),
      ),
    );
    const cpu = (m: Mode) => median(rs.filter((r) => r.mode === m).map((r) => r.cpuMsPerMsg));
    const paired = [...new Set(rs.map((r) => r.round))].map((round) => {
      const on = rs.find((r) => r.round === round && r.mode === "on");
      const off = rs.find((r) => r.round === round && r.mode === "off");
      return on && off ? on.cpuMsPerMsg / off.cpuMsPerMsg : Number.NaN;
    });
    const errors = rs.reduce((n, r) => n + r.errors, 0);
    out.push(
      `  ${rate} msg/s, medians of ${ROUNDS}: app CPU per message off ${fmt(cpu("off"), 3)} ms, on ${fmt(cpu("on"), 3)} ms → ${pct(cpu("on") / cpu("off"))} (median of the rounds' on/off ratios ${pct(median(paired))}; target < 5 %)${errors ? `; ${errors} webhooks failed or timed out: the machine could not carry this rate, the figure is not valid` : ""}.`,
    );
  }
  // Every round of every rate is one paired measurement: their median is the figure least moved by one noisy round.
  const pairs = runs.filter((r) => r.mode === "on").map((on) => on.cpuMsPerMsg / (runs.find((r) => r.mode === "off" && r.rate === on.rate && r.round === on.round)?.cpuMsPerMsg ?? Number.NaN));
  out.push(`  All ${pairs.length} rounds (every rate): median of the on/off ratios ${pct(median(pairs))} (target < 5 %).`);
  out.push(`  Spans per message (on): ${[...byName].sort((a, b) => b[1] - a[1]).map(([n, c]) => `${n} ${fmt(c / answeredOn, 2)}`).join(", ")}.`);
  out.push(`  The machine is shared (other CPU % is everyone else's load in the window): both modes share each window, so compare them within a round.`);
  return out;
}
