// Loaded into `next start` by tests/load/pipeline-probe.ts (NODE_OPTIONS=--import …; Node refuses
// --cpu-prof in NODE_OPTIONS): SIGUSR2 starts a CPU profile of this process, the next SIGUSR2 stops
// it and writes <PROBE_PROFILE_DIR>/app-<pid>-<time>.cpuprofile (open in Chrome DevTools, or
// summarise with tests/load/cpu-profile-summary.ts).
import fs from "node:fs";
import inspector from "node:inspector";
import path from "node:path";

const session = new inspector.Session();
session.connect();
let running = false;
process.on("SIGUSR2", () => {
  if (!running) {
    running = true;
    session.post("Profiler.enable", () => session.post("Profiler.setSamplingInterval", { interval: 500 }, () => session.post("Profiler.start")));
    return;
  }
  session.post("Profiler.stop", (err, res) => {
    running = false;
    if (err) return;
    const file = path.join(process.env.PROBE_PROFILE_DIR || ".", `app-${process.pid}-${Date.now()}.cpuprofile`);
    fs.writeFileSync(file, JSON.stringify(res.profile));
  });
});
