import { TEST_KEYS } from "../support/app-env";
import { cpuMsAt, cpuWindow, type CpuSnapshot } from "./cpu";
import type { BenchDb } from "./setup-db";
import { ceilingDetails, compilePlan, measureCeiling } from "./sql-ceiling";
import { fmt, fmtInt } from "./stats";
import { highestRound, type StreamRound } from "./stream-bench";
import { traceWidgetMessage } from "./widget-trace";

// The widget's send beside the raw-SQL ceiling of the same statements (issue 13, target 2): one
// widget message traced (widget-trace.ts: the send, its processing and the visitor stream's read of
// the reply), replayed straight through pg as the app role on conversations prepared in the traced
// one's state, and set against the stream bench's rounds (reply-to-screen, the app's and
// Postgres's CPU per message).

export interface WidgetCeilingOptions {
  db: BenchDb;
  rootDomain: string;
  take: () => CpuSnapshot;
  seconds: number;
  /** Connections and replays in flight (the app's pool size). */
  pool: number;
  /** The stream bench's rounds. */
  rounds: StreamRound[];
  log: (line: string) => void;
}

/** Conversations prepared per second of the window: above the most this machine's Postgres replayed (~300 msg/s). */
const PREPARED_PER_SECOND = 400;

export async function widgetCeiling(o: WidgetCeilingOptions): Promise<string[]> {
  const visitors = Math.ceil((o.seconds + 1) * PREPARED_PER_SECOND);
  o.log(`widget: tracing one message's SQL and preparing ${visitors} conversations for its replay`);
  const wt = await traceWidgetMessage({
    appUrl: o.db.appUrl,
    ownerUrl: o.db.ownerUrl,
    tenantId: o.db.tenantId,
    publicBaseUrl: `http://${o.rootDomain}`,
    rootDomain: o.rootDomain,
    encryptionKey: TEST_KEYS.encryptionKey,
    tokenSecret: TEST_KEYS.tokenSecret,
    waAccessToken: TEST_KEYS.waAccessToken,
    waAppSecret: TEST_KEYS.waAppSecret,
    visitors,
  });
  const plan = compilePlan(wt.trace);
  await o.db.analyze();
  o.log(`widget SQL ceiling: replaying ${plan.statements} statements per message for ${o.seconds} s`);
  const w = cpuWindow(o.take);
  const tag = process.pid.toString(36);
  // Each replay on the next prepared conversation; past the last one they are reused (their
  // timeout job is then a duplicate: counted as row-count mismatches).
  const c = await measureCeiling(o.db.appUrl, plan, { seconds: o.seconds, connections: o.pool, workers: o.pool, seeds: (n) => ({ ...wt.visitors[n % wt.visitors.length]!, clientMessageId: `ceiling-${tag}-${n.toString(36)}` }), hooks: w.hooks });
  const cpu = w.use();
  const pgMs = cpuMsAt(cpu.postgres, c.perSec);
  const ratio = (x: number) => fmt(x / c.perSec, 2);
  const held = highestRound(o.rounds, 50);
  const best = highestRound(o.rounds);
  const per = held ?? highestRound(o.rounds, 300) ?? o.rounds.at(-1);
  const out = [
    `widget SQL ceiling (one widget message: ${plan.statements} statements, ${plan.transactions} transactions, ${plan.units.length} pool checkouts, the send, its processing and the visitor stream's read of the reply; straight through pg as the app role on conversations prepared in the traced one's state; ${c.connections} connections, ${c.workers} in flight, closed loop, ${fmt(c.seconds, 1)} s): ${fmtInt(c.perSec)} msg/s (${c.errors} errors${c.mismatches ? `, ${c.mismatches} row-count mismatches` : ""})`,
  ];
  out.push(...ceilingDetails(c, cpu, plan.statements));
  out.push(`  widget held rate (reply-to-screen p95 < 50 ms) / SQL ceiling = ${held ? `${held.rate} / ${fmtInt(c.perSec)} = ${ratio(held.rate)}` : "— (no rate held)"}; best rate with every reply on screen / SQL ceiling = ${best ? `${best.rate} / ${fmtInt(c.perSec)} = ${ratio(best.rate)}` : "—"}`);
  if (per) out.push(`per widget message (${per.rate} msg/s round): ${plan.statements} SQL statements in ${plan.roundTrips} round trips (${plan.socketWrites} socket writes), ${plan.transactions} transactions, ${plan.units.length} pool checkouts (traced); ${fmt(per.transactions, 1)} DB transactions counted by Postgres (agent streams included); Node CPU ${fmt(per.appMs, 2)} ms, Postgres CPU ${fmt(per.pgMs, 2)} ms (the same statements alone: Postgres ${fmt(pgMs, 2)} ms)`);
  return out;
}
