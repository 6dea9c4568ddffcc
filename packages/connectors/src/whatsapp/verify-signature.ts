import { createHmac, timingSafeEqual } from "node:crypto";

// Meta signs every webhook POST with X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the body>, keyed
// with the app secret. The HMAC covers the exact bytes received (Meta escapes non-ASCII as \uXXXX), so
// verify before JSON.parse: re-serialising the parsed object would not reproduce them.

const HEADER_PATTERN = /^sha256=([0-9a-f]{64})$/i;

function hmac(rawBody: string | Uint8Array, appSecret: string): Buffer {
  return createHmac("sha256", appSecret).update(rawBody).digest();
}

/** The X-Hub-Signature-256 value Meta would send for this body. */
export function signMetaBody(rawBody: string | Uint8Array, appSecret: string): string {
  return `sha256=${hmac(rawBody, appSecret).toString("hex")}`;
}

export function verifyMetaSignature(rawBody: string | Uint8Array, header: string | null, appSecret: string): boolean {
  // An empty secret is a misconfiguration; anyone could produce that signature.
  if (!header || !appSecret) return false;
  const match = HEADER_PATTERN.exec(header.trim());
  if (!match?.[1]) return false;
  const received = Buffer.from(match[1], "hex");
  const expected = hmac(rawBody, appSecret);
  // Both are 32 bytes here; timingSafeEqual throws on unequal lengths.
  return received.length === expected.length && timingSafeEqual(received, expected);
}
