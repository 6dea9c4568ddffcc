/** One POST to a URL a tenant gave us (a webhook subscription, an automation's "call webhook"). */
export interface OutboundWebhookRequest {
  url: string;
  /** The raw JSON body, sent byte for byte (signatures cover exactly these bytes). */
  body: string;
  /** Signature and identification headers, built by core (outbound-webhooks/sign.ts). */
  headers: Record<string, string>;
}

export interface OutboundWebhookResponse {
  status: number;
}

/**
 * Calls to tenants' URLs. Adapter: `connectors/webhook/http-webhook.ts` over the SSRF guard
 * (`connectors/http/safe-fetch.ts`: public addresses only, redirects re-checked, bounded time and
 * size), the same for production and `pnpm dev` (whose allow-list lets stand-ins on 127.0.0.1 in).
 * Any HTTP answer is returned, whatever its status; a refused destination, a network error or a
 * timeout throws.
 */
export interface OutboundWebhook {
  post(req: OutboundWebhookRequest): Promise<OutboundWebhookResponse>;
}
