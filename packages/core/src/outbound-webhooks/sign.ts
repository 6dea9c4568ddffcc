import { createHmac, randomBytes } from "node:crypto";

/** A new signing secret, Standard Webhooks style: "whsec_" + base64 of 24 random bytes. */
export const newWebhookSecret = () => `whsec_${randomBytes(24).toString("base64")}`;

/** A message id, the same on every retry and replay of one delivery (receivers dedupe on it). */
export const newMessageId = () => `msg_${randomBytes(18).toString("base64url")}`;

/**
 * Standard Webhooks headers: `webhook-signature` is "v1," + base64 HMAC-SHA256, keyed with the
 * secret's base64-decoded bytes, over `${id}.${timestamp}.${body}`; a receiver rejects old
 * timestamps (replays) and compares in constant time. More than one secret (a rotation's overlap)
 * gives one signature each, space-separated: a receiver accepts the message if any one verifies.
 */
export function standardWebhookHeaders(secret: string | readonly string[], messageId: string, timestampSeconds: number, body: string): Record<string, string> {
  const signatures = (typeof secret === "string" ? [secret] : secret).map((s) => {
    const key = Buffer.from(s.replace(/^whsec_/, ""), "base64");
    return `v1,${createHmac("sha256", key).update(`${messageId}.${timestampSeconds}.${body}`).digest("base64")}`;
  });
  return { "webhook-id": messageId, "webhook-timestamp": String(timestampSeconds), "webhook-signature": signatures.join(" ") };
}
