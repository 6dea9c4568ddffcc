import { createHash, createHmac, timingSafeEqual } from "node:crypto";

export interface VerifyQStashRequestOptions {
  /** The `Upstash-Signature` header, null when absent. */
  signature: string | null;
  rawBody: string;
  /** The public URL this endpoint is reached at (what QStash signed as `sub`). */
  url: string;
  currentSigningKey: string;
  /** Defaults to the current key (the embedded scheduler has only one). */
  nextSigningKey?: string;
  /** Seconds of clock skew tolerated on nbf/exp. */
  clockTolerance?: number;
}

const BASE64URL = /^[A-Za-z0-9_-]+$/;

function jsonObject(part: string): Record<string, unknown> | null {
  try {
    const v = JSON.parse(Buffer.from(part, "base64url").toString("utf8")) as unknown;
    return v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

const isNumber = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);

/**
 * Verifies a QStash callback, URL included: the Next.js helper skips the URL check, so a token
 * captured for one endpoint could be replayed against another. Never throws.
 *
 * The checks of the SDK's Receiver.verify (an HS256 JWT keyed with the current, else the next
 * signing key's UTF-8 bytes; iss "Upstash"; exp and nbf with the clock tolerance; sub = this URL;
 * claim `body` = base64url SHA-256 of the raw body, padding ignored), done with node:crypto: the
 * Receiver goes through WebCrypto (importKey per key, async digest) and cost ~0.12 ms of CPU per job
 * against ~0.02 ms here, on every job endpoint (docs/developer-platform.md, Deliveries per second).
 * Slightly stricter than the Receiver: only HS256, no `crit`/`b64` headers, `exp` required.
 * verify-request.test.ts holds it to the Receiver's answers token by token.
 */
export function verifyQStashRequest(opts: VerifyQStashRequestOptions): Promise<boolean> {
  try {
    return Promise.resolve(verifyNow(opts, Math.floor(Date.now() / 1000)));
  } catch {
    return Promise.resolve(false);
  }
}

/** verifyQStashRequest at a given time (seconds since the epoch). */
export function verifyNow(opts: VerifyQStashRequestOptions, nowSeconds: number): boolean {
  if (!opts.signature || !opts.currentSigningKey || !opts.url) return false;
  const parts = opts.signature.split(".");
  if (parts.length !== 3 || !parts.every((p) => BASE64URL.test(p))) return false;
  const [h, p, s] = parts as [string, string, string];
  const header = jsonObject(h);
  if (!header || header.alg !== "HS256" || "crit" in header || "b64" in header) return false;
  const mac = Buffer.from(s, "base64url");
  if (mac.length !== 32) return false;
  const input = `${h}.${p}`;
  const keys = [opts.currentSigningKey, opts.nextSigningKey || opts.currentSigningKey];
  if (!keys.some((k) => timingSafeEqual(createHmac("sha256", Buffer.from(k, "utf8")).update(input).digest(), mac))) return false;
  const claims = jsonObject(p);
  if (!claims || claims.iss !== "Upstash" || claims.sub !== opts.url) return false;
  const tolerance = opts.clockTolerance ?? 0;
  if (!isNumber(claims.exp) || claims.exp <= nowSeconds - tolerance) return false;
  if (claims.nbf !== undefined && (!isNumber(claims.nbf) || claims.nbf > nowSeconds + tolerance)) return false;
  if (claims.iat !== undefined && !isNumber(claims.iat)) return false;
  if (typeof claims.body !== "string") return false;
  const bodyHash = createHash("sha256").update(opts.rawBody, "utf8").digest("base64url");
  return claims.body.replace(/=+$/, "") === bodyHash;
}
