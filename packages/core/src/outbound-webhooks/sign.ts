import { createHmac, randomBytes } from "node:crypto";

/** A new signing secret, Standard Webhooks style: "whsec_" + base64 of 24 random bytes. */
export const newWebhookSecret = () => `whsec_${randomBytes(24).toString("base64")}`;

/** A message id, the same on every retry and replay of one delivery (receivers dedupe on it). */
export const newMessageId = () => `msg_${randomBytes(18).toString("base64url")}`;

/**
 * Standard Webhooks headers: `webhook-signature` is "v1," + base64 HMAC-SHA256, keyed with the
 * secret's base64-decoded bytes, over `${id}.${timestamp}.${body}`; a receiver rejects old
 * timestamps (replays) and compares in constant time.
 */
export function standardWebhookHeaders(secret: string, messageId: string, timestampSeconds: number, body: string): Record<string, string> {
  const key = Buffer.from(secret.replace(/^whsec_/, ""), "base64");
  const signature = createHmac("sha256", key).update(`${messageId}.${timestampSeconds}.${body}`).digest("base64");
  return { "webhook-id": messageId, "webhook-timestamp": String(timestampSeconds), "webhook-signature": `v1,${signature}` };
}
