// `pnpm exec tsx tests/load/heap-profile-summary.ts <file.heapprofile> [rows]`: a V8 sampling heap
// profile (PROBE_PROFILE_KIND=promoted or allocated, tests/load/cpu-profile-preload.mjs) as text: the bytes
// sampled by where they were allocated (Node internals, Next.js, the pg driver, OpenTelemetry, the
// app's bundle chunks) and the frames that allocated the most. Sampled bytes, so read shares.
import { readFileSync } from "node:fs";

interface HeapNode {
  callFrame: { functionName: string; url: string; lineNumber: number };
  selfSize: number;
  children: HeapNode[];
}

const file = process.argv[2];
if (!file) {
  console.error("usage: tsx tests/load/heap-profile-summary.ts <file.heapprofile> [rows]");
  process.exit(2);
}
const rows = Number(process.argv[3] ?? 20);
const head = (JSON.parse(readFileSync(file, "utf8")) as { head: HeapNode }).head;

const where = ({ url, functionName }: HeapNode["callFrame"]) => {
  if (!url) return `V8 builtin (${functionName || "anonymous"})`;
  if (url.includes("async_hooks")) return "Node: async_hooks (AsyncLocalStorage)";
  if (url.startsWith("node:")) return "Node: other internals (streams, http, timers…)";
  if (/next\/dist|next-server/.test(url)) return "Next.js";
  if (/node_modules\/(pg|pg-protocol|pg-pool)\//.test(url)) return "pg";
  if (url.includes("opentelemetry")) return "OpenTelemetry";
  if (url.includes(".next/server/")) return "the app's bundle chunks (our code and the packages bundled with it)";
  return url.replace(/.*node_modules\/(\.pnpm\/[^/]+\/node_modules\/)?/, "nm/");
};
const frame = (c: HeapNode["callFrame"]) => `${c.functionName || "(anonymous)"} ${c.url.replace(/.*\.next\/server\//, ".next/").replace(/.*node_modules\/(\.pnpm\/[^/]+\/node_modules\/)?/, "nm/")}:${c.lineNumber}`;

const byWhere = new Map<string, number>();
const byFrame = new Map<string, number>();
let total = 0;
const stack = [head];
while (stack.length) {
  const n = stack.pop()!;
  if (n.selfSize) {
    total += n.selfSize;
    byWhere.set(where(n.callFrame), (byWhere.get(where(n.callFrame)) ?? 0) + n.selfSize);
    byFrame.set(frame(n.callFrame), (byFrame.get(frame(n.callFrame)) ?? 0) + n.selfSize);
  }
  stack.push(...n.children);
}
const pct = (v: number) => `${((100 * v) / total).toFixed(1).padStart(5)} %`;
console.log(`sampled ${(total / 1e6).toFixed(1)} MB`);
for (const [k, v] of [...byWhere].sort((a, b) => b[1] - a[1]).slice(0, rows)) console.log(`${pct(v)}  ${k}`);
console.log("\nframes that allocated the most");
for (const [k, v] of [...byFrame].sort((a, b) => b[1] - a[1]).slice(0, rows)) console.log(`${pct(v)}  ${k}`);
