/** One POST of an automation (or, later, an integration) to a tenant's URL. */
export interface OutboundWebhookRequest {
  url: string;
  /** e.g. "automation.deal_won"; sent as `x-vendaflow-event`. */
  event: string;
  body: unknown;
  /** Same key on every retry of one delivery (`idempotency-key`), so the receiver can dedupe. */
  idempotencyKey: string;
  /** HMAC-SHA256 key for `x-vendaflow-signature: sha256=<hex of the raw body>`. */
  signingKey: string;
}

/**
 * Calls to tenants' webhooks. Adapter: `connectors/webhook/http-webhook.ts` (fetch with a timeout),
 * the same for production and `pnpm dev`. A non-2xx answer or a network error throws, and the
 * caller's job retries.
 */
export interface OutboundWebhook {
  post(req: OutboundWebhookRequest): Promise<{ status: number }>;
}
