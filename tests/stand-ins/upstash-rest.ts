import http from "node:http";
import type { AddressInfo } from "node:net";
import net from "node:net";

type Resp = string | number | null | Resp[] | Error;

/** A minimal RESP2 client: one connection, replies matched to commands in order. */
function respClient(url: string) {
  const u = new URL(url);
  const socket = net.connect({ host: u.hostname, port: Number(u.port || 6379) });
  const waiting: ((r: Resp) => void)[] = [];
  let buf = Buffer.alloc(0);

  function parse(at: number): [Resp, number] | null {
    const eol = buf.indexOf("\r\n", at);
    if (eol < 0) return null;
    const line = buf.toString("utf8", at + 1, eol);
    const next = eol + 2;
    switch (String.fromCharCode(buf[at]!)) {
      case "+": return [line, next];
      case "-": return [new Error(line), next];
      case ":": return [Number(line), next];
      case "$": {
        const len = Number(line);
        if (len < 0) return [null, next];
        if (buf.length < next + len + 2) return null;
        return [buf.toString("utf8", next, next + len), next + len + 2];
      }
      case "*": {
        const n = Number(line);
        if (n < 0) return [null, next];
        const items: Resp[] = [];
        let pos = next;
        for (let i = 0; i < n; i++) {
          const r = parse(pos);
          if (!r) return null;
          items.push(r[0]);
          pos = r[1];
        }
        return [items, pos];
      }
      default: throw new Error("bad RESP");
    }
  }

  socket.on("data", (chunk) => {
    buf = Buffer.concat([buf, chunk]);
    for (;;) {
      const r = buf.length ? parse(0) : null;
      if (!r) break;
      buf = buf.subarray(r[1]);
      waiting.shift()!(r[0]);
    }
  });

  return {
    command(args: (string | number)[]): Promise<Resp> {
      const parts = args.map(String);
      socket.write(`*${parts.length}\r\n` + parts.map((p) => `$${Buffer.byteLength(p)}\r\n${p}\r\n`).join(""));
      return new Promise((resolve) => waiting.push(resolve));
    },
    close: () => socket.end(),
  };
}

const encode = (v: Resp, base64: boolean): unknown =>
  Array.isArray(v) ? v.map((x) => encode(x, base64)) : typeof v === "string" && base64 ? Buffer.from(v).toString("base64") : v;

/**
 * Upstash Redis's REST protocol over the machine's real Redis: POST / with ["CMD", ...args] and
 * POST /pipeline with [[...], ...]; Bearer token; `Upstash-Encoding: base64` answers strings in base64.
 * A single command that Redis refuses (WRONGTYPE, ERR ...) is answered 400 {"error"}; a pipeline
 * answers 200 with each command's {"result"} or {"error"}.
 */
export async function startUpstashRestBridge(opts: { redisUrl: string; token: string }) {
  const redis = respClient(opts.redisUrl);
  // `down`: Redis unreachable as a client sees it — the connection is reset without an answer.
  // `gateway`: a proxy in front of Redis answers this status with a plain-text page (e.g. 503).
  const state = { down: false, gateway: 0, requests: 0 };
  const server = http.createServer((req, res) => {
    state.requests++;
    if (state.down) {
      req.socket.destroy();
      return;
    }
    if (state.gateway) {
      res.writeHead(state.gateway, { "content-type": "text/plain" }).end("Service Unavailable");
      return;
    }
    const chunks: Buffer[] = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", async () => {
      if (req.headers.authorization !== `Bearer ${opts.token}`) {
        res.writeHead(401, { "content-type": "application/json" }).end(JSON.stringify({ error: "Unauthorized" }));
        return;
      }
      const base64 = req.headers["upstash-encoding"] === "base64";
      const body = JSON.parse(Buffer.concat(chunks).toString("utf8") || "null");
      const run = async (cmd: (string | number)[]) => {
        const r = await redis.command(cmd);
        return r instanceof Error ? { error: r.message } : { result: encode(r, base64) };
      };
      if (req.url?.startsWith("/pipeline") || req.url?.startsWith("/multi-exec")) {
        const out = await Promise.all((body as (string | number)[][]).map(run));
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(out));
        return;
      }
      const out = await run(body);
      res.writeHead("error" in out ? 400 : 200, { "content-type": "application/json" }).end(JSON.stringify(out));
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    command: redis.command,
    /** Takes Redis away (every request's connection reset) or brings it back. */
    setDown: (down: boolean) => void (state.down = down),
    /** Every request answered with this HTTP status by a proxy (plain text), or 0 to stop. */
    setGatewayStatus: (status: number) => void (state.gateway = status),
    /** Requests received so far, answered or not. */
    requests: () => state.requests,
    close: async () => {
      redis.close();
      await new Promise((r) => server.close(r));
    },
  };
}
