import os from "node:os";
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";

// CPU time from /proc (Linux): the app is a child process and Postgres a separate server, so
// process.cpuUsage() cannot see them. 100% = one core busy for the whole interval.

let clkTck = 100;
try {
  clkTck = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
} catch {}

interface ProcStat {
  pid: number;
  ppid: number;
  comm: string;
  ticks: number;
}

function readStat(pid: string): ProcStat | null {
  try {
    const s = readFileSync(`/proc/${pid}/stat`, "utf8");
    const close = s.lastIndexOf(")");
    const comm = s.slice(s.indexOf("(") + 1, close);
    // Fields after "comm)": state ppid … utime(14) stime(15), counted from 1 over the whole line.
    const f = s.slice(close + 2).split(" ");
    return { pid: Number(pid), ppid: Number(f[1]), comm, ticks: Number(f[11]) + Number(f[12]) };
  } catch {
    return null;
  }
}

function allStats(): ProcStat[] {
  const out: ProcStat[] = [];
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    const st = readStat(name);
    if (st) out.push(st);
  }
  return out;
}

function machineTicks(): { busy: number; total: number } {
  const first = readFileSync("/proc/stat", "utf8").split("\n")[0] ?? "";
  const v = first.trim().split(/\s+/).slice(1, 9).map(Number);
  const total = v.reduce((a, b) => a + b, 0);
  const idle = (v[3] ?? 0) + (v[4] ?? 0);
  return { busy: total - idle, total };
}

export interface CpuSnapshot {
  at: number;
  /** Ticks by pid: processes come and go (pool connections close), so deltas are taken per pid. */
  app: Map<number, number>;
  postgres: Map<number, number>;
  self: number;
  machine: { busy: number; total: number };
}

const cmdline = (pid: number) => {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " ").trim();
  } catch {
    return "";
  }
};

/**
 * Which postgres processes count as "the benchmark's Postgres": backends (and autovacuum workers)
 * of the bench database, plus the background processes of its cluster (titled "postgres: <cluster>:
 * walwriter" etc.). Other databases' backends and other clusters on the machine count as "other".
 */
export function postgresMatcher(dbName: string, clusterName: string): (title: string) => boolean {
  const prefix = clusterName ? `postgres: ${clusterName}: ` : null;
  // A cluster-wide process, but not an autovacuum worker: those are titled with their database, and
  // one working on another database (a bench left behind, the CRM bench's million rows) is not ours.
  return (title) => title.includes(` ${dbName} `) || title.endsWith(` ${dbName}`) || (prefix !== null && title.startsWith(prefix) && !/\(\d+\)|\[local\]|autovacuum worker/.test(title));
}

/** CPU ticks of the app processes' trees, of the bench's postgres processes, and of this process. */
export function snapshot(appPids: number[], isBenchPostgres: (title: string) => boolean): CpuSnapshot {
  const stats = allStats();
  const app = new Map<number, number>();
  if (appPids.length) {
    const tree = new Set(appPids);
    // Children are listed after parents almost always; two passes cover the rest.
    for (let pass = 0; pass < 2; pass++) for (const s of stats) if (tree.has(s.ppid)) tree.add(s.pid);
    for (const s of stats) if (tree.has(s.pid)) app.set(s.pid, s.ticks);
  }
  const postgres = new Map(stats.filter((s) => s.comm === "postgres" && isBenchPostgres(cmdline(s.pid))).map((s) => [s.pid, s.ticks]));
  const self = stats.find((s) => s.pid === process.pid)?.ticks ?? 0;
  return { at: performance.now(), app, postgres, self, machine: machineTicks() };
}

export interface CpuUse {
  /** Percent of one core. */
  app: number;
  postgres: number;
  self: number;
  /** Percent of all cores. */
  machine: number;
}

/** CPU used between the snapshots by processes alive at the second one (new ones count whole). */
function delta(a: Map<number, number>, b: Map<number, number>): number {
  let sum = 0;
  for (const [pid, ticks] of b) sum += ticks - (a.get(pid) ?? 0);
  return sum;
}

export function cpuBetween(a: CpuSnapshot, b: CpuSnapshot): CpuUse {
  const secs = (b.at - a.at) / 1000;
  const pct = (ticks: number) => (secs > 0 ? (ticks / clkTck / secs) * 100 : Number.NaN);
  const total = b.machine.total - a.machine.total;
  return {
    app: pct(delta(a.app, b.app)),
    postgres: pct(delta(a.postgres, b.postgres)),
    self: pct(b.self - a.self),
    machine: total > 0 ? ((b.machine.busy - a.machine.busy) / total) * 100 : Number.NaN,
  };
}

/** CPU ms each of `count` things took, from a share of one core (% as in CpuUse) held for `seconds`; NaN for none. */
export const cpuMsEach = (pctOfCore: number, seconds: number, count: number) => (count > 0 ? ((pctOfCore / 100) * seconds * 1000) / count : Number.NaN);

/** CPU ms per item at a steady `perSec` items a second, from a share of one core; NaN for none. */
export const cpuMsAt = (pctOfCore: number, perSec: number) => cpuMsEach(pctOfCore, 1, perSec);

/** Everything else on the machine, in % of one core: all cores' busy time less the app, Postgres and this process. */
export const otherCpu = (c: CpuUse) => Math.max(0, (c.machine / 100) * os.cpus().length * 100 - c.app - c.postgres - c.self);

/** Hooks that take CPU snapshots at the start and end of a measured window. */
export function cpuWindow(take: () => CpuSnapshot) {
  let a: CpuSnapshot | null = null;
  let b: CpuSnapshot | null = null;
  return { hooks: { start: () => void (a = take()), end: () => void (b = take()) }, use: () => cpuBetween(a!, b!) };
}

/** The direct children of `parent` accepted by `match` (comm is the process title's first 15 bytes). */
export function findChildPids(parent: number, match: (comm: string, cmdline: string) => boolean): number[] {
  const out: number[] = [];
  for (const s of allStats()) {
    if (s.ppid !== parent) continue;
    try {
      if (match(s.comm, cmdline(s.pid))) out.push(s.pid);
    } catch {}
  }
  return out;
}
