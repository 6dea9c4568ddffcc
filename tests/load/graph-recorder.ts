import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

// A minimal Graph API stand-in for the benchmark: it answers every POST /<version>/<id>/messages with
// Meta's success shape and reports the arrival time of each request by recipient, without keeping
// the requests (tests/stand-ins/graph-api.ts keeps them all and scans them on every wait).

export interface GraphRecorder {
  baseUrl: string;
  /** Every authorised POST to …/messages so far. */
  received: number;
  /** Called on each arrival with the recipient and performance.now(). */
  onArrival: ((to: string, at: number) => void) | null;
  close(): Promise<void>;
}

const MESSAGES_PATH = /^\/v\d+\.\d+\/[^/]+\/messages$/;

export async function startGraphRecorder(accessToken: string): Promise<GraphRecorder> {
  let counter = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const at = performance.now();
      if (req.method !== "POST" || !MESSAGES_PATH.test(req.url ?? "")) {
        res.writeHead(400, { "content-type": "application/json" });
        return res.end(JSON.stringify({ error: { message: "(#100) Invalid parameter", type: "OAuthException", code: 100 } }));
      }
      if (req.headers.authorization !== `Bearer ${accessToken}`) {
        res.writeHead(401, { "content-type": "application/json" });
        return res.end(JSON.stringify({ error: { message: "(#190) Invalid OAuth access token", type: "OAuthException", code: 190 } }));
      }
      let to = "";
      try {
        const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { to?: unknown };
        if (typeof body.to === "string") to = body.to.replace(/^\+/, "");
      } catch {}
      recorder.received++;
      recorder.onArrival?.(to, at);
      counter++;
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ messaging_product: "whatsapp", contacts: [{ input: to, wa_id: to }], messages: [{ id: `wamid.bench${counter.toString(36)}${Math.random().toString(36).slice(2, 10)}` }] }));
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const recorder: GraphRecorder = {
    baseUrl: `http://127.0.0.1:${port}`,
    received: 0,
    onArrival: null,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return recorder;
}
