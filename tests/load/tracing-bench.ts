import os from "node:os";
import { appServerEnv, TEST_KEYS } from "../support/app-env";
import { freePort, startNextServer, type NextServer } from "../support/next-server";
import { startOtlpCollector } from "../stand-ins/otlp-collector";
import { cpuBetween, postgresMatcher, snapshot } from "./cpu";
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
// recording and exporting spans. Per rate and round the two are loaded one after the other (the
// order alternates between rounds, so drift in the machine's other load falls on both), and the
// app's CPU per answered message is read from /proc over a window that runs from the first webhook
// until every reply arrived and the last batch of spans was exported (OTEL_BSP_SCHEDULE_DELAY=1000
// here, so that tail is short; production's 5 s would mean fewer, larger exports).
// BENCH_TRACING_RATES (msg/s, default "10,20": rates the app carries on this machine with p95 well
// under a second; at 200 it falls behind in both modes and the figure is void), BENCH_TRACING_ROUNDS
// (default 4, an even number so each mode goes first equally often),
// BENCH_TRACING_SECONDS (per run; default 10 s at <= 50 msg/s, else 5 s), BENCH_TRACING_WARMUP
// (seconds per process before the first round, default 10: with 3 s the first round of each
// process still ran colder code, 20-35 % more CPU per message than the last). BENCH_ONLY=tracing
// runs this section alone.

const env = process.env;
const RATES = (env.BENCH_TRACING_RATES ?? "10,20").split(",").map(Number).filter((n) => n > 0);
const ROUNDS = Number(env.BENCH_TRACING_ROUNDS ?? 4);
const secondsFor = (rate: number) => Number(env.BENCH_TRACING_SECONDS ?? (rate <= 50 ? 10 : 5));
const WARMUP_SECONDS = Number(env.BENCH_TRACING_WARMUP ?? 10);
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
  const recorder = await startGraphRecorder(TEST_KEYS.waAccessToken);
  const collector = await startOtlpCollector();
  const runs: Run[] = [];
  const servers: Partial<Record<Mode, { server: NextServer; target: Target }>> = {};
  let series = 40;
  try {
    const start = async (mode: Mode) => {
      const port = await freePort();
      const rootDomain = `localhost:${port}`;
      const tracing: Record<string, string> = { OTEL_EXPORTER_OTLP_ENDPOINT: collector.url, OTEL_BSP_SCHEDULE_DELAY: "1000", ...(mode === "off" ? { OTEL_TRACES_SAMPLER: "always_off" } : {}) };
      const server = await startNextServer(appServerEnv(db.appUrl, rootDomain, { WHATSAPP_GRAPH_BASE_URL: recorder.baseUrl, ...tracing }), { port });
      servers[mode] = { server, target: { ports: [port], host: rootDomain, appSecret: TEST_KEYS.waAppSecret, phoneNumberId: db.phoneNumberId } };
    };
    await Promise.all([start("off"), start("on")]);
    // Warm-up at the lowest rate offered: a faster one can leave a loaded machine with a backlog
    // that spills into the first measured runs.
    const warmRate = Math.min(50, ...RATES);
    for (const mode of ["off", "on"] as Mode[]) await offerRate(servers[mode]!.target, recorder, warmRate, WARMUP_SECONDS, series++);
    await db.analyze();
    for (let round = 1; round <= ROUNDS; round++) {
      for (const rate of RATES) {
        const order: Mode[] = round % 2 ? ["off", "on"] : ["on", "off"];
        for (const mode of order) {
          const { server, target } = servers[mode]!;
          // snapshot() counts the whole tree of the `next start` process.
          const take = () => snapshot([server.pid], postgresMatcher(db.dbName, db.clusterName));
          let a = take();
          const spansBefore = collector.spans.length;
          const r = await offerRate(target, recorder, rate, secondsFor(rate), series++, { start: () => void (a = take()), end: () => {} });
          await new Promise((res) => setTimeout(res, SETTLE_MS));
          const b = take();
          const cpu = cpuBetween(a, b);
          const s = summarize(r.latencies);
          const windowSeconds = (b.at - a.at) / 1000;
          const spans = collector.spans.length - spansBefore;
          runs.push({
            rate,
            round,
            mode,
            achieved: r.achievedPerSec,
            p50: s.p50,
            p95: s.p95,
            errors: r.httpErrors + r.timeouts,
            completed: r.completed,
            cpuMsPerMsg: r.completed ? ((cpu.app / 100) * windowSeconds * 1000) / r.completed : Number.NaN,
            spansPerMsg: r.completed ? spans / r.completed : Number.NaN,
            otherCpu: Math.max(0, (cpu.machine / 100) * os.cpus().length * 100 - cpu.app - cpu.postgres - cpu.self),
          });
          const last = runs.at(-1)!;
          log(`${rate} msg/s round ${round} ${mode}: ${fmt(r.achievedPerSec)} msg/s, ${fmt(last.cpuMsPerMsg, 2)} ms CPU/msg, p95 ${fmt(s.p95)} ms, ${spans} spans${r.firstErrors.length ? `; errors: ${r.firstErrors.slice(0, 2).join("; ")}` : ""}`);
        }
      }
    }
  } finally {
    await Promise.all(Object.values(servers).map((s) => s.server.stop()));
    await collector.close();
    await recorder.close();
    await db.drop();
  }
  const pct = (ratio: number) => `${ratio >= 1 ? "+" : ""}${fmt((ratio - 1) * 100, 1)} %`;
  const out = [
    `Tracing overhead on the inbound pipeline (${ROUNDS} rounds per rate, off and on alternating; on = every trace recorded and exported over OTLP/HTTP protobuf to the stand-in collector, off = OTEL_TRACES_SAMPLER=always_off; per webhook: Next's request spans, the route's, the bot's outbound WhatsApp calls, statements counted):`,
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
  out.push(`  The machine is shared (other CPU % is everyone else's load in the window): compare rounds, not single runs.`);
  return out;
}
