import http from "node:http";
import { readFileSync } from "node:fs";
import pg from "pg";
import { hashPassword } from "@vendaflow/core/auth/password";
import { Client, request } from "../support/http";
import { toggleAppProfile } from "./app-profile";
import { cpuBetween, cpuMsEach, type CpuSnapshot } from "./cpu";
import { liveHeapOf, type LiveHeap } from "./live-heap";
import { keepAliveAgent, keepAliveRace } from "./open-loop";
import type { BenchDb } from "./setup-db";
import { fmt, fmtInt, summarize, table } from "./stats";

// Live streams and the widget's send endpoint under load, against the running app (`next start`):
// - V widget visitors (start → privacy notice accepted → the bot's first question) each with an
//   open SSE stream, plus A agent streams of a signed-in agent;
// - idle: the database transactions per second the open streams cause (target: a small constant,
//   not proportional to open streams), and the app's memory;
// - load: one round per rate, every visitor sends one message, open loop at that rate; the send's
//   HTTP answer (ack) and the bot's reply arriving on that visitor's stream (reply-to-screen) are
//   timed separately.
// The widget's per-inbox limit (widget-message:inbox, 1,200/min) is respected by spreading the
// visitors over enough inboxes.

interface SseStream {
  close(): void;
  /** Message events (sender, seq) with their arrival time. */
  onMessage: ((m: { sender: string; seq: number }, at: number) => void) | null;
  events: number;
}

function openSse(port: number, host: string, path: string, headers: Record<string, string>, agent: http.Agent): Promise<SseStream> {
  return new Promise((resolve, reject) => {
    const s: SseStream = { close: () => req.destroy(), onMessage: null, events: 0 };
    const req = http.get({ host: "127.0.0.1", port, path, agent, headers: { host, accept: "text/event-stream", ...headers } }, (res) => {
      if (res.statusCode !== 200) {
        res.resume();
        return reject(new Error(`${path.split("?")[0]}: HTTP ${res.statusCode}`));
      }
      res.setEncoding("utf8");
      let buf = "";
      res.on("data", (chunk: string) => {
        buf += chunk;
        let i: number;
        while ((i = buf.indexOf("\n\n")) >= 0) {
          const block = buf.slice(0, i);
          buf = buf.slice(i + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (!event) continue;
          s.events++;
          if (event === "message" && data) s.onMessage?.(JSON.parse(data) as { sender: string; seq: number }, performance.now());
        }
      });
      res.on("error", () => undefined);
      resolve(s);
    });
    req.on("error", (err) => reject(err));
  });
}

/** Runs `fn` over items, `n` at a time. */
async function pool<T>(items: T[], n: number, fn: (item: T, i: number) => Promise<void>) {
  let next = 0;
  await Promise.all(Array.from({ length: n }, async () => {
    while (next < items.length) {
      const i = next++;
      await fn(items[i]!, i);
    }
  }));
}

/** Longer than PG 15's PGSTAT_IDLE_INTERVAL (10 s): an idle backend has reported its transactions. */
const STATS_FLUSH_MS = 11_000;

const ANSWER_NAMES = ["name", "e-mail", "budget"];

const heapCell = (h: LiveHeap | null) => (h ? `${fmtInt(h.heapUsed / 2 ** 20)} MB (code ${fmtInt(h.code / 2 ** 20)} MB)` : "n/a");

const rssOf = (pid: number | null) => {
  if (pid === null) return Number.NaN;
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? Number.NaN) * 1024;
  } catch {
    return Number.NaN;
  }
};

export interface StreamBenchOptions {
  port: number;
  rootDomain: string;
  db: BenchDb;
  appPid: number | null;
  visitors: number;
  agentStreams: number;
  /** CPU ticks of the app and the bench's Postgres (run.ts's snapshot), for CPU per message. */
  take: () => CpuSnapshot;
  /** One round per rate: every visitor sends one message (msg/s, open loop). */
  rates: number[];
  idleSeconds: number;
}

/** One round's figures, for the widget's SQL ceiling (widget-ceiling.ts). */
export interface StreamRound {
  rate: number;
  /** No error and no reply missing. */
  clean: boolean;
  /** Reply-to-screen p95, ms. */
  p95: number;
  /** How long the sends took, s. */
  seconds: number;
  /** CPU per message, ms: the app's and Postgres's. */
  appMs: number;
  pgMs: number;
  /** DB transactions per message (sends, bot, streams). */
  transactions: number;
}

/** The highest-rate round with no error, no reply missing and reply-to-screen p95 under `p95Under` ms. */
export function highestRound(rounds: StreamRound[], p95Under = Infinity): StreamRound | null {
  return rounds.filter((r) => r.clean && r.p95 < p95Under).reduce<StreamRound | null>((b, r) => (!b || r.rate > b.rate ? r : b), null);
}

export async function streamBench(o: StreamBenchOptions): Promise<{ lines: string[]; rounds: StreamRound[] }> {
  const owner = new pg.Client({ connectionString: o.db.ownerUrl });
  await owner.connect();
  const agent = new http.Agent({ keepAlive: true, maxSockets: o.visitors + o.agentStreams + 64 });
  const streams: SseStream[] = [];
  const host = `${o.db.slug}.${o.rootDomain}`;
  try {
    // Inboxes enough for the per-inbox limits (starts 600/min, messages 1,200/min).
    const inboxes = Math.max(1, Math.ceil(o.visitors / 500));
    const keys: string[] = [];
    for (let i = 0; i < inboxes; i++) {
      const r = await owner.query<{ public_key: string }>("insert into inboxes (tenant_id, name, channel, settings) values ($1, $2, 'web', $3) returning public_key", [o.db.tenantId, `Site ${i + 1}`, JSON.stringify({ allowedOrigins: [], schedulingUrl: "", templates: {} })]);
      keys.push(r.rows[0]!.public_key);
    }
    const password = "bench-agent-123";
    await owner.query("insert into users (tenant_id, email, name, role, password_hash, email_verified_at) values ($1, 'agente@bench.test', 'Agente', 'agent', $2, now())", [o.db.tenantId, await hashPassword(password)]);
    const login = new Client(o.port, host);
    const err = await login.login("agente@bench.test", password);
    if (err) throw new Error(`agent login: ${err}`);

    // Visitors: start, accept the notice (the bot greets), open the stream after what they saw.
    const visitors: { token: string; after: number; stream?: SseStream; replyAt?: number; sentAt?: number; ackAt?: number; failed?: string }[] = [];
    const started = performance.now();
    await pool(Array.from({ length: o.visitors }, (_, i) => i), 32, async (i) => {
      const start = await request(o.port, host, "POST", "/api/widget/start", { headers: { "content-type": "application/json", "x-forwarded-for": `10.9.${i >> 8}.${i & 255}` }, body: JSON.stringify({ publicKey: keys[i % keys.length] }) });
      if (start.status !== 200) throw new Error(`widget start: HTTP ${start.status} ${start.text.slice(0, 200)}`);
      const token = start.json<{ visitorToken: string }>().visitorToken;
      const auth = { authorization: `Bearer ${token}`, "content-type": "application/json" };
      const consent = await request(o.port, host, "POST", "/api/widget/consent", { headers: auth, body: JSON.stringify({ version: "2026-11-v1", service: true, marketing: false }) });
      if (consent.status !== 200) throw new Error(`widget consent: HTTP ${consent.status} ${consent.text.slice(0, 200)}`);
      visitors[i] = { token, after: 0 };
    });
    const setupSeconds = (performance.now() - started) / 1000;
    for (let i = 0; i < o.agentStreams; i++) streams.push(await openSse(o.port, host, "/api/agent/stream", { cookie: login.cookieHeader() }, agent));
    await pool(visitors, 32, async (v) => {
      v.stream = await openSse(o.port, host, `/api/widget/stream?token=${encodeURIComponent(v.token)}`, {}, agent);
      streams.push(v.stream);
      v.stream.onMessage = (m, at) => {
        if (m.sender === "bot" && v.sentAt !== undefined && v.replyAt === undefined) v.replyAt = at;
      };
    });
    // Let the first reads of every stream (and the greetings' jobs) settle before measuring, and
    // let every backend report them: Postgres counts a backend's transactions in pg_stat_database
    // when it flushes its statistics, which an idle backend does up to 10 s later (PG 15).
    await new Promise((r) => setTimeout(r, STATS_FLUSH_MS));

    const xacts = async () => Number((await owner.query<{ n: string }>("select xact_commit + xact_rollback as n from pg_stat_database where datname = current_database()")).rows[0]!.n);
    // Idle: nothing sent; what the open streams alone cost the database (minus this probe's own two transactions).
    const idle0 = await xacts();
    const idleT0 = performance.now();
    const idleCpu0 = o.take();
    // Still idle while the window's own transactions are reported (see STATS_FLUSH_MS).
    await new Promise((r) => setTimeout(r, o.idleSeconds * 1000 + STATS_FLUSH_MS));
    const idleCpu = cpuBetween(idleCpu0, o.take());
    const idleTx = (await xacts()) - idle0 - 1;
    const idleSecs = (performance.now() - idleT0) / 1000;
    const rssIdle = rssOf(o.appPid);
    const heapIdle = await liveHeapOf(o.appPid);

    // Load: one round per rate, every visitor sends one message per round (the answer to the bot's
    // current question: name, then e-mail, then budget), open loop.
    const lines: string[] = [];
    lines.push(`widget send and live streams: ${o.visitors} widget visitors (each with an open SSE stream, over ${inboxes} web inbox${inboxes > 1 ? "es" : ""}) + ${o.agentStreams} agent streams on one app process; set-up (start + notice accepted + greeting) ${fmt(setupSeconds, 1)} s`);
    const rows: string[][] = [
      [`DB transactions/s, idle, ${o.visitors + o.agentStreams} streams open (${fmt(idleSecs, 0)} s)`, fmt(idleTx / idleSecs, 1)],
      // Heartbeats every 15 s, presence reads and the collector marking the streams' heap.
      [`CPU, idle, ${o.visitors + o.agentStreams} streams open: app / Postgres`, `${fmt(idleCpu.app, 1)} % / ${fmt(idleCpu.postgres, 1)} % of a core`],
      ["app memory (RSS), streams open, idle", `${fmtInt(rssIdle / 2 ** 20)} MB`],
      ["app live JS heap after a full GC, streams open, idle", heapCell(heapIdle)],
    ];
    // Each round answers the next question, so rounds differ in the bot's work as well as in rate.
    const answers: ((i: number) => string)[] = [() => "Maria Souza", (i) => `visitante${i}@exemplo.com.br`, () => "R$ 1-5 mil"];
    const firstErrors: string[] = [];
    const rounds: StreamRound[] = [];
    for (const [round, rate] of o.rates.entries()) {
      const answer = answers[round % answers.length]!;
      // Fresh statistics, as run.ts gives the pipeline before each rate: the set-up and each round
      // add thousands of rows, and on stale statistics the planner keeps plans no long-running
      // database would (autovacuum analyses it). The backends re-plan after it and the app's heap
      // regrows after the full GC of the heap reading: let both settle outside the measured window.
      await o.db.analyze();
      await new Promise((r) => setTimeout(r, 3000));
      for (const v of visitors) {
        v.sentAt = undefined;
        v.ackAt = undefined;
        v.replyAt = undefined;
        v.failed = undefined;
      }
      const sendAgent = keepAliveAgent();
      const load0 = await xacts();
      const cpu0 = o.take();
      toggleAppProfile(o.appPid);
      const t0 = performance.now() + 5;
      let errors = 0;
      let resent = 0;
      await new Promise<void>((resolve) => {
        let next = 0;
        const tick = () => {
          const now = performance.now();
          while (next < visitors.length && t0 + (next * 1000) / rate <= now) {
            const v = visitors[next]!;
            const i = next++;
            v.sentAt = performance.now();
            const body = JSON.stringify({ clientMessageId: `bench-message-${round}-${i}`, text: answer(i) });
            const post = (again: boolean) => {
              const req = http.request({ agent: sendAgent, host: "127.0.0.1", port: o.port, method: "POST", path: "/api/widget/send", headers: { host, authorization: `Bearer ${v.token}`, "content-type": "application/json", "content-length": Buffer.byteLength(body) } }, (res) => {
                res.resume();
                res.on("end", () => {
                  v.ackAt = performance.now();
                  if (res.statusCode !== 200) {
                    errors++;
                    v.failed = `HTTP ${res.statusCode}`;
                    if (firstErrors.length < 3) firstErrors.push(v.failed);
                  }
                });
              });
              req.on("error", (e: NodeJS.ErrnoException) => {
                // Resent with the same clientMessageId, which the server stores once.
                if (keepAliveRace(req, e) && !again && v.ackAt === undefined) {
                  resent++;
                  return post(true);
                }
                errors++;
                v.failed = e.message;
                if (firstErrors.length < 3) firstErrors.push(e.message);
              });
              req.end(body);
            };
            post(false);
          }
          if (next < visitors.length) setTimeout(tick, 1);
          else resolve();
        };
        tick();
      });
      const sendSeconds = (performance.now() - t0) / 1000;
      const deadline = performance.now() + 10_000;
      while (performance.now() < deadline && visitors.some((v) => !v.failed && v.replyAt === undefined)) await new Promise((r) => setTimeout(r, 50));
      const loadSecs = (performance.now() - t0) / 1000;
      const cpu = cpuBetween(cpu0, o.take());
      toggleAppProfile(o.appPid);
      // The round's transactions are counted once every backend has flushed its statistics.
      await new Promise((res) => setTimeout(res, STATS_FLUSH_MS));
      const loadTx = (await xacts()) - load0 - 1;
      sendAgent.destroy();

      const acks = visitors.flatMap((v) => (v.ackAt !== undefined && !v.failed ? [v.ackAt - v.sentAt!] : []));
      const replies = visitors.flatMap((v) => (v.replyAt !== undefined ? [v.replyAt - v.sentAt!] : []));
      const missing = visitors.filter((v) => !v.failed && v.replyAt === undefined).length;
      const a = summarize(acks);
      const r = summarize(replies);
      const perMessage = (pctOfCore: number) => cpuMsEach(pctOfCore, loadSecs, replies.length);
      rounds.push({ rate, clean: errors === 0 && missing === 0, p95: r.p95, seconds: sendSeconds, appMs: perMessage(cpu.app), pgMs: perMessage(cpu.postgres), transactions: loadTx / Math.max(1, replies.length) });
      const at = `at ${rate} msg/s`;
      rows.push(
        [`offered send rate (msg/s), ${visitors.length} messages, one per visitor (answer ${round + 1}: ${ANSWER_NAMES[round % ANSWER_NAMES.length]})`, `${rate} (sent at ${fmt(visitors.length / sendSeconds, 1)})`],
        [`  errors / replies missing after 10 s, ${at}`, `${errors} / ${missing}${resent ? ` (${resent} resent on a reused socket)` : ""}`],
        [`  send ack p50 / p99 ms (POST /api/widget/send answered), ${at}`, `${fmt(a.p50)} / ${fmt(a.p99)}`],
        [`  reply-to-screen p50 / p95 / p99 ms (bot reply on the visitor's stream), ${at}`, `${fmt(r.p50)} / ${fmt(r.p95)} / ${fmt(r.p99)}`],
        [`  DB transactions per message (all: sends, bot, streams), ${at}`, fmt(loadTx / Math.max(1, replies.length), 1)],
        [`  DB transactions/s, ${at}`, fmt(loadTx / loadSecs, 0)],
        [`  CPU ms per message, app / Postgres (% of a core), ${at}`, `${fmt(perMessage(cpu.app))} / ${fmt(perMessage(cpu.postgres))} (${fmtInt(cpu.app)} % / ${fmtInt(cpu.postgres)} %)`],
      );
    }
    rows.push(["app memory (RSS) after the load", `${fmtInt(rssOf(o.appPid) / 2 ** 20)} MB`]);
    rows.push(["app live JS heap after a full GC, after the load", heapCell(await liveHeapOf(o.appPid))]);
    lines.push(table(["", "value"], rows));
    if (firstErrors.length) lines.push(`  first errors: ${firstErrors.join("; ")}`);
    // The pipeline's criterion (p95 < 50 ms) and the streams' (p95 < 300 ms), on reply-to-screen.
    // A round is one message per visitor, so it lasts visitors / rate seconds, not a fixed window.
    for (const [limit, what] of [[50, "as the webhook's target asks"], [300, "the streams' target"]] as const) {
      const b = highestRound(rounds, limit);
      lines.push(`widget: highest rate with no error, no reply missing and reply-to-screen p95 < ${limit} ms (${what}): ${b ? `${b.rate} msg/s (p95 ${fmt(b.p95)} ms over ${fmt(b.seconds, 0)} s)` : `none of ${o.rates.join(", ")} msg/s`}`);
    }
    return { lines, rounds };
  } finally {
    for (const s of streams) s.close();
    agent.destroy();
    await owner.end();
  }
}
