// `pnpm exec tsx tests/load/promise-origins-summary.ts <file> [rows]`: what PROBE_PROMISES
// (promise-count-preload.mjs) wrote, as text: promises created per 5-second window (divide a steady
// round's by its messages), and the sampled stacks mapped through the build's source maps
// (source-frames.ts): what each promise had on its stack (Kysely, Next.js, our code), the frame
// that created it and the nearest frame of our own code.
import { readFileSync } from "node:fs";
import { sourceOf } from "./source-frames";

const file = process.argv[2];
if (!file) {
  console.error("usage: tsx tests/load/promise-origins-summary.ts <file> [rows]");
  process.exit(2);
}
const rows = Number(process.argv[3] ?? 25);
const data = JSON.parse(readFileSync(file, "utf8")) as { every: number; counts: { at: string; created: number }[]; stacks: [string, number][] };

// "at name (file:line:col)", "at file:line:col" or "at async name (…)"; anything else (native frames) as it is.
const parse = (line: string) => {
  const m = line.match(/^at (?:async )?(?:(.*?) \()?((?:file:\/\/|node:|\/)[^()]*?):(\d+):(\d+)\)?$/);
  if (!m) return { frame: line.replace(/^at /, ""), owner: "native" };
  return sourceOf({ functionName: m[1] ?? "", url: m[2]!, lineNumber: Number(m[3]) - 1, columnNumber: Number(m[4]) - 1 });
};
const add = (m: Map<string, number>, k: string, v: number) => m.set(k, (m.get(k) ?? 0) + v);

console.log(`promises created, per 5 s window (every ${data.every}th stack kept):`);
data.counts.forEach((c, i) => console.log(`  ${c.at}  ${i ? c.created - data.counts[i - 1]!.created : c.created}`));

const onStack = new Map<string, number>();
const creator = new Map<string, number>();
const ours = new Map<string, number>();
let total = 0;
for (const [stack, n] of data.stacks) {
  const frames = stack.split("\n").map(parse);
  total += n;
  const owners = frames.map((f) => f.owner);
  const kind = owners.includes("kysely") ? "Kysely on the stack" : owners.some((o) => o.startsWith("@vendaflow/")) ? "our code, no Kysely" : owners.includes("next") ? "Next.js only" : "no stack (a continuation)";
  add(onStack, kind, n);
  // The first frame past Node's promise-hook plumbing.
  add(creator, (frames.find((f) => !f.owner.startsWith("node:internal/promise_hooks")) ?? frames[0])?.frame ?? "?", n);
  add(ours, frames.find((f) => f.owner.startsWith("@vendaflow/"))?.frame ?? "(no frame of ours)", n);
}
const pct = (v: number) => `${((100 * v) / Math.max(1, total)).toFixed(1).padStart(5)} %`;
const top = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]).slice(0, rows).map(([k, v]) => `${pct(v)}  ${k.slice(0, 200)}`);
console.log(["", `${total} stacks sampled`, "", "on the stack:", ...top(onStack), "", "created by:", ...top(creator), "", "nearest frame of our code:", ...top(ours)].join("\n"));
