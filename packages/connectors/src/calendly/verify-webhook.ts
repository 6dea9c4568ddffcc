import { createHmac, timingSafeEqual } from "node:crypto";

/** A signed timestamp older (or further ahead) than this is a replay: Calendly's guidance is 3 minutes. */
export const CALENDLY_WEBHOOK_TOLERANCE_SECONDS = 180;

/**
 * `Calendly-Webhook-Signature: t=<unix>,v1=<hex>`: HMAC-SHA256 of "<t>.<raw body>" with the
 * subscription's signing key, compared in constant time, the timestamp within the tolerance.
 */
export function verifyCalendlySignature(rawBody: string, header: string | null, signingKey: string, nowSeconds: number): boolean {
  if (!header || !signingKey) return false;
  const parts = new Map(header.split(",").map((p) => p.trim().split("=", 2) as [string, string]));
  const t = parts.get("t");
  const v1 = parts.get("v1");
  if (!t || !v1 || !/^\d{1,12}$/.test(t) || !/^[0-9a-f]{64}$/i.test(v1)) return false;
  if (Math.abs(nowSeconds - Number(t)) > CALENDLY_WEBHOOK_TOLERANCE_SECONDS) return false;
  const expected = createHmac("sha256", signingKey).update(`${t}.${rawBody}`).digest();
  return timingSafeEqual(expected, Buffer.from(v1, "hex"));
}
