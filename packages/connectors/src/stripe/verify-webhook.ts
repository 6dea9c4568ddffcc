import Stripe from "stripe";

/** Stripe's default tolerance: a signed timestamp older than this is a replay. */
export const STRIPE_WEBHOOK_TOLERANCE_SECONDS = 300;

/**
 * The SDK's own check (`constructEvent`) on the exact raw body: HMAC-SHA256 of "t.body" with the
 * endpoint secret, compared in constant time, timestamp within the tolerance.
 */
export function verifyStripeSignature(rawBody: string, signature: string | null, secret: string, nowSeconds?: number): boolean {
  if (!signature || !secret) return false;
  try {
    Stripe.webhooks.constructEvent(rawBody, signature, secret, STRIPE_WEBHOOK_TOLERANCE_SECONDS, undefined, nowSeconds);
    return true;
  } catch {
    return false;
  }
}
