import { createHmac, timingSafeEqual } from "node:crypto";

/** Slack's guidance: refuse a request whose timestamp is more than five minutes from now (replays). */
export const SLACK_SIGNATURE_TOLERANCE_SECONDS = 300;

/**
 * Slack's request signing (https://api.slack.com/authentication/verifying-requests-from-slack):
 * `X-Slack-Signature: v0=<hex>` is HMAC-SHA256 of "v0:<X-Slack-Request-Timestamp>:<raw body>"
 * with the app's signing secret, compared in constant time, the timestamp within five minutes.
 */
export function verifySlackSignature(rawBody: string, headers: { signature: string | null; timestamp: string | null }, signingSecret: string, nowSeconds: number): boolean {
  const { signature, timestamp } = headers;
  if (!signature || !timestamp || !signingSecret) return false;
  if (!/^\d{1,12}$/.test(timestamp) || !/^v0=[0-9a-f]{64}$/i.test(signature)) return false;
  if (Math.abs(nowSeconds - Number(timestamp)) > SLACK_SIGNATURE_TOLERANCE_SECONDS) return false;
  const expected = createHmac("sha256", signingSecret).update(`v0:${timestamp}:${rawBody}`).digest();
  return timingSafeEqual(expected, Buffer.from(signature.slice(3), "hex"));
}

/** The headers a request from Slack carries (tests and the stand-in sign with it). */
export function signSlackRequest(rawBody: string, signingSecret: string, timestampSeconds: number): Record<string, string> {
  const signature = `v0=${createHmac("sha256", signingSecret).update(`v0:${timestampSeconds}:${rawBody}`).digest("hex")}`;
  return { "x-slack-signature": signature, "x-slack-request-timestamp": String(timestampSeconds) };
}
