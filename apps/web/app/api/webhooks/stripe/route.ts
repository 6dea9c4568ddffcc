import { stripeWebhook } from "@vendaflow/core/billing/stripe-webhook";
import { verifyStripeSignature } from "@vendaflow/connectors/stripe/verify-webhook";
import { env } from "@/lib/env";
import { appDeps } from "@/lib/server/deps";
import { problem } from "@/lib/server/http";
import { log } from "@/lib/server/log";
import { handleWebhook } from "@/lib/server/webhook";

/** Stripe events are a few KB; anything far larger is not Stripe. */
const MAX_BODY_BYTES = 512 * 1024;

/** Stripe → billing: SDK-verified raw body, once per event id, one handler file per event type. */
export async function POST(req: Request) {
  if (Number(req.headers.get("content-length") ?? 0) > MAX_BODY_BYTES) return problem(413, "payload_too_large", "Payload do webhook grande demais.");
  const hook = stripeWebhook(appDeps(), (raw, signature) => verifyStripeSignature(raw, signature, env().STRIPE_WEBHOOK_SECRET));
  try {
    const res = await handleWebhook(req, hook);
    if (res.status === 200 && ((await res.clone().json()) as { status?: string }).status === "unrouted") {
      log.warn("stripe webhook for no known customer", { route: "/api/webhooks/stripe" });
    }
    return res;
  } catch (err) {
    // The receipt rolled back with the effects: Stripe retries later (a 503, never a 500).
    log.error("stripe webhook handler failed", { route: "/api/webhooks/stripe", error: String(err) });
    return problem(503, "retry_later", "Não foi possível processar o evento agora; tente novamente.", {}, { "retry-after": "60" });
  }
}
