import { stripeWebhook } from "@vendaflow/core/billing/stripe-webhook";
import { verifyStripeSignature } from "@vendaflow/connectors/stripe/verify-webhook";
import { env } from "@/lib/env";
import { appDeps } from "@/lib/server/deps";
import { handleWebhook } from "@/lib/server/webhook";
import { route } from "@/lib/server/route";

/**
 * Stripe → billing: SDK-verified raw body, once per event id, one handler file per event type.
 * handleWebhook applies the hook's 512 KB limit (413), answers 503 when Stripe or the database is
 * unreachable mid-handler (Stripe retries; nothing recorded) and logs events for unknown customers.
 */
export const POST = route("/api/webhooks/stripe", "webhook", async (req: Request) => {
  return handleWebhook(req, stripeWebhook(appDeps(), (raw, signature) => verifyStripeSignature(raw, signature, env().STRIPE_WEBHOOK_SECRET)));
});
