import { createHmac, randomUUID, timingSafeEqual } from "node:crypto";

export interface VisitorClaims {
  tenantId: string;
  inboxId: string;
  visitorId: string;
}

const TTL_MS = 180 * 24 * 3600_000;
const b64 = (s: string) => Buffer.from(s).toString("base64url");
const mac = (payload: string, secret: string) => createHmac("sha256", `widget:${secret}`).update(payload).digest("base64url");

/** A signed, stateless token scoped to one visitor of one inbox: it can read and write nothing else. */
export function issueVisitorToken(claims: Omit<VisitorClaims, "visitorId"> & { visitorId?: string }, secret: string, now: number): { token: string; claims: VisitorClaims } {
  const full = { ...claims, visitorId: claims.visitorId ?? randomUUID() };
  const payload = b64(JSON.stringify({ t: full.tenantId, i: full.inboxId, v: full.visitorId, exp: now + TTL_MS }));
  return { token: `${payload}.${mac(payload, secret)}`, claims: full };
}

export function verifyVisitorToken(token: string | null | undefined, secret: string, now: number): VisitorClaims | null {
  if (!token || token.length > 1000) return null;
  const [payload, sig] = token.split(".");
  if (!payload || !sig) return null;
  const expected = Buffer.from(mac(payload, secret));
  const given = Buffer.from(sig);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  try {
    const c = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as { t: string; i: string; v: string; exp: number };
    if (typeof c.exp !== "number" || c.exp < now) return null;
    return { tenantId: c.t, inboxId: c.i, visitorId: c.v };
  } catch {
    return null;
  }
}
