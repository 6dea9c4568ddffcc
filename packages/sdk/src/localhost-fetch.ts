import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import type { LookupFunction } from "node:net";

/** A resolver answering 127.0.0.1 for any name (single-answer and `all` forms). */
const toLoopback = ((_host: string, opts: { all?: boolean }, cb: (err: null, address: string | { address: string; family: number }[], family?: number) => void) =>
  opts.all ? cb(null, [{ address: "127.0.0.1", family: 4 }]) : cb(null, "127.0.0.1", 4)) as unknown as LookupFunction;

/**
 * A fetch for Node that reaches `*.localhost` origins (`pnpm dev` serves http://demo.localhost:3000).
 * Browsers resolve every `*.localhost` name to the machine itself; Node's resolver does not
 * (ENOTFOUND), and fetch cannot set the Host header that picks the tenant. Requests to such a host
 * go to 127.0.0.1 with the Host header kept; any other origin goes through the global fetch.
 * Node only: do not import it in browser code.
 */
export function localhostFetch(base: typeof fetch = fetch): typeof fetch {
  return (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(typeof input === "string" || input instanceof URL ? input.toString() : input.url);
    if (!url.hostname.endsWith(".localhost")) return base(input, init);
    const headers: Record<string, string> = {};
    new Headers(init?.headers).forEach((v, k) => (headers[k] = v));
    const body = init?.body == null ? undefined : typeof init.body === "string" ? init.body : Buffer.from(await new Response(init.body).arrayBuffer());
    const send = url.protocol === "https:" ? httpsRequest : httpRequest;
    return new Promise<Response>((resolve, reject) => {
      const req = send(
        url,
        { method: init?.method ?? "GET", headers, lookup: toLoopback, signal: init?.signal ?? undefined },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("error", reject);
          res.on("end", () => {
            const out = new Headers();
            for (const [k, v] of Object.entries(res.headers)) for (const x of Array.isArray(v) ? v : v === undefined ? [] : [v]) out.append(k, String(x));
            const status = res.statusCode ?? 502;
            resolve(new Response(status === 204 || status === 304 ? null : Buffer.concat(chunks), { status, statusText: res.statusMessage, headers: out }));
          });
        },
      );
      req.on("error", reject);
      req.end(body);
    });
  }) as typeof fetch;
}
