import { existsSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { repoRoot } from "@vendaflow/db/paths";

// What the app keeps alive after a full GC: the RSS keeps whatever V8 grew to at the busiest
// moment, so it cannot tell growth from a leak. Both sides of the exchange live here: the
// environment the bench's `next start` gets (tests/load/heap-preload.mjs answers SIGUSR2 by writing
// heap-<pid>.json into HEAP_DIR) and the reader.

const HEAP_DIR = os.tmpdir();

/** Environment for the app process: load the preload, and where it writes. */
export const liveHeapEnv = (): Record<string, string> => ({
  NODE_OPTIONS: `--import ${path.join(repoRoot(), "tests", "load", "heap-preload.mjs")}`,
  BENCH_HEAP_DIR: HEAP_DIR,
});

export interface LiveHeap {
  heapUsed: number;
  code: number;
}

/** Asks the app (started with liveHeapEnv) for its live heap; null when it does not answer in 10 s. */
export async function liveHeapOf(pid: number | null): Promise<LiveHeap | null> {
  if (pid === null) return null;
  const file = path.join(HEAP_DIR, `heap-${pid}.json`);
  rmSync(file, { force: true });
  try {
    process.kill(pid, "SIGUSR2");
  } catch {
    return null;
  }
  for (let i = 0; i < 100 && !existsSync(file); i++) await new Promise((r) => setTimeout(r, 100));
  if (!existsSync(file)) return null;
  const heap = JSON.parse(readFileSync(file, "utf8")) as LiveHeap;
  rmSync(file, { force: true });
  return heap;
}
