import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * `X-Cal-Signature-256: <hex>`: HMAC-SHA256 of the raw body with the webhook's secret, compared in
 * constant time. Cal.com signs no timestamp, so replays are stopped by the receipt table
 * (booking uid + trigger), not here.
 */
export function verifyCalcomSignature(rawBody: string, header: string | null, secret: string): boolean {
  if (!header || !secret || !/^[0-9a-f]{64}$/i.test(header.trim())) return false;
  const expected = createHmac("sha256", secret).update(rawBody).digest();
  return timingSafeEqual(expected, Buffer.from(header.trim(), "hex"));
}
