import http from "node:http";
import { signMetaBody } from "@vendaflow/connectors/whatsapp/verify-signature";
import { messageChange, text, webhook } from "../support/whatsapp-payloads";
import type { GraphRecorder } from "./graph-recorder";

// Open loop: webhook i leaves at t0 + i/rate whether or not earlier ones were answered. Every
// message comes from a new number ("oi" from a new lead → exactly one reply, the first question),
// so the reply that reaches the Graph stand-in is matched to its message by `to`.

/** The load generators' agent: idle sockets are dropped after 4 s, before the server's 5 s keep-alive timeout closes them. */
export const keepAliveAgent = () => new http.Agent({ keepAlive: true, maxSockets: 256, timeout: 4000 });

/**
 * A kept-alive socket the server closed just as this request went out: the request never reached
 * the app. Node's documented remedy is to send it again, once, and only if no answer came back.
 */
export const keepAliveRace = (req: http.ClientRequest, err: NodeJS.ErrnoException) => req.reusedSocket && err.code === "ECONNRESET";

export interface Target {
  /** One or more app processes (`next start`) sharing ROOT_DOMAIN: webhook i goes to ports[i % n]. */
  ports: number[];
  /** Host header (the app's ROOT_DOMAIN). */
  host: string;
  appSecret: string;
  phoneNumberId: string;
}

export interface RateResult {
  rate: number;
  seconds: number;
  messages: number;
  /** Webhooks actually handed to the socket pool per second (the generator may lag). */
  sentPerSec: number;
  /** Worst lag of the generator behind its schedule, ms. */
  maxLagMs: number;
  /** Replies seen per second, from the first send to the last reply. */
  achievedPerSec: number;
  completed: number;
  httpErrors: number;
  timeouts: number;
  /** End-to-end: webhook sent → its reply at the Graph stand-in, ms. */
  latencies: number[];
  /** Webhook sent → HTTP response (Meta's side of the contract), ms. */
  ackLatencies: number[];
  firstErrors: string[];
  /** Graph calls beyond the first for a number (expected 0: "oi" from a new lead gets one reply). */
  extraReplies: number;
  /** Webhooks sent again after a keep-alive race (ECONNRESET on a reused socket before any response). */
  resent: number;
}

const REPLY_TIMEOUT_MS = 10_000;

/** 12-digit numbers, unique per (series, index): "55" + 2-digit series + 8-digit index. */
export const waNumber = (series: number, i: number) => `55${String(series % 100).padStart(2, "0")}${String(i).padStart(8, "0")}`;

function buildMessages(t: Target, series: number, count: number) {
  const out: { waId: string; body: Buffer; signature: string }[] = [];
  for (let i = 0; i < count; i++) {
    const waId = waNumber(series, i);
    const raw = JSON.stringify(webhook(messageChange(t.phoneNumberId, [text(waId, "oi")], [{ wa_id: waId, name: "Lead Benchmark" }])));
    out.push({ waId, body: Buffer.from(raw), signature: signMetaBody(raw, t.appSecret) });
  }
  return out;
}

/** Called when sending starts and when the last webhook of the window has been sent. */
export interface WindowHooks {
  start(): void;
  end(): void;
}

export async function offerRate(t: Target, recorder: GraphRecorder, rate: number, seconds: number, series: number, hooks?: WindowHooks): Promise<RateResult> {
  const count = Math.max(1, Math.round(rate * seconds));
  const msgs = buildMessages(t, series, count);
  const index = new Map(msgs.map((m, i) => [m.waId, i]));
  const sentAt = new Float64Array(count);
  const replyAt = new Float64Array(count).fill(Number.NaN);
  const ackAt = new Float64Array(count).fill(Number.NaN);
  const failed = new Uint8Array(count);
  const firstErrors: string[] = [];
  let completed = 0;
  let answered = 0;
  let httpErrors = 0;
  let maxLagMs = 0;
  let lastReply = 0;
  let extraReplies = 0;
  let resent = 0;
  let wake: (() => void) | null = null;
  const check = () => {
    if (wake && answered === count && completed + httpErrors >= count) wake();
  };
  let closed = false;
  const fail = (i: number, why: string) => {
    // Requests still in flight when the window closes are destroyed: they count as timeouts.
    if (failed[i] || closed) return;
    failed[i] = 1;
    httpErrors++;
    if (firstErrors.length < 5) firstErrors.push(why);
  };

  recorder.onArrival = (to, at) => {
    const i = index.get(to);
    if (i === undefined) return;
    if (!Number.isNaN(replyAt[i]!)) {
      extraReplies++;
      return;
    }
    replyAt[i] = at;
    lastReply = at;
    completed++;
    check();
  };

  const agent = keepAliveAgent();
  const send = (i: number, retry = false) => {
    const m = msgs[i]!;
    if (!retry) sentAt[i] = performance.now();
    const req = http.request(
      {
        agent,
        host: "127.0.0.1",
        port: t.ports[i % t.ports.length],
        method: "POST",
        path: "/api/whatsapp",
        headers: { host: t.host, "content-type": "application/json", "content-length": m.body.length, "x-hub-signature-256": m.signature },
      },
      (res) => {
        res.resume();
        res.on("end", () => {
          ackAt[i] = performance.now();
          answered++;
          if (res.statusCode !== 200) fail(i, `HTTP ${res.statusCode}`);
          check();
        });
      },
    );
    req.setTimeout(REPLY_TIMEOUT_MS, () => req.destroy(new Error("webhook request timed out")));
    req.on("error", (err: NodeJS.ErrnoException) => {
      // Latency still counts from the first attempt.
      if (keepAliveRace(req, err) && !retry && Number.isNaN(ackAt[i]!)) {
        resent++;
        return send(i, true);
      }
      if (Number.isNaN(ackAt[i]!)) {
        ackAt[i] = performance.now();
        answered++;
      }
      fail(i, err.message);
      check();
    });
    req.end(m.body);
  };

  const step = 1000 / rate;
  const t0 = performance.now() + 5;
  let next = 0;
  hooks?.start();
  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = performance.now();
      while (next < count && t0 + next * step <= now) {
        maxLagMs = Math.max(maxLagMs, now - (t0 + next * step));
        send(next++);
      }
      if (next < count) setTimeout(tick, Math.max(0, Math.min(1, t0 + next * step - performance.now())));
      else resolve();
    };
    tick();
  });
  const sendEnd = performance.now();
  hooks?.end();

  // Replies still under way get REPLY_TIMEOUT_MS after the last send; later ones are timeouts.
  await new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, REPLY_TIMEOUT_MS);
    wake = () => {
      clearTimeout(timer);
      resolve();
    };
    check();
  });
  recorder.onArrival = null;
  closed = true;
  agent.destroy();

  const latencies: number[] = [];
  const ackLatencies: number[] = [];
  let timeouts = 0;
  for (let i = 0; i < count; i++) {
    if (!Number.isNaN(ackAt[i]!)) ackLatencies.push(ackAt[i]! - sentAt[i]!);
    if (!Number.isNaN(replyAt[i]!)) latencies.push(replyAt[i]! - sentAt[i]!);
    else if (!failed[i]) timeouts++;
  }
  const span = (Math.max(lastReply, sendEnd) - t0) / 1000;
  return {
    rate,
    seconds,
    messages: count,
    sentPerSec: count / ((sentAt[count - 1]! - t0) / 1000 + step / 1000),
    maxLagMs,
    achievedPerSec: completed / span,
    completed,
    httpErrors,
    timeouts,
    latencies,
    ackLatencies,
    firstErrors: [...firstErrors],
    extraReplies,
    resent,
  };
}
