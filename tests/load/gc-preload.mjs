// Loaded into the app by pipeline-probe.ts (PROBE_GC_LOG=<file>), and imported by the probe itself
// (PROBE_GC_WHO names the process on each line): appends to the file each
// mark-compact GC and each GC pause over 5 ms, and each second whose event-loop delay peaked over
// 40 ms, with wall-clock times to line up with the probe's slow seconds and the Postgres log.
import { appendFileSync } from "node:fs";
import { monitorEventLoopDelay, PerformanceObserver } from "node:perf_hooks";

const file = process.env.PROBE_GC_LOG;
const who = process.env.PROBE_GC_WHO ?? "app";
if (file) {
  const kinds = { 1: "scavenge", 2: "minor mark-sweep", 4: "mark-compact", 8: "incremental marking", 16: "weak callbacks" };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      const kind = e.detail?.kind;
      if (kind === 4 || e.duration > 5) appendFileSync(file, `${new Date().toISOString()} ${who} gc ${kinds[kind] ?? kind} ${e.duration.toFixed(1)} ms\n`);
    }
  }).observe({ entryTypes: ["gc"] });
  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  setInterval(() => {
    if (delay.max / 1e6 > 40) appendFileSync(file, `${new Date().toISOString()} ${who} event loop delay max ${(delay.max / 1e6).toFixed(0)} ms\n`);
    delay.reset();
  }, 1000).unref();
}
