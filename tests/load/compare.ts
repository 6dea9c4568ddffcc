// Before/after bench in one invocation: `tsx tests/load/compare.ts` runs the bench rows that exist in
// both trees (WhatsApp webhook pipeline at fixed rates, its SQL ceiling and statement count, widget
// sizes, the bot step in-process) on an older checkout (BENCH_BEFORE) and on this tree, interleaved
// A/B/A/B so that a noisy, shared machine weighs on both alike, then prints before, after and ratio.
// Each round runs the tree's own `tests/load/run.ts` (its own migrations, build and next start) with
// BENCH_ONLY=pipeline (older trees have only that section and ignore the variable) and
// compare-bot.ts against the tree's engine.
// Environment: BENCH_BEFORE (tree root, default /work/wt/bench-before; needs `pnpm install` and a
// web build there), BENCH_AFTER (default this tree), COMPARE_KEEP (a folder for each run's full
// report), COMPARE_ROUNDS (default 2), BENCH_RATES (default 100,300), BENCH_SECONDS
// (default 10), BENCH_SQL_SECONDS (default 5), BOT_PASSES (default 200), TEST_DATABASE_URL.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { cpuMsAt } from "./cpu";
import { table } from "./stats";

const env = process.env;
const HERE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const AFTER = path.resolve(env.BENCH_AFTER ?? HERE);
const BEFORE = path.resolve(env.BENCH_BEFORE ?? "/work/wt/bench-before");
const ROUNDS = Number(env.COMPARE_ROUNDS ?? 2);
const RATES = env.BENCH_RATES ?? "100,300";
const SECONDS = env.BENCH_SECONDS ?? "10";
const SQL_SECONDS = env.BENCH_SQL_SECONDS ?? "5";
const BOT_PASSES = env.BOT_PASSES ?? "200";

const log = (s: string) => process.stderr.write(`[compare] ${s}\n`);

/** One run's figures, by metric name; a metric missing from a run is absent. */
type Figures = Map<string, number>;

interface Metric {
  name: string;
  /** "lower" when a smaller number is better (latency, CPU, bytes), "higher" for throughput. */
  better: "lower" | "higher" | "same";
}

function run(cmd: string, args: string[], cwd: string, extraEnv: Record<string, string>): Promise<{ code: number; stdout: string }> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd, env: { ...env, ...extraEnv }, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    child.stdout.on("data", (b: Buffer) => (stdout += b.toString()));
    child.stderr.on("data", (b: Buffer) => process.stderr.write(b));
    child.on("close", (code) => resolve({ code: code ?? 1, stdout }));
  });
}

/** Reads run.ts's report: the rate table, the SQL ceiling line and the widget lines. */
function parsePipeline(out: string, f: Figures) {
  const lines = out.split("\n");
  const h = lines.findIndex((l) => l.trimStart().startsWith("offered/s"));
  if (h >= 0) {
    const header = lines[h]!.trim().split(/\s{2,}/);
    const col = (name: string) => header.indexOf(name);
    for (const line of lines.slice(h + 2)) {
      const cells = line.trim().split(/\s+/);
      if (cells.length !== header.length) break;
      const num = (name: string) => Number.parseFloat(cells[col(name)] ?? "");
      const rate = cells[col("offered/s")];
      const sent = num("sent/s");
      f.set(`pipeline ${rate}/s: achieved msg/s`, num("achieved/s"));
      f.set(`pipeline ${rate}/s: errors + timeouts`, num("errors") + num("timeouts"));
      f.set(`pipeline ${rate}/s: p50 ms`, num("p50 ms"));
      f.set(`pipeline ${rate}/s: p95 ms`, num("p95 ms"));
      f.set(`pipeline ${rate}/s: webhook ack p95 ms`, num("ack p95"));
      // CPU over the send window in % of one core → ms of CPU per message sent.
      f.set(`pipeline ${rate}/s: app CPU ms/msg`, cpuMsAt(num("app CPU"), sent));
      f.set(`pipeline ${rate}/s: Postgres CPU ms/msg`, cpuMsAt(num("pg CPU"), sent));
      // The same CPU over the replies that came back in the window: a backlog left past it shows here.
      f.set(`pipeline ${rate}/s: app CPU ms per reply`, cpuMsAt(num("app CPU"), num("achieved/s")));
      f.set(`pipeline ${rate}/s: other processes % of a core`, num("other"));
    }
  }
  const c = out.match(/SQL ceiling \(the pipeline's (\d+) statements, (\d+) transactions, (\d+) pool checkouts.*?\): ([\d,]+) msg\/s/);
  if (c) {
    f.set("SQL statements per message", Number(c[1]));
    f.set("SQL transactions per message", Number(c[2]));
    f.set("SQL ceiling msg/s", Number(c[4]!.replaceAll(",", "")));
  }
  for (const m of out.matchAll(/^widget (\w+)\.js\s+([\d.]+) KB raw\s+([\d.]+) KB gzip/gm)) f.set(`widget ${m[1]}.js gzip KB`, Number(m[3]));
}

const metricOf = (name: string): Metric =>
  /other processes/.test(name) ? { name, better: "same" } : /achieved|ceiling/.test(name) ? { name, better: "higher" } : { name, better: "lower" };

const median = (xs: number[]) => {
  const s = xs.filter(Number.isFinite).sort((a, b) => a - b);
  if (!s.length) return Number.NaN;
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const fmtN = (n: number) => (!Number.isFinite(n) ? "—" : Math.abs(n) >= 100 ? n.toFixed(0) : Math.abs(n) >= 10 ? n.toFixed(1) : n.toFixed(2));

async function measure(tree: string, label: string, round: number): Promise<Figures> {
  const f: Figures = new Map();
  const tsx = path.join(tree, "node_modules", ".bin", "tsx");
  log(`round ${round}: ${label} pipeline (${tree})`);
  const p = await run(tsx, ["tests/load/run.ts"], tree, { BENCH_ONLY: "pipeline", BENCH_RATES: RATES, BENCH_SECONDS: SECONDS, BENCH_SQL_SECONDS: SQL_SECONDS });
  if (p.code !== 0) log(`round ${round}: ${label} pipeline exited ${p.code}`);
  if (env.COMPARE_KEEP) {
    mkdirSync(env.COMPARE_KEEP, { recursive: true });
    writeFileSync(path.join(env.COMPARE_KEEP, `round${round}-${label}.txt`), p.stdout);
  }
  parsePipeline(p.stdout, f);
  log(`round ${round}: ${label} bot step`);
  // This tree's tsx and script, the engine of the tree measured.
  const b = await run(path.join(HERE, "node_modules", ".bin", "tsx"), [path.join(HERE, "tests/load/compare-bot.ts"), tree, BOT_PASSES], tree, {});
  try {
    const r = JSON.parse(b.stdout.trim().split("\n").at(-1)!) as { typed: { meanUs: number; p50Us: number }; button: { meanUs: number; p50Us: number } };
    f.set("bot step, typed answer: mean µs", r.typed.meanUs);
    f.set("bot step, typed answer: p50 µs", r.typed.p50Us);
    f.set("bot step, button press: mean µs", r.button.meanUs);
  } catch {
    log(`round ${round}: ${label} bot step gave no figures (exit ${b.code})`);
  }
  return f;
}

async function main(): Promise<number> {
  for (const [label, tree] of [["before", BEFORE], ["after", AFTER]] as const) {
    if (!existsSync(path.join(tree, "apps", "web", ".next", "BUILD_ID"))) {
      console.error(`${label} tree ${tree} has no web build: pnpm install --frozen-lockfile && pnpm turbo run build --filter=@vendaflow/web there first.`);
      return 1;
    }
  }
  const rev = (tree: string) => spawnSync("git", ["-C", tree, "log", "-1", "--format=%h %s"], { encoding: "utf8" }).stdout.trim().slice(0, 100);
  const load = os.loadavg();
  const rounds: { before: Figures; after: Figures }[] = [];
  for (let r = 1; r <= ROUNDS; r++) {
    const before = await measure(BEFORE, "before", r);
    const after = await measure(AFTER, "after", r);
    rounds.push({ before, after });
  }

  const names = [...new Set(rounds.flatMap((r) => [...r.before.keys(), ...r.after.keys()]))].filter((n) => rounds.some((r) => r.before.has(n)) && rounds.some((r) => r.after.has(n)));
  const rows = names.map((n) => {
    const b = rounds.map((r) => r.before.get(n) ?? Number.NaN);
    const a = rounds.map((r) => r.after.get(n) ?? Number.NaN);
    const mb = median(b);
    const ma = median(a);
    const ratio = ma / mb;
    const m = metricOf(n);
    const verdict = !Number.isFinite(ratio) || m.better === "same" ? "" : ratio === 1 ? "=" : (ratio < 1) === (m.better === "lower") ? "better" : "worse";
    return [n, b.map(fmtN).join(" / "), a.map(fmtN).join(" / "), fmtN(mb), fmtN(ma), Number.isFinite(ratio) ? ratio.toFixed(2) : "—", verdict];
  });
  const out: string[] = [];
  out.push(`before/after bench, ${ROUNDS} rounds interleaved before/after; rates ${RATES} msg/s for ${SECONDS} s each, SQL ceiling ${SQL_SECONDS} s, bot ${BOT_PASSES} passes`);
  out.push(`before: ${rev(BEFORE)}`);
  out.push(`after:  ${rev(AFTER)}`);
  out.push(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? "?"}; load average at start ${load.map((l) => l.toFixed(2)).join(" ")}`);
  out.push("");
  out.push(table(["metric", "before (per round)", "after (per round)", "before", "after", "after/before", ""], rows));
  out.push("(before / after columns: median of the rounds; ratio = after / before; 'other processes' is the machine's noise during the window, not the app)");
  console.log(out.join("\n"));
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: Error) => {
    console.error(`compare could not run: ${err.stack ?? err.message}`);
    process.exit(1);
  },
);
