import { createHmac, timingSafeEqual } from "node:crypto";

/** HubSpot refuses nothing older than this and neither do we (its v3 rule). */
export const HUBSPOT_TOLERANCE_MS = 5 * 60 * 1000;

/**
 * HubSpot's request signature v3: `X-HubSpot-Signature-v3` = base64(HMAC-SHA256(app secret,
 * method + URI + body + timestamp)), where URI is the full URL HubSpot called and timestamp the
 * `X-HubSpot-Request-Timestamp` header (ms since the epoch). Older than 5 minutes (or from the
 * future by as much): refused. Compared in constant time.
 */
export function verifyHubSpotSignatureV3(p: { method: string; uri: string; body: string; signature: string | null; timestamp: string | null; appSecret: string; nowMs: number }): boolean {
  if (!p.signature || !p.timestamp || !p.appSecret || !/^\d{1,16}$/.test(p.timestamp)) return false;
  const ts = Number(p.timestamp);
  if (Math.abs(p.nowMs - ts) > HUBSPOT_TOLERANCE_MS) return false;
  const expected = signHubSpotV3(p.method, p.uri, p.body, p.timestamp, p.appSecret);
  const got = Buffer.from(p.signature, "utf8");
  const want = Buffer.from(expected, "utf8");
  return got.length === want.length && timingSafeEqual(got, want);
}

/** HubSpot decodes these percent-escapes in the URI before signing. */
const DECODE: Record<string, string> = { "%3A": ":", "%2F": "/", "%3F": "?", "%40": "@", "%21": "!", "%24": "$", "%27": "'", "%28": "(", "%29": ")", "%2A": "*", "%2C": ",", "%3B": ";" };
const normaliseUri = (uri: string) => uri.replace(/%(3A|2F|3F|40|21|24|27|28|29|2A|2C|3B)/gi, (m) => DECODE[m.toUpperCase()] ?? m);

export const signHubSpotV3 = (method: string, uri: string, body: string, timestamp: string, appSecret: string) =>
  createHmac("sha256", appSecret).update(`${method.toUpperCase()}${normaliseUri(uri)}${body}${timestamp}`, "utf8").digest("base64");
