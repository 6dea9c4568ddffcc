import type { DeliveryStatus } from "@vendaflow/validators/whatsapp";

// WhatsApp's channel rules as the domain applies them; the Cloud API adapter only speaks the wire.

/** Meta's customer-service window: free-form messages only within 24 h of the lead's last message. */
export const WINDOW_MS = 24 * 3600 * 1000;

export function insideWindow(lastInboundAt: Date | null, now: Date): boolean {
  return lastInboundAt !== null && now.getTime() - lastInboundAt.getTime() < WINDOW_MS;
}

/** Meta's default throughput per number, and the fixed one of numbers shared with the WhatsApp Business app. */
export const DEFAULT_RATE_PER_SECOND = 80;
export const COEXISTENCE_RATE_PER_SECOND = 20;

/** Messages per second this inbox's number may send. */
export function sendRatePerSecond(settings: { waThroughput?: number; waCoexistence?: boolean }): number {
  if (settings.waCoexistence) return COEXISTENCE_RATE_PER_SECOND;
  return settings.waThroughput ?? DEFAULT_RATE_PER_SECOND;
}

const statusRank: Record<Exclude<DeliveryStatus, "failed">, number> = { sent: 1, delivered: 2, read: 3 };

/**
 * Whether a status webhook should overwrite the stored one. Webhooks arrive out of order and are
 * retried, so statuses only move forward sent → delivered → read; "failed" is terminal and only
 * believed before delivery (from pending or sent). null and "pending" mean no receipt yet.
 */
export function isStatusForward(previous: DeliveryStatus | "pending" | null, next: DeliveryStatus): boolean {
  if (previous === null || previous === "pending") return true;
  if (previous === "failed") return false;
  if (next === "failed") return previous === "sent";
  return statusRank[next] > statusRank[previous];
}
