// Loaded into the app by pipeline-probe (PROBE_NODE_OPTIONS="--import <this file>") with
// PROMISE_COUNT_FILE=<file>: counts the promises the process creates (v8.promiseHooks) and keeps the
// stack of every 97th, writing both to the file every 5 s. The counts' differences over a steady
// round divided by its messages are promises per message; tests/load/promise-origins-summary.ts
// groups the stacks by where they come from. The stacks cost CPU: read shares, not timings.
import fs from "node:fs";
import { promiseHooks } from "node:v8";

const out = process.env.PROMISE_COUNT_FILE;
if (out) {
  let created = 0;
  const stacks = new Map();
  const counts = [];
  promiseHooks.onInit(() => {
    if (++created % 97 !== 0) return;
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 14;
    const stack = (new Error().stack ?? "").split("\n").slice(2).map((l) => l.trim()).join("\n");
    Error.stackTraceLimit = limit;
    stacks.set(stack, (stacks.get(stack) ?? 0) + 1);
  });
  setInterval(() => {
    counts.push({ at: new Date().toISOString(), created });
    fs.writeFileSync(out, JSON.stringify({ every: 97, counts, stacks: [...stacks] }));
  }, 5000).unref();
}
