// `pnpm exec tsx tests/load/heap-profile-summary.ts <file.heapprofile> [rows] [messages]`: a V8
// sampling heap profile (PROBE_PROFILE_KIND=promoted or allocated, tests/load/cpu-profile-preload.mjs)
// as text: the bytes sampled by the package that allocated them (through the build's source maps:
// source-frames.ts), the frames that allocated the most, and the bytes by the nearest frame of our
// own code on the stack (what our call led to). With `messages` (the run's answered messages, as
// pipeline-probe prints them) also the bytes per message. V8 scales its samples to estimate all
// bytes, so the totals are estimates and the shares are the figures to compare.
import { readFileSync } from "node:fs";
import { sourceOf, type CallFrame } from "./source-frames";

interface HeapNode {
  callFrame: CallFrame;
  selfSize: number;
  children: HeapNode[];
}

const file = process.argv[2];
if (!file) {
  console.error("usage: tsx tests/load/heap-profile-summary.ts <file.heapprofile> [rows] [messages]");
  process.exit(2);
}
const rows = Number(process.argv[3] ?? 20);
const messages = Number(process.argv[4] ?? 0);
const head = (JSON.parse(readFileSync(file, "utf8")) as { head: HeapNode }).head;

const add = (m: Map<string, number>, k: string, v: number) => m.set(k, (m.get(k) ?? 0) + v);
const byOwner = new Map<string, number>();
const byFrame = new Map<string, number>();
const byOwnFrame = new Map<string, number>();
let total = 0;
const stack: { node: HeapNode; own: string | null }[] = [{ node: head, own: null }];
while (stack.length) {
  const { node, own: above } = stack.pop()!;
  const src = node.callFrame.url ? sourceOf(node.callFrame) : { frame: `(V8 builtin) ${node.callFrame.functionName || "anonymous"}`, owner: "V8 builtin" };
  const own = src.owner.startsWith("@vendaflow/") ? src.frame : above;
  if (node.selfSize) {
    total += node.selfSize;
    add(byOwner, src.owner, node.selfSize);
    add(byFrame, src.frame, node.selfSize);
    add(byOwnFrame, own ?? "(no frame of ours on the stack)", node.selfSize);
  }
  for (const child of node.children) stack.push({ node: child, own });
}
const pct = (v: number) => `${((100 * v) / total).toFixed(1).padStart(5)} %`;
const top = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]).slice(0, rows).map(([k, v]) => `${pct(v)}  ${k.slice(0, 180)}`);
const perMessage = messages > 0 ? `, ${(total / messages / 1024).toFixed(0)} KB per message over ${messages}` : "";
console.log(`sampled ${(total / 1e6).toFixed(1)} MB${perMessage}`);
console.log(["", "by package:", ...top(byOwner), "", "frames that allocated the most:", ...top(byFrame), "", "by the nearest frame of our code on the stack:", ...top(byOwnFrame)].join("\n"));
