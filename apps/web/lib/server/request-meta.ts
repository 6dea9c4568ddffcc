import { isIP } from "node:net";
import { env } from "@/lib/env";
import { isUuid } from "@vendaflow/validators/uuid";

export interface ClientIpConfig {
  /** On Vercel the edge sets x-real-ip to the address it accepted the connection from. */
  vercel: boolean;
  /** Proxies of ours in front of the app, each appending the address it saw to x-forwarded-for. */
  trustedProxies: number;
}

/** The request's id: the caller's x-request-id when it is a UUID, else a new one (proxy.ts, then lib/server/route.ts). */
export function requestIdFrom(h: Headers): string {
  const given = h.get("x-request-id");
  return given && isUuid(given) ? given : crypto.randomUUID();
}

// An IPv4 client reached over an IPv6 socket arrives as ::ffff:a.b.c.d: audit rows, consent records
// and rate limits keep a.b.c.d, the address people read and the same key as over IPv4.
const IPV4_MAPPED = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i;

const valid = (s: string | undefined | null) => {
  const v = s?.trim();
  if (!v || !isIP(v)) return null;
  return IPV4_MAPPED.exec(v)?.[1] ?? v;
};

/**
 * The client's address as the platform defines it. Everything left of what our own proxies
 * appended to x-forwarded-for was written by the client and is ignored: with N trusted proxies
 * the address is the N-th hop from the right (fewer hops: the leftmost, which a proxy wrote).
 * On Vercel, x-real-ip (set by Vercel's edge, not by the client).
 */
export function clientIpFrom(h: Headers, cfg: ClientIpConfig): string | null {
  if (cfg.vercel) return valid(h.get("x-real-ip"));
  const hops = (h.get("x-forwarded-for") ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  if (hops.length === 0 || cfg.trustedProxies === 0) return null;
  return valid(hops[Math.max(0, hops.length - cfg.trustedProxies)]);
}

export function clientIp(h: Headers): string | null {
  const e = env();
  return clientIpFrom(h, { vercel: Boolean(e.VERCEL), trustedProxies: e.TRUSTED_PROXY_COUNT });
}
