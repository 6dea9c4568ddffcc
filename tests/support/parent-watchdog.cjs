// Preloaded into the `next start` children of tests (next-server.ts). A child whose parent died
// without stopping it (killed by a timeout, a crash) is re-parented; it then writes its logs into a
// closed pipe and spins at a full core, skewing whatever runs next on the machine. It leaves instead.
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) process.exit(1);
}, 500).unref();
for (const stream of [process.stdout, process.stderr]) stream.on("error", () => process.exit(1));
