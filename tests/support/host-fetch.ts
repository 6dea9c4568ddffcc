import { request } from "./http";

/** A fetch for the SDK that sends requests to 127.0.0.1:port with the tenant's Host header. */
export function hostFetch(port: number, host: string): typeof fetch {
  return (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(typeof input === "string" || input instanceof URL ? input.toString() : input.url);
    const headers: Record<string, string> = {};
    new Headers(init?.headers).forEach((v, k) => (headers[k] = v));
    const res = await request(port, host, init?.method ?? "GET", url.pathname + url.search, { headers, body: init?.body ? String(init.body) : undefined });
    return new Response(res.text, { status: res.status, headers: Object.entries(res.headers).flatMap(([k, v]) => (Array.isArray(v) ? v.map((x) => [k, x]) : v ? [[k, String(v)]] : [])) as [string, string][] });
  }) as typeof fetch;
}
