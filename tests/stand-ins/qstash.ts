import { randomUUID } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { signQStashRequest } from "@vendaflow/connectors/qstash/sign-request";

export interface PublishedMessage {
  messageId: string;
  /** The destination URL from the path after /v2/publish/. */
  destination: string;
  /** Raw body, as QStash would forward it. */
  body: string;
  delaySeconds: number;
  deduplicationId?: string;
  retries?: number;
  /** Headers QStash forwards to the destination (Upstash-Forward-* unprefixed, plus content-type), lower-case. */
  headers: Record<string, string>;
  /** Every header of the publish request itself (Upstash-Delay, Upstash-Deduplication-Id, ...), lower-case. */
  publishHeaders: Record<string, string>;
}

const unitSeconds = { s: 1, m: 60, h: 3600, d: 86_400 } as const;

/** "30s" | "5m" | "2h" | "1d" (QStash's Upstash-Delay) → seconds; null when malformed. */
function parseDelay(value: string | undefined): number | null {
  if (value === undefined) return 0;
  const m = /^(\d+)([smhd])$/.exec(value.trim());
  return m ? Number(m[1]) * unitSeconds[m[2] as keyof typeof unitSeconds] : null;
}

const header = (req: http.IncomingMessage, name: string) => {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
};

/**
 * A local server speaking QStash's publish API (`POST /v2/publish/{destination}`), so the real
 * `@upstash/qstash` Client can be pointed at it with `baseUrl`. Nothing is delivered on its own:
 * tests inspect `published` or call `deliverAll()`.
 */
export async function startQStashStandIn(opts: { token: string; signingKey?: string }) {
  const published: PublishedMessage[] = [];
  /** Publishes still to refuse with 500 (an outage), set by failNext(). */
  let failing = 0;
  let refused = 0;
  const byDedupId = new Map<string, string>();

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const reply = (status: number, body: unknown) => {
        res.writeHead(status, { "content-type": "application/json" });
        res.end(JSON.stringify(body));
      };
      const prefix = "/v2/publish/";
      if (req.method !== "POST" || !req.url?.startsWith(prefix)) return reply(404, { error: "not found" });
      if (header(req, "authorization") !== `Bearer ${opts.token}`) return reply(401, { error: "invalid token" });
      if (failing > 0) {
        failing--;
        refused++;
        return reply(500, { error: "internal server error" });
      }

      // Taken as sent: the SDK joins the destination onto the path unencoded.
      const destination = req.url.slice(prefix.length);
      if (!/^https?:\/\//.test(destination)) return reply(400, { error: `invalid destination: ${destination}` });
      const delaySeconds = parseDelay(header(req, "upstash-delay"));
      if (delaySeconds === null) return reply(400, { error: "invalid Upstash-Delay" });
      const retriesHeader = header(req, "upstash-retries");

      const deduplicationId = header(req, "upstash-deduplication-id");
      const existing = deduplicationId === undefined ? undefined : byDedupId.get(deduplicationId);
      if (existing) return reply(200, { messageId: existing, url: destination, deduplicated: true });

      const forwarded: Record<string, string> = {};
      const publishHeaders: Record<string, string> = {};
      for (const [name, value] of Object.entries(req.headers)) {
        if (value === undefined) continue;
        const v = Array.isArray(value) ? value.join(", ") : value;
        publishHeaders[name] = v;
        if (name.startsWith("upstash-forward-")) forwarded[name.slice("upstash-forward-".length)] = v;
        else if (name === "content-type") forwarded[name] = v;
      }
      const messageId = `msg_${randomUUID()}`;
      if (deduplicationId !== undefined) byDedupId.set(deduplicationId, messageId);
      published.push({
        messageId,
        destination,
        body: Buffer.concat(chunks).toString("utf8"),
        delaySeconds,
        deduplicationId,
        retries: retriesHeader === undefined ? undefined : Number(retriesHeader),
        headers: forwarded,
        publishHeaders,
      });
      return reply(200, { messageId, url: destination });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}`,
    published,
    /** The next n publishes answer 500 (and store nothing). */
    failNext(n: number) {
      failing = n;
    },
    /** Publishes answered 500 so far. */
    get refused() {
      return refused;
    },
    /** POSTs every published message to its destination now (delays ignored), signed like QStash. */
    async deliverAll(): Promise<Response[]> {
      const signingKey = opts.signingKey;
      if (!signingKey) throw new Error("startQStashStandIn: pass signingKey to use deliverAll()");
      const responses: Response[] = [];
      for (const m of published) {
        const signature = await signQStashRequest({ url: m.destination, rawBody: m.body, signingKey });
        responses.push(
          await fetch(m.destination, {
            method: "POST",
            headers: { ...m.headers, "upstash-signature": signature, "upstash-message-id": m.messageId, "upstash-retried": "0" },
            body: m.body,
          }),
        );
      }
      return responses;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
