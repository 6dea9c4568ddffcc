/** Meta's pricing categories that have their own billing meter (migration 0041). */
export const WHATSAPP_METERED_CATEGORIES = ["marketing", "utility", "authentication", "service"] as const;

/**
 * The billing meter of an outbound WhatsApp message by Meta's pricing category; a category Meta
 * adds later (e.g. marketing_lite) is still counted, on whatsapp_other, until it gets its own meter.
 */
export function whatsAppMeter(category: string): string {
  return (WHATSAPP_METERED_CATEGORIES as readonly string[]).includes(category) ? `whatsapp_${category}` : "whatsapp_other";
}
