import http from "node:http";
import https from "node:https";
import { lookup as dnsLookup } from "node:dns/promises";
import { isIP, type LookupFunction } from "node:net";
import { isPrivateAddress } from "./private-address";

/** A refused destination: the message is pt-BR and safe to show the tenant. */
export class OutboundBlockedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "OutboundBlockedError";
  }
}

export type Resolve = (hostname: string) => Promise<{ address: string; family: number }[]>;

export interface OutboundPolicy {
  /**
   * Hosts (names or IP addresses, lower case) that may resolve to a private address anyway: the
   * development allow-list for stand-ins on 127.0.0.1 (OUTBOUND_ALLOW_HOSTS). Empty in production.
   */
  allowHosts?: readonly string[];
  /** DNS resolution (tests inject one that answers private addresses for public-looking names). */
  resolve?: Resolve;
}

export interface SafeRequest {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Whole exchange, redirects included (default 10 s). */
  timeoutMs?: number;
  /** Response bodies above this are cut off with an error (default 1 MiB). */
  maxBytes?: number;
  /** Redirects followed, each re-checked (default 3; 0 returns the 3xx as is). */
  maxRedirects?: number;
}

export interface SafeResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  /** The URL that answered (after redirects). */
  url: string;
}

const defaultResolve: Resolve = (host) => dnsLookup(host, { all: true, verbatim: true });

/** http(s) only, and no credentials in the URL (they would leak into logs and redirects). */
function checkedUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new OutboundBlockedError("URL inválida.");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new OutboundBlockedError("Apenas URLs http ou https são permitidas.");
  if (url.username || url.password) throw new OutboundBlockedError("A URL não pode conter usuário e senha.");
  return url;
}

/**
 * The resolver the connection itself uses: every address the name resolves to must be public (or
 * the host allow-listed), and the socket connects to the address checked here — so a DNS answer
 * that changes between a check and the connection (rebinding) cannot slip through.
 */
function guardedLookup(hostname: string, policy: OutboundPolicy): LookupFunction {
  const allowed = policy.allowHosts?.includes(hostname.toLowerCase()) ?? false;
  const resolve = policy.resolve ?? defaultResolve;
  return ((host: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) => {
    resolve(host).then(
      (addresses) => {
        if (!addresses.length) return callback(new OutboundBlockedError(`Não foi possível resolver ${host}.`));
        if (!allowed && addresses.some((a) => isPrivateAddress(a.address))) return callback(new OutboundBlockedError(`${host} aponta para um endereço de rede interna, que não é permitido.`));
        const first = addresses[0]!;
        return options.all ? callback(null, [first]) : callback(null, first.address, first.family);
      },
      (err: Error) => callback(err),
    );
  }) as LookupFunction;
}

/** Literal IPs never go through a lookup: they are checked here (URL already turned 2130706433 and 0x7f000001 into 127.0.0.1). */
function checkLiteral(url: URL, policy: OutboundPolicy) {
  const host = url.hostname.replace(/^\[|\]$/g, "").toLowerCase();
  if (isIP(host) && isPrivateAddress(host) && !policy.allowHosts?.includes(host)) throw new OutboundBlockedError(`${host} é um endereço de rede interna, que não é permitido.`);
}

/**
 * Kept-alive connections: a webhook receiver gets one TCP (and TLS) handshake per burst instead of
 * one per delivery. Safe with the guard: a new connection resolves through guardedLookup (the agent
 * passes the request's `lookup` to it), and a pooled socket stays connected to the address checked
 * when it opened. Pools are per allow-list, so a socket opened under one policy never serves a
 * request under a stricter one; a policy with its own resolver (tests) is never pooled.
 */
const pools = new Map<string, { "http:": http.Agent; "https:": https.Agent }>();
function agentFor(protocol: string, policy: OutboundPolicy): http.Agent | false {
  if (policy.resolve) return false;
  const key = [...(policy.allowHosts ?? [])].sort().join(",");
  let pool = pools.get(key);
  if (!pool) {
    const opts = { keepAlive: true, keepAliveMsecs: 1000, maxSockets: 64, maxFreeSockets: 16, timeout: 30_000 };
    pool = { "http:": new http.Agent(opts), "https:": new https.Agent(opts) };
    pools.set(key, pool);
  }
  return pool[protocol as "http:" | "https:"];
}

function once(url: URL, req: SafeRequest, policy: OutboundPolicy, signal: AbortSignal, maxBytes: number): Promise<SafeResponse> {
  checkLiteral(url, policy);
  const client = url.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    const r = client.request(url, { method: req.method ?? "GET", headers: req.headers, signal, lookup: guardedLookup(url.hostname.replace(/^\[|\]$/g, ""), policy), agent: agentFor(url.protocol, policy) }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on("data", (c: Buffer) => {
        size += c.length;
        if (size > maxBytes) {
          res.destroy();
          reject(new Error(`A resposta passou de ${maxBytes} bytes.`));
          return;
        }
        chunks.push(c);
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks), url: url.toString() }));
      res.on("error", reject);
    });
    r.on("error", (err) => reject(err instanceof OutboundBlockedError || !(err as { cause?: unknown }).cause ? err : (err as { cause: Error }).cause));
    if (req.body !== undefined) r.write(req.body);
    r.end();
  });
}

/**
 * fetch for URLs a tenant gave us (webhooks, automations, integrations): only http(s), every hop
 * resolved and refused when it reaches a private, loopback, link-local, CGNAT, multicast or
 * metadata address (IPv4, IPv6, IPv4-mapped and the numeric spellings), redirects re-checked hop by
 * hop, the body and the time bounded.
 */
export async function safeFetch(rawUrl: string, req: SafeRequest = {}, policy: OutboundPolicy = {}): Promise<SafeResponse> {
  const signal = AbortSignal.timeout(req.timeoutMs ?? 10_000);
  const maxBytes = req.maxBytes ?? 1024 * 1024;
  let url = checkedUrl(rawUrl);
  let current = req;
  for (let hop = 0; ; hop++) {
    const res = await once(url, current, policy, signal, maxBytes);
    const location = res.headers.location;
    if (res.status < 300 || res.status >= 400 || !location || hop >= (req.maxRedirects ?? 3)) return res;
    const next = checkedUrl(new URL(location, url).toString());
    // 307/308 repeat the request as it was; the others continue with a GET and no body.
    if (res.status !== 307 && res.status !== 308) current = { ...current, method: "GET", body: undefined };
    // Another origin gets none of the headers meant for the first: an auth header a tenant set, our
    // signatures (as browsers drop Authorization on such a hop).
    if (next.origin !== url.origin) current = { ...current, headers: keptAcrossOrigins(current.headers) };
    url = next;
  }
}

const CROSS_ORIGIN_HEADERS = new Set(["accept", "accept-language", "content-type", "user-agent"]);
const keptAcrossOrigins = (headers: Record<string, string> | undefined) => Object.fromEntries(Object.entries(headers ?? {}).filter(([k]) => CROSS_ORIGIN_HEADERS.has(k.toLowerCase())));

/** A response body as JSON, or null when it is empty or not JSON (an HTML error page, say). */
export function jsonOrNull(text: string): unknown {
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
