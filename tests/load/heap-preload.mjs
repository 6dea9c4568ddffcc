// Loaded into the bench's `next start` (NODE_OPTIONS=--import …, tests/load/live-heap.ts): on SIGUSR2 it
// runs a full garbage collection and writes what is still alive to <BENCH_HEAP_DIR>/heap-<pid>.json,
// so the bench can print the live heap beside the RSS (which keeps whatever V8 grew to at the
// busiest moment). Costs nothing until signalled.
import fs from "node:fs";
import path from "node:path";
import v8 from "node:v8";
import vm from "node:vm";

v8.setFlagsFromString("--expose-gc");
const gc = vm.runInNewContext("gc");
process.on("SIGUSR2", () => {
  gc();
  const mem = process.memoryUsage();
  const code = v8.getHeapCodeStatistics();
  const file = path.join(process.env.BENCH_HEAP_DIR || ".", `heap-${process.pid}.json`);
  fs.writeFileSync(`${file}.tmp`, JSON.stringify({ rss: mem.rss, heapUsed: mem.heapUsed, heapTotal: mem.heapTotal, external: mem.external, code: code.code_and_metadata_size + code.bytecode_and_metadata_size, scriptSource: code.external_script_source_size }));
  fs.renameSync(`${file}.tmp`, file);
});
