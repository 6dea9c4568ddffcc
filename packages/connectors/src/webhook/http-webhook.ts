import { createHmac } from "node:crypto";
import { lookup } from "node:dns/promises";
import type { OutboundWebhook, OutboundWebhookRequest } from "@vendaflow/core/ports/outbound-webhook";
import { isPrivateAddress } from "./private-address";

/**
 * POSTs JSON signed with HMAC-SHA256 over the raw body; anything but 2xx (or no answer in
 * `timeoutMs`) throws. Hosts resolving to loopback / private / link-local addresses are refused
 * unless `allowPrivate` (local development and tests). Redirects are not followed.
 */
export function httpWebhook(opts: { timeoutMs?: number; allowPrivate?: boolean } = {}): OutboundWebhook {
  return {
    async post(req: OutboundWebhookRequest) {
      if (!opts.allowPrivate) {
        const host = new URL(req.url).hostname.replace(/^\[|\]$/g, "");
        const addresses = await lookup(host, { all: true }).catch(() => []);
        if (!addresses.length || addresses.some((a) => isPrivateAddress(a.address))) throw new Error("O endereço do webhook não é público.");
      }
      const raw = JSON.stringify(req.body);
      const signature = createHmac("sha256", req.signingKey).update(raw).digest("hex");
      const res = await fetch(req.url, {
        method: "POST",
        body: raw,
        redirect: "manual",
        signal: AbortSignal.timeout(opts.timeoutMs ?? 10_000),
        headers: { "content-type": "application/json", "user-agent": "Vendaflow-Webhook/1", "x-vendaflow-event": req.event, "x-vendaflow-signature": `sha256=${signature}`, "idempotency-key": req.idempotencyKey },
      });
      await res.body?.cancel();
      if (res.status < 200 || res.status >= 300) throw new Error(`O webhook respondeu ${res.status}.`);
      return { status: res.status };
    },
  };
}
