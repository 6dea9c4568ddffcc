import path from "node:path";
import { repoRoot } from "@vendaflow/db/paths";

// Opt-in CPU profiles of the bench's app during the widget rounds: BENCH_PROFILE_DIR=<dir> loads
// tests/load/cpu-profile-preload.mjs into `next start`, and each round is written there as
// app-<pid>-<time>.cpuprofile (summarise with tests/load/cpu-profile-summary.ts). SIGWINCH, not
// SIGUSR2: the live-heap preload answers SIGUSR2. The profiler's sampling costs CPU of its own, so
// a profiled run's CPU figures are not the bench's.

const DIR = process.env.BENCH_PROFILE_DIR ? path.resolve(process.env.BENCH_PROFILE_DIR) : null;
const SIGNAL = "SIGWINCH";

/** The app's environment, added to `base` (whose NODE_OPTIONS may already import a preload). */
export function withProfileEnv(base: Record<string, string>): Record<string, string> {
  if (!DIR) return base;
  const preload = `--import ${path.join(repoRoot(), "tests", "load", "cpu-profile-preload.mjs")}`;
  return { ...base, NODE_OPTIONS: [base.NODE_OPTIONS, preload].filter(Boolean).join(" "), PROBE_PROFILE_DIR: DIR, PROBE_PROFILE_SIGNAL: SIGNAL };
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
