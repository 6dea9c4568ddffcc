import os from "node:os";
import { appServerEnv, TEST_KEYS } from "../support/app-env";
import { freePort, startNextServer } from "../support/next-server";
import { startOtlpCollector } from "../stand-ins/otlp-collector";
import { cpuBetween, findChildPids, postgresMatcher, snapshot } from "./cpu";
import { startGraphRecorder } from "./graph-recorder";
import { offerRate, type Target } from "./open-loop";
import { createBenchDb } from "./setup-db";
import { fmt, summarize, table } from "./stats";

// The cost of tracing on the inbound pipeline (issue 14's closing note, target < 5 %): the same
// open-loop run against `next start` with spans exported over OTLP/HTTP to the local collector
// stand-in, and with the sampler off (OTEL_TRACES_SAMPLER=always_off: spans are not recorded,
// nothing is exported). Modes alternate (off, on, off, on…) so drift in the machine's other load
// falls on both. BENCH_TRACING_RATE (msg/s, default 200), BENCH_TRACING_SECONDS (default 15),
// BENCH_TRACING_ROUNDS (default 2). BENCH_ONLY=tracing runs this section alone.

const env = process.env;
const RATE = Number(env.BENCH_TRACING_RATE ?? 200);
const SECONDS = Number(env.BENCH_TRACING_SECONDS ?? 15);
const ROUNDS = Number(env.BENCH_TRACING_ROUNDS ?? 2);

type Mode = "off" | "otlp";
interface Run {
  mode: Mode;
  achieved: number;
  p50: number;
  p95: number;
  errors: number;
  /** App CPU per answered message, ms. */
  cpuMsPerMsg: number;
  otherCpu: number;
}

export async function tracingBench(adminUrl: string): Promise<string[]> {
  const log = (s: string) => process.stderr.write(`[bench:tracing] ${s}\n`);
  const db = await createBenchDb(adminUrl);
  const recorder = await startGraphRecorder(TEST_KEYS.waAccessToken);
  const collector = await startOtlpCollector();
  const runs: Run[] = [];
  let series = 40;
  try {
    for (let round = 0; round < ROUNDS; round++) {
      for (const mode of ["off", "otlp"] as Mode[]) {
        const port = await freePort();
        const rootDomain = `localhost:${port}`;
        const tracing: Record<string, string> = mode === "otlp" ? { OTEL_EXPORTER_OTLP_ENDPOINT: collector.url, OTEL_EXPORTER_OTLP_PROTOCOL: "http/json" } : { OTEL_TRACES_SAMPLER: "always_off" };
        const server = await startNextServer(appServerEnv(db.appUrl, rootDomain, { WHATSAPP_GRAPH_BASE_URL: recorder.baseUrl, ...tracing }), { port });
        try {
          const appPids = findChildPids(process.pid, (comm, cmdline) => comm.startsWith("next") || cmdline.includes("next"));
          const target: Target = { ports: [port], host: rootDomain, appSecret: TEST_KEYS.waAppSecret, phoneNumberId: db.phoneNumberId };
          await offerRate(target, recorder, 50, 3, series++);
          await db.analyze();
          const take = () => snapshot(appPids, postgresMatcher(db.dbName, db.clusterName));
          let a = take();
          let b = a;
          const spansBefore = collector.spans.length;
          const r = await offerRate(target, recorder, RATE, SECONDS, series++, { start: () => void (a = take()), end: () => void (b = take()) });
          const cpu = cpuBetween(a, b);
          const s = summarize(r.latencies);
          const windowSeconds = (b.at - a.at) / 1000;
          runs.push({
            mode,
            achieved: r.achievedPerSec,
            p50: s.p50,
            p95: s.p95,
            errors: r.httpErrors + r.timeouts,
            cpuMsPerMsg: r.completed ? ((cpu.app / 100) * windowSeconds * 1000) / r.completed : Number.NaN,
            otherCpu: Math.max(0, (cpu.machine / 100) * os.cpus().length * 100 - cpu.app - cpu.postgres - cpu.self),
          });
          log(`${mode}: ${fmt(r.achievedPerSec)} msg/s, p95 ${fmt(s.p95)} ms, ${collector.spans.length - spansBefore} spans exported${r.firstErrors.length ? `; errors: ${r.firstErrors.slice(0, 2).join("; ")}` : ""}`);
        } finally {
          await server.stop();
        }
      }
    }
  } finally {
    await collector.close();
    await recorder.close();
    await db.drop();
  }
  const avg = (mode: Mode, k: keyof Omit<Run, "mode">) => {
    const xs = runs.filter((r) => r.mode === mode).map((r) => r[k] as number);
    return xs.reduce((x, y) => x + y, 0) / xs.length;
  };
  const pct = (on: number, off: number) => `${on >= off ? "+" : ""}${fmt(((on - off) / off) * 100, 1)} %`;
  const rows = runs.map((r, i) => [`${Math.floor(i / 2) + 1}`, r.mode === "otlp" ? "on (OTLP/HTTP → stand-in)" : "off (always_off)", fmt(r.achieved), fmt(r.p50), fmt(r.p95), String(r.errors), fmt(r.cpuMsPerMsg, 2), fmt(r.otherCpu)]);
  return [
    `Tracing overhead on the inbound pipeline (${RATE} msg/s offered, ${SECONDS} s per run, ${ROUNDS} rounds of off then on; one span tree per webhook, the route's, the bot's outbound WhatsApp call, statements counted):`,
    table(["round", "tracing", "msg/s", "p50 ms", "p95 ms", "errors", "app CPU ms/msg", "other CPU %"], rows),
    `  on vs off (means): app CPU per message ${pct(avg("otlp", "cpuMsPerMsg"), avg("off", "cpuMsPerMsg"))}, p50 ${pct(avg("otlp", "p50"), avg("off", "p50"))}, p95 ${pct(avg("otlp", "p95"), avg("off", "p95"))} (target < 5 %).`,
    `  The machine is shared (other CPU % is everyone else's load in the window): compare rounds, not single runs.`,
  ];
}
