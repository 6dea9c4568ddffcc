import path from "node:path";
import { repoRoot } from "@vendaflow/db/paths";

// Opt-in CPU profiles of the bench's app during the widget rounds: BENCH_PROFILE_DIR=<dir> loads
// tests/load/cpu-profile-preload.mjs into `next start`, and each round is written there as
// app-<pid>-<time>.cpuprofile (summarise with tests/load/cpu-profile-summary.ts). SIGWINCH, not
// SIGUSR2: the live-heap preload answers SIGUSR2. The profiler's sampling costs CPU of its own, so
// a profiled run's CPU figures are not the bench's.

const DIR = process.env.BENCH_PROFILE_DIR ? path.resolve(process.env.BENCH_PROFILE_DIR) : null;
const SIGNAL = "SIGWINCH";
// BENCH_GC_LOG=<file>: the app's mark-compact GCs, GC pauses over 5 ms and event-loop stalls over
// 40 ms with wall-clock times (tests/load/gc-preload.mjs, as pipeline-probe's PROBE_GC_LOG).
const GC_LOG = process.env.BENCH_GC_LOG ? path.resolve(process.env.BENCH_GC_LOG) : null;

const preload = (file: string) => `--import ${path.join(repoRoot(), "tests", "load", file)}`;

/** The app's environment, added to `base` (whose NODE_OPTIONS may already import a preload). */
export function withProfileEnv(base: Record<string, string>): Record<string, string> {
  const preloads = [base.NODE_OPTIONS, DIR && preload("cpu-profile-preload.mjs"), GC_LOG && preload("gc-preload.mjs")].filter(Boolean);
  return {
    ...base,
    NODE_OPTIONS: preloads.join(" "),
    ...(DIR ? { PROBE_PROFILE_DIR: DIR, PROBE_PROFILE_SIGNAL: SIGNAL } : {}),
    ...(GC_LOG ? { PROBE_GC_LOG: GC_LOG, PROBE_GC_WHO: "app" } : {}),
  };
}

/** Starts a profile of the app, or stops and writes the running one; nothing without BENCH_PROFILE_DIR. */
export function toggleAppProfile(pid: number | null) {
  if (!DIR || pid === null) return;
  try {
    process.kill(pid, SIGNAL);
  } catch {
    // The app is gone: the round reports it.
  }
}
