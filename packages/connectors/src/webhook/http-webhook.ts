import type { OutboundWebhook, OutboundWebhookRequest } from "@vendaflow/core/ports/outbound-webhook";
import { safeFetch, type OutboundPolicy } from "../http/safe-fetch";

/**
 * POSTs the body as given through the SSRF guard; the answer's body is read up to 64 KiB and
 * dropped (only the status and the time matter to the delivery log).
 */
export function httpWebhook(opts: { timeoutMs?: number; policy?: OutboundPolicy } = {}): OutboundWebhook {
  return {
    async post(req: OutboundWebhookRequest) {
      const res = await safeFetch(
        req.url,
        { method: "POST", body: req.body, headers: { "content-type": "application/json", "user-agent": "Vendaflow-Webhook/1", ...req.headers }, timeoutMs: opts.timeoutMs ?? 10_000, maxBytes: 64 * 1024 },
        opts.policy,
      );
      return { status: res.status };
    },
  };
}
