// `pnpm exec tsx tests/load/cpu-profile-summary.ts <file.cpuprofile> [rows]`: a V8 CPU profile
// (node --cpu-prof, or tests/load/cpu-profile-preload.mjs) as text: the frames with the most self
// time, self time by package (through the build's source maps: our packages, node_modules packages,
// Next.js, Node internals; source-frames.ts), and the frames with the most inclusive time (each
// frame counted once per sample, recursion included).
// A sample is taken whether the thread runs or waits to be scheduled, so on a loaded machine the
// frames that wake another process (socket writes) look heavier than their CPU: read shares, and
// take CPU time from /proc (pipeline-probe.ts) instead. `dispatch` is the inspector handing the
// profile over when it stops (cpu-profile-preload.mjs), not the app.
import { readFileSync } from "node:fs";
import { sourceOf, type CallFrame } from "./source-frames";

interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const file = process.argv[2];
if (!file) {
  console.error("usage: tsx tests/load/cpu-profile-summary.ts <file.cpuprofile> [rows]");
  process.exit(2);
}
const rows = Number(process.argv[3] ?? 30);
const p = JSON.parse(readFileSync(file, "utf8")) as Profile;
const byId = new Map(p.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

const selfById = new Map<number, number>();
p.samples.forEach((id, i) => selfById.set(id, (selfById.get(id) ?? 0) + (p.timeDeltas[i] ?? 0)));

// Each node's source once: the inclusive pass below asks for every ancestor of every sampled node.
const sources = new Map<number, ReturnType<typeof sourceOf>>();
const sourceOfNode = (n: ProfileNode) => {
  let src = sources.get(n.id);
  if (!src) sources.set(n.id, (src = sourceOf(n.callFrame)));
  return src;
};
const frame = (n: ProfileNode) => sourceOfNode(n).frame;
const pkg = (n: ProfileNode) => sourceOfNode(n).owner;

const add = (m: Map<string, number>, k: string, v: number) => m.set(k, (m.get(k) ?? 0) + v);
const self = new Map<string, number>();
const packages = new Map<string, number>();
const inclusive = new Map<string, number>();
let total = 0;
let idle = 0;
for (const [id, us] of selfById) {
  const n = byId.get(id)!;
  total += us;
  if (n.callFrame.functionName === "(idle)") {
    idle += us;
    continue;
  }
  add(self, frame(n), us);
  add(packages, pkg(n), us);
  const seen = new Set<string>();
  for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
    const k = frame(byId.get(cur)!);
    if (seen.has(k)) continue;
    seen.add(k);
    add(inclusive, k, us);
  }
}
const ms = (us: number) => `${(us / 1000).toFixed(0).padStart(7)} ms`;
const pct = (us: number) => `${((100 * us) / Math.max(1, total - idle)).toFixed(1).padStart(5)} %`;
const top = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]).slice(0, rows).map(([k, us]) => `${ms(us)} ${pct(us)}  ${k.slice(0, 180)}`);
console.log(`${file}: ${ms(total)} sampled, ${ms(idle)} idle, ${ms(total - idle)} busy (percentages are of busy)`);
console.log(["", "self time by frame:", ...top(self), "", "self time by package:", ...top(packages), "", "inclusive time by frame:", ...top(inclusive).filter((l) => !l.includes("(root)"))].join("\n"));
