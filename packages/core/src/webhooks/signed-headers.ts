import { createHmac } from "node:crypto";

/**
 * Headers of a POST the tenant's own endpoints receive from us (automations' "call webhook", the
 * n8n trigger): `x-vendaflow-event` and `x-vendaflow-signature: sha256=<HMAC of the body>`, keyed
 * per tenant from the token secret (docs/architecture.md). Outbound webhook subscriptions sign the
 * Standard Webhooks way instead (outbound-webhooks/deliver.ts).
 */
export function signedWebhookHeaders(tokenSecret: string, tenantId: string, event: string, body: string): Record<string, string> {
  const key = createHmac("sha256", tokenSecret).update(`webhook:${tenantId}`).digest("hex");
  return { "x-vendaflow-event": event, "x-vendaflow-signature": `sha256=${createHmac("sha256", key).update(body).digest("hex")}` };
}
