import { randomUUID } from "node:crypto";
import pg from "pg";
import { isUuid } from "@vendaflow/validators/uuid";
import type { Trace } from "./sql-trace";
import { cpuMsAt, otherCpu, type CpuUse } from "./cpu";
import { fmt } from "./stats";

// Replays one traced message's statements (same text, same parameters, same pool checkouts and
// transactions) straight through pg, closed loop: the most this Postgres could do for the pipeline
// with no HTTP, no Next.js, no Kysely and no bot engine in the way.
//
// Per replay the unique strings (the lead's number, the wamids, also inside array parameters such as
// the sender's advisory-lock keys) get fresh values, and every UUID an
// INSERT … RETURNING produced in the trace (lead, conversation, event ids) is replaced by
// the one the replayed INSERT returns, wherever it appears in later parameters (also inside JSON).
// An id the app made itself and sent as an INSERT's "id" (the bot's messages, held writes that
// return nothing: deferred-writes.ts) gets a new random UUID per replay, substituted the same way.

/** A parameter as traced, or one holding unique strings (a string, or an array such as the sender's lock keys). */
type Param = { kind: "const"; value: unknown } | { kind: "subst"; value: string | unknown[]; keys: number[] };

/** The strings inside a parameter: itself, or an array's (nested) elements. */
const stringsOf = (v: unknown): string[] => (typeof v === "string" ? [v] : Array.isArray(v) ? v.flatMap(stringsOf) : []);

/** `v` with every traced key replaced by this replay's value, inside strings and arrays. */
function substitute(v: unknown, keys: number[], from: string[], to: string[]): unknown {
  if (typeof v === "string") {
    let s = v;
    for (const k of keys) s = s.replaceAll(from[k]!, to[k]!);
    return s;
  }
  return Array.isArray(v) ? v.map((x) => substitute(x, keys, from, to)) : v;
}

interface Step {
  /** Position in the whole message's sequence. */
  id: number;
  text: string;
  /** Keys written into the text itself (a parameterless statement with its values as literals, e.g. the delivery status). */
  textKeys: number[];
  /** Sent as this named prepared statement, as the app sent it. */
  name: string | null;
  params: Param[];
  /** Values to read from this statement's result: rows[row][col] becomes key. */
  produces: { row: number; col: string; key: number }[];
  rowCount: number | null;
}

export interface ReplayPlan {
  units: Step[][];
  keys: string[];
  /** The trace's seeds by name: the position of each in `keys`. */
  seedKeys: Record<string, number>;
  /** Keys of ids the app made (an INSERT's "id" parameter): a new UUID per replay. */
  freshKeys: number[];
  statements: number;
  transactions: number;
  /** The app's round trips for them (pipelined groups); the replay sends one statement at a time. */
  roundTrips: number;
  socketWrites: number;
}

/** A replay's own value for each of the trace's seeds. */
export type SeedsFor = (n: number) => Record<string, string>;

/** The WhatsApp pipeline's seeds: a new lead's number, the inbound and outbound wamids. */
export const whatsappSeeds: SeedsFor = (n) => {
  const tag = `${process.pid.toString(36)}${n.toString(36)}`;
  return { waId: `77${String(n).padStart(10, "0")}`, inboundWamid: `wamid.ceilin${tag}`, outboundWamid: `wamid.ceilout${tag}` };
};

/**
 * The parameters (1-based) a statement sends as an inserted row's "id", in Kysely's output:
 * `insert into "t" ("id", …) values ($1, …), ($9, …)`, also inside a held-write CTE.
 */
export function insertedIdParams(text: string): number[] {
  const out: number[] = [];
  for (const m of text.matchAll(/insert into "\w+" \(([^)]*)\) values /g)) {
    const at = m[1]!.split(", ").indexOf('"id"');
    if (at < 0) continue;
    // The row tuples that follow, one after the other: `($1, $2, now()), ($3, …)`.
    const rest = text.slice(m.index! + m[0].length);
    const tuple = /\(((?:[^()]|\([^()]*\))*)\)(, )?/y;
    for (let t = tuple.exec(rest); t; t = t[2] ? tuple.exec(rest) : null) {
      const p = /^\$(\d+)$/.exec(t[1]!.split(", ")[at] ?? "");
      if (p) out.push(Number(p[1]));
    }
  }
  return out;
}

export function compilePlan(trace: Trace): ReplayPlan {
  const seedNames = Object.keys(trace.seeds);
  const keys = seedNames.map((k) => trace.seeds[k]!);
  const known = new Set(keys);
  const freshKeys: number[] = [];
  const units = new Map<number, Step[]>();
  for (const st of trace.statements) {
    for (const n of insertedIdParams(st.text)) {
      const v = st.values[n - 1];
      if (isUuid(v) && !known.has(v)) {
        known.add(v);
        keys.push(v);
        freshKeys.push(keys.length - 1);
      }
    }
    const params: Param[] = st.values.map((v) => {
      if (typeof v !== "string" && !Array.isArray(v)) return { kind: "const", value: v };
      const strings = stringsOf(v);
      const used = keys.flatMap((k, i) => (strings.some((x) => x.includes(k)) ? [i] : []));
      return used.length ? { kind: "subst", value: v as string | unknown[], keys: used } : { kind: "const", value: v };
    });
    const produces: Step["produces"] = [];
    // Ids an INSERT made, alone or as a CTE of another statement (the event with the sender's read,
    // a new lead with its conversation): read from the replay's own result, under any column name.
    if (/\binsert into\b/i.test(st.text)) {
      st.rows.forEach((row, r) => {
        for (const [col, v] of Object.entries(row)) {
          if (isUuid(v) && !known.has(v)) {
            known.add(v);
            keys.push(v);
            produces.push({ row: r, col, key: keys.length - 1 });
          }
        }
      });
    }
    const list = units.get(st.unit) ?? [];
    const textKeys = st.values.length ? [] : keys.flatMap((k, i) => (st.text.includes(k) ? [i] : []));
    list.push({ id: trace.statements.indexOf(st), text: st.text, textKeys, name: textKeys.length ? null : st.name, params, produces, rowCount: st.rowCount });
    units.set(st.unit, list);
  }
  const ordered = [...units.entries()].sort((a, b) => a[0] - b[0]).map(([, steps]) => steps);
  return {
    units: ordered,
    keys,
    seedKeys: Object.fromEntries(seedNames.map((k, i) => [k, i])),
    freshKeys,
    statements: trace.statements.length,
    transactions: trace.statements.filter((s) => /^\s*begin\b/i.test(s.text)).length,
    roundTrips: trace.roundTrips,
    socketWrites: trace.socketWrites,
  };
}

export interface ReplayStats {
  mismatches: number;
  firstMismatch: string | null;
  /** Wall time per statement (by Step.id), summed over replays: where the time goes. */
  stepMs: Float64Array;
}

/** One message's statements, with `seeds` in place of the trace's. */
export async function replayOne(pool: pg.Pool, plan: ReplayPlan, seeds: Record<string, string>, stats: ReplayStats): Promise<void> {
  const values: string[] = new Array<string>(plan.keys.length);
  for (const [name, key] of Object.entries(plan.seedKeys)) {
    const v = seeds[name];
    if (v === undefined) throw new Error(`replay: no value for the seed ${name}`);
    values[key] = v;
  }
  for (const key of plan.freshKeys) values[key] = randomUUID();
  for (const unit of plan.units) {
    const client = await pool.connect();
    let inTx = false;
    try {
      for (const step of unit) {
        if (/^\s*begin\b/i.test(step.text)) inTx = true;
        const params = step.params.map((p) => (p.kind === "const" ? p.value : substitute(p.value, p.keys, plan.keys, values)));
        const started = performance.now();
        const answer: pg.QueryResult | pg.QueryResult[] = await (step.name ? client.query({ text: step.text, values: params, name: step.name }) : client.query(step.textKeys.length ? (substitute(step.text, step.textKeys, plan.keys, values) as string) : step.text, params));
        stats.stepMs[step.id]! += performance.now() - started;
        const res = Array.isArray(answer) ? answer[answer.length - 1]! : answer;
        if (/^\s*(commit|rollback)\b/i.test(step.text)) inTx = false;
        if (step.rowCount !== null && res.rowCount !== step.rowCount) {
          stats.mismatches++;
          stats.firstMismatch ??= `${res.rowCount} rows instead of ${step.rowCount}: ${step.text.slice(0, 120)}`;
        }
        for (const p of step.produces) {
          const v = (res.rows[p.row] as Record<string, unknown> | undefined)?.[p.col];
          if (typeof v !== "string") throw new Error(`replay: no ${p.col} returned by ${step.text.slice(0, 80)}`);
          values[p.key] = v;
        }
      }
    } catch (err) {
      if (inTx) await client.query("rollback").catch(() => {});
      throw err;
    } finally {
      client.release();
    }
  }
}

export interface CeilingResult {
  perSec: number;
  completed: number;
  errors: number;
  seconds: number;
  connections: number;
  workers: number;
  mismatches: number;
  firstProblem: string | null;
  /** The statements taking the most time per message, slowest first. */
  slowest: { ms: number; text: string }[];
}

/** Closed loop: `workers` replays in flight over a pool of `connections`, for `seconds`. */
export async function measureCeiling(appUrl: string, plan: ReplayPlan, o: { seconds: number; connections: number; workers: number; seeds: SeedsFor; hooks?: { start(): void; end(): void } }): Promise<CeilingResult> {
  const pool = new pg.Pool({ connectionString: appUrl, max: o.connections });
  pool.on("error", () => {});
  const stats: ReplayStats = { mismatches: 0, firstMismatch: null, stepMs: new Float64Array(plan.statements) };
  let n = 0;
  let completed = 0;
  let errors = 0;
  let firstError: string | null = null;
  try {
    // Open the connections and warm up briefly, outside the measured window.
    const warmUntil = performance.now() + 1000;
    await Promise.all(Array.from({ length: o.workers }, async () => {
      while (performance.now() < warmUntil) await replayOne(pool, plan, o.seeds(n++), stats).catch(() => {});
    }));
    stats.mismatches = 0;
    stats.firstMismatch = null;
    stats.stepMs.fill(0);
    o.hooks?.start();
    const t0 = performance.now();
    const end = t0 + o.seconds * 1000;
    await Promise.all(
      Array.from({ length: o.workers }, async () => {
        while (performance.now() < end) {
          try {
            await replayOne(pool, plan, o.seeds(n++), stats);
            completed++;
          } catch (err) {
            errors++;
            firstError ??= (err as Error).message;
          }
        }
      }),
    );
    const seconds = (performance.now() - t0) / 1000;
    o.hooks?.end();
    const texts = plan.units.flat().sort((a, b) => a.id - b.id).map((s) => s.text.replace(/\s+/g, " "));
    const slowest = [...stats.stepMs]
      .map((ms, id) => ({ ms: ms / Math.max(1, completed + errors), text: texts[id] ?? "" }))
      .sort((a, b) => b.ms - a.ms)
      .slice(0, 5);
    return { perSec: completed / seconds, completed, errors, seconds, connections: o.connections, workers: o.workers, mismatches: stats.mismatches, firstProblem: firstError ?? stats.firstMismatch, slowest };
  } finally {
    await pool.end();
  }
}

/** A ceiling's first problem, slowest statements and CPU while it ran, as report lines. */
export function ceilingDetails(c: CeilingResult, cpu: CpuUse | null, statements: number): string[] {
  const out: string[] = [];
  if (c.firstProblem) out.push(`  first problem: ${c.firstProblem}`);
  if (c.slowest.some((x) => x.ms > 0)) out.push(`  slowest statements (wall ms per message, of ${statements}):\n${c.slowest.map((x) => `    ${fmt(x.ms, 2).padStart(6)}  ${x.text.slice(0, 110)}`).join("\n")}`);
  if (cpu) out.push(`  during it: Postgres ${fmt(cpu.postgres, 0)}% of a core (${fmt(cpuMsAt(cpu.postgres, c.perSec), 2)} ms CPU/msg), pg client (this process) ${fmt(cpu.self, 0)}%, other processes ${fmt(otherCpu(cpu), 0)}%, machine ${fmt(cpu.machine, 0)}%`);
  return out;
}
