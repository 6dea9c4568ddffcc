import { spawn } from "node:child_process";
import http from "node:http";
import { cpuBetween, cpuMsEach, snapshot, type CpuSnapshot } from "./cpu";
import { keepAliveAgent } from "./open-loop";
import { fmt, fmtInt, summarize } from "./stats";

// What one request costs the app before any of its own work: Meta's subscription check
// (GET /api/whatsapp?hub.mode=subscribe…: a token compare, no database, no outbound call) through
// the same `next start`, open loop, beside node:http answering the same in a process of its own.
// A WhatsApp message pays this floor once (its webhook) before the pipeline's own work.

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** node:http answering Meta's check the way the route does, for the reference row. */
const PLAIN_SERVER = `
const http = require("node:http");
const token = process.env.VERIFY_TOKEN;
const server = http.createServer((req, res) => {
  const p = new URL(req.url, "http://x").searchParams;
  const ok = p.get("hub.mode") === "subscribe" && p.get("hub.verify_token") === token;
  res.writeHead(ok ? 200 : 403, { "content-type": "text/plain" });
  res.end(ok ? (p.get("hub.challenge") ?? "") : "Forbidden");
});
server.listen(0, "127.0.0.1", () => process.stdout.write(String(server.address().port) + "\\n"));
`;

interface FloorRun {
  rate: number;
  ok: number;
  sent: number;
  p50: number;
  /** CPU of the serving process per answered request, ms. */
  cpuMs: number;
}

/** Open loop: request i leaves at t0 + i/rate; an answer counts when it is 200 with the challenge echoed. */
async function offerChecks(port: number, host: string, token: string, rate: number, seconds: number): Promise<{ ok: number; sent: number; latencies: number[] }> {
  const agent = keepAliveAgent();
  const n = Math.round(rate * seconds);
  const latencies: number[] = [];
  let ok = 0;
  const pending: Promise<void>[] = [];
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    const wait = t0 + (i * 1000) / rate - performance.now();
    if (wait > 1) await sleep(wait);
    const challenge = String(1_000_000 + i);
    const sentAt = performance.now();
    const path = `/api/whatsapp?hub.mode=subscribe&hub.verify_token=${encodeURIComponent(token)}&hub.challenge=${challenge}`;
    pending.push(
      new Promise<void>((resolve) => {
        const req = http.get({ host: "127.0.0.1", port, path, agent, headers: { host } }, (res) => {
          let body = "";
          res.setEncoding("utf8");
          res.on("data", (c: string) => (body += c));
          res.on("end", () => {
            latencies.push(performance.now() - sentAt);
            if (res.statusCode === 200 && body === challenge) ok++;
            resolve();
          });
        });
        req.on("error", () => resolve());
      }),
    );
  }
  await Promise.all(pending);
  agent.destroy();
  return { ok, sent: n, latencies };
}

async function measure(port: number, host: string, token: string, rate: number, seconds: number, take: () => CpuSnapshot): Promise<FloorRun> {
  await offerChecks(port, host, token, rate, 2); // warm at this rate, not reported
  const a = take();
  const r = await offerChecks(port, host, token, rate, seconds);
  await sleep(300);
  const b = take();
  return { rate, ok: r.ok, sent: r.sent, p50: summarize(r.latencies).p50, cpuMs: cpuMsEach(cpuBetween(a, b).app, (b.at - a.at) / 1000, r.ok) };
}

async function startPlainServer(token: string): Promise<{ port: number; pid: number; stop: () => void }> {
  const child = spawn(process.execPath, ["-e", PLAIN_SERVER], { env: { ...process.env, NODE_OPTIONS: "", VERIFY_TOKEN: token }, stdio: ["ignore", "pipe", "inherit"] });
  const port = await new Promise<number>((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`the node:http reference server exited (${code}) before listening`)));
    child.stdout!.once("data", (d) => resolve(Number(String(d).trim())));
  });
  return { port, pid: child.pid!, stop: () => child.kill() };
}

export interface FloorResult {
  lines: string[];
  /** Next's CPU per request at each rate, ms. */
  nextMs: Map<number, number>;
  /** The lowest of those (its highest-rate run, as a rule): one process at its best. */
  cheapestMs: number | null;
}

/** The floor at each rate: `next start` (the process `nextPid` and its children) and node:http. */
export async function frameworkFloor(o: { port: number; host: string; token: string; rates: number[]; seconds: number; nextPid: number }): Promise<FloorResult> {
  const plain = await startPlainServer(o.token);
  const nextRuns: FloorRun[] = [];
  const plainRuns: FloorRun[] = [];
  try {
    const cpuOf = (pid: number) => () => snapshot([pid], () => false);
    for (const rate of o.rates) {
      nextRuns.push(await measure(o.port, o.host, o.token, rate, o.seconds, cpuOf(o.nextPid)));
      plainRuns.push(await measure(plain.port, o.host, o.token, rate, o.seconds, cpuOf(plain.pid)));
    }
  } finally {
    plain.stop();
  }
  const each = (runs: FloorRun[]) => runs.map((r) => `${fmt(r.cpuMs, 2)} ms at ${r.rate}/s (p50 ${fmt(r.p50)} ms${r.ok < r.sent ? `, ${r.sent - r.ok} of ${r.sent} not answered right` : ""})`).join(", ");
  const top = nextRuns.filter((r) => r.cpuMs > 0).sort((x, y) => x.cpuMs - y.cpuMs)[0];
  const lines = [
    `framework floor (GET /api/whatsapp, Meta's subscription check: a token compare, no database, no outbound call; open loop, ${o.seconds} s per rate): next start ${each(nextRuns)} of app CPU per request; node:http answering the same in its own process ${each(plainRuns)}`,
  ];
  if (top) lines.push(`  one next start answering nothing but this tops out near ${fmtInt(1000 / top.cpuMs)} requests/s at its cost at ${top.rate}/s`);
  return { lines, nextMs: new Map(nextRuns.map((r) => [r.rate, r.cpuMs])), cheapestMs: top?.cpuMs ?? null };
}
