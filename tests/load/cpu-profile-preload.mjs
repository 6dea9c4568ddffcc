// Loaded into `next start` by tests/load/pipeline-probe.ts and, with BENCH_PROFILE_DIR, by the
// bench (NODE_OPTIONS=--import …; Node refuses --cpu-prof in NODE_OPTIONS): PROBE_PROFILE_SIGNAL
// (default SIGUSR2; the bench uses SIGWINCH, its heap preload answers SIGUSR2) starts a profile of
// this process, the next one stops it and writes it into PROBE_PROFILE_DIR:
// - by default a CPU profile, app-<pid>-<time>.cpuprofile (open in Chrome DevTools, or summarise
//   with tests/load/cpu-profile-summary.ts);
// - with PROBE_PROFILE_KIND=promoted, V8's sampling heap profile of what survived a scavenge
//   (objects still alive or collected by a mark-compact, not those a scavenge freed): what the
//   old generation grows by between mark-compacts, app-<pid>-<time>.heapprofile, summarised by
//   tests/load/heap-profile-summary.ts;
// - with PROBE_PROFILE_KIND=allocated, the same profile of everything allocated, freed by a
//   scavenge or not: what makes the scavenges (bytes allocated per message, by where).
import fs from "node:fs";
import inspector from "node:inspector";
import path from "node:path";

const session = new inspector.Session();
session.connect();
const kind = process.env.PROBE_PROFILE_KIND;
const heap = kind === "promoted" || kind === "allocated";
const out = (ext, data) => fs.writeFileSync(path.join(process.env.PROBE_PROFILE_DIR || ".", `app-${process.pid}-${Date.now()}.${ext}`), JSON.stringify(data));
let running = false;
process.on(process.env.PROBE_PROFILE_SIGNAL || "SIGUSR2", () => {
  if (!running) {
    running = true;
    if (heap) session.post("HeapProfiler.enable", () => session.post("HeapProfiler.startSampling", { samplingInterval: 16384, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: kind === "allocated" }));
    else session.post("Profiler.enable", () => session.post("Profiler.setSamplingInterval", { interval: 500 }, () => session.post("Profiler.start")));
    return;
  }
  session.post(heap ? "HeapProfiler.stopSampling" : "Profiler.stop", (err, res) => {
    running = false;
    if (!err) out(heap ? "heapprofile" : "cpuprofile", res.profile);
  });
});
