import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";

// A tenant's webhook receiver as the Standard Webhooks spec describes one: it verifies
// webhook-id / webhook-timestamp / webhook-signature with the official `standardwebhooks` library
// (HMAC-SHA256 over `id.timestamp.body`, 5-minute tolerance), records what arrived and answers the
// queued statuses in turn (then 200). A wrong signature gets 401, as a real receiver would.

export interface ReceivedWebhook {
  id: string;
  timestamp: string;
  signatureValid: boolean;
  body: string;
  payload: unknown;
  path: string;
}

export async function startWebhookReceiver(opts: { secret?: () => string | null; quiet?: boolean } = {}) {
  const received: ReceivedWebhook[] = [];
  const statuses: number[] = [];
  let count = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      count++;
      const body = Buffer.concat(chunks).toString("utf8");
      const headers = { "webhook-id": String(req.headers["webhook-id"] ?? ""), "webhook-timestamp": String(req.headers["webhook-timestamp"] ?? ""), "webhook-signature": String(req.headers["webhook-signature"] ?? "") };
      const secret = opts.secret?.() ?? null;
      let signatureValid = false;
      if (secret) {
        try {
          new Webhook(secret).verify(body, headers);
          signatureValid = true;
        } catch {
          signatureValid = false;
        }
      }
      if (!opts.quiet) received.push({ id: headers["webhook-id"], timestamp: headers["webhook-timestamp"], signatureValid, body, payload: body ? JSON.parse(body) : null, path: req.url ?? "" });
      res.statusCode = secret && !signatureValid ? 401 : (statuses.shift() ?? 200);
      res.end();
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: (path = "/hook") => `http://127.0.0.1:${port}${path}`,
    received,
    /** Statuses for the next requests, in order. */
    answer: (...s: number[]) => statuses.push(...s),
    count: () => count,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
