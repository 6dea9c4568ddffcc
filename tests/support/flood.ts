import { randomInt } from "node:crypto";
import http from "node:http";
import { signMetaBody } from "@vendaflow/connectors/whatsapp/verify-signature";
import type { WidgetMessage } from "@vendaflow/validators/widget";
import { WidgetClient } from "./widget-client";
import * as wa from "./whatsapp-payloads";

/**
 * Issue 13, fault 6: many widget visitors at once, each qualifying like a person (answer, wait for
 * the bot on the SSE stream, answer again), while WhatsApp leads write in. The flood integration
 * test keeps every visitor slot busy for a duration (a finished visitor replaced by a new one);
 * without `seconds` each slot runs one visitor.
 */
export interface FloodTarget {
  port: number;
  /** Host the widget and the webhook are called on (any app host: the token carries the tenant). */
  host: string;
  site: string;
  /** Widget inboxes; visitors are spread over them (the widget-start limit is per inbox). */
  publicKeys: string[];
  phoneNumberId: string;
  waAppSecret: string;
}

export interface FloodOptions {
  visitors: number;
  /** Keep every visitor slot busy for this long, or run one visitor per slot when unset. */
  seconds?: number;
  /** WhatsApp first messages per second from new numbers, for as long as the widget side runs. */
  waPerSecond: number;
  /** At most this many WhatsApp messages (default: no cap). */
  waMessages?: number;
  /** How many of the flow's six answers each visitor gives (default all: a qualified lead). */
  answers?: number;
  /** A person's pause between the bot's question and the next answer. */
  thinkMs?: [number, number];
  /** How long one answer may wait for the bot before it counts as unanswered. */
  replyTimeoutMs?: number;
}

export interface FloodResult {
  elapsedMs: number;
  widget: { visitors: number; sends: number; answered: number; errors: string[]; replyMs: number[] };
  whatsapp: { numbers: string[]; wamids: string[]; statuses: number[] };
}

const FIRST = ["Ana", "Bruno", "Carla", "Diego", "Elisa", "Fábio", "Gabriela", "Heitor", "Isabela", "João"];
const LAST = ["Souza", "Lima", "Prado", "Costa", "Ribeiro", "Almeida", "Barros", "Teixeira", "Moura", "Nunes"];

/** The default BANT flow answered as a qualified lead would (widget.integration's path). */
const ANSWERS = (i: number): { text?: string; optionId?: string }[] => [
  { text: `${FIRST[i % 10]} ${LAST[Math.floor(i / 10) % 10]}` },
  { text: `visitante${i}.${randomInt(1e9)}@flood.example` },
  { text: "R$ 7.500,00" },
  { optionId: "decision_maker" },
  { text: "Quero automação de vendas" },
  { optionId: "immediately" },
];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const keepAlive = new http.Agent({ keepAlive: true, maxSockets: 32 });

function deliver(t: FloodTarget, raw: string, retried = false): Promise<number> {
  return new Promise((resolve) => {
    const req = http.request(
      { agent: keepAlive, host: "127.0.0.1", port: t.port, method: "POST", path: "/api/whatsapp", headers: { host: t.host, "content-type": "application/json", "content-length": Buffer.byteLength(raw), "x-hub-signature-256": signMetaBody(raw, t.waAppSecret) } },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      },
    );
    // A kept-alive socket the server closed as idle just as this request went out on it: resent
    // once, as Node's docs advise (Meta retries too). Any other error counts as one.
    req.on("error", (err: NodeJS.ErrnoException) => resolve(req.reusedSocket && err.code === "ECONNRESET" && !retried ? deliver(t, raw, true) : 0));
    req.end(raw);
  });
}

export async function flood(t: FloodTarget, o: FloodOptions): Promise<FloodResult> {
  const started = Date.now();
  const until = o.seconds ? started + o.seconds * 1000 : 0;
  const [thinkMin, thinkMax] = o.thinkMs ?? [300, 1500];
  const result: FloodResult = { elapsedMs: 0, widget: { visitors: 0, sends: 0, answered: 0, errors: [], replyMs: [] }, whatsapp: { numbers: [], wamids: [], statuses: [] } };
  const w = result.widget;
  let widgetDone = false;

  async function visitor(n: number) {
    w.visitors++;
    const c = new WidgetClient(t.port, t.host, t.site);
    const step = async (what: string, call: () => Promise<{ status: number }>) => {
      const res = await call();
      if (res.status !== 200) w.errors.push(`visitor ${n} ${what}: HTTP ${res.status}`);
      return res.status === 200;
    };
    if (!(await step("start", () => c.start(t.publicKeys[n % t.publicKeys.length]!)))) return;
    if (!(await step("consent", () => c.consent()))) return;
    for (const answer of ANSWERS(n).slice(0, o.answers ?? 6)) {
      await sleep(randomInt(thinkMin, thinkMax + 1));
      const sentAt = Date.now();
      const res = await c.send(answer);
      w.sends++;
      if (res.status !== 200) {
        w.errors.push(`visitor ${n} send: HTTP ${res.status} ${res.text.slice(0, 200)}`);
        return;
      }
      const seq = res.json<{ message: WidgetMessage }>().message.seq;
      try {
        await c.streamUntil(seq, (m) => m.seq > seq && m.sender !== "lead", o.replyTimeoutMs ?? 30_000);
        w.answered++;
        w.replyMs.push(Date.now() - sentAt);
      } catch (err) {
        w.errors.push(`visitor ${n}: no reply to seq ${seq} (${(err as Error).message.slice(0, 120)})`);
        return;
      }
    }
  }

  async function slot(first: number) {
    let n = first;
    do {
      await visitor(n);
      n += o.visitors;
    } while (Date.now() < until);
  }

  async function whatsapp() {
    const gap = 1000 / o.waPerSecond;
    const inFlight: Promise<void>[] = [];
    for (let i = 0; !widgetDone && i < (o.waMessages ?? Infinity); i++) {
      const number = `55119${randomInt(10_000_000, 99_999_999)}`;
      const id = wa.wamid();
      result.whatsapp.numbers.push(number);
      result.whatsapp.wamids.push(id);
      const raw = JSON.stringify(wa.webhook(wa.messageChange(t.phoneNumberId, [wa.text(number, `oi, sou o lead ${i}`, id)], [{ wa_id: number, name: `Lead ${i}` }])));
      inFlight.push(deliver(t, raw).then((s) => void result.whatsapp.statuses.push(s)));
      await sleep(gap);
    }
    await Promise.all(inFlight);
  }

  const wa$ = whatsapp();
  await Promise.all(Array.from({ length: o.visitors }, (_, i) => slot(i)));
  widgetDone = true;
  await wa$;
  result.elapsedMs = Date.now() - started;
  return result;
}
