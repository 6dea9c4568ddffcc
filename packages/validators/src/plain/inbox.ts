// inbox.ts's plain values (no zod): what client components import, so their bundles stay free of zod.
// inbox.ts re-exports them; the schemas there are built from them.

export const CHANNELS = ["web", "whatsapp", "api"] as const;

/** The one list of template slots an inbox can fill (settings, the agent's composer, delivery). */
export const TEMPLATE_KEYS = ["welcome", "confirmation", "reminder", "followup"] as const;

/** The templates the bot falls back to outside WhatsApp's 24-hour window, in the order it tries them (set on the inboxes page). */
export const WINDOW_TEMPLATE_KEYS = ["reminder", "followup"] as const satisfies readonly (typeof TEMPLATE_KEYS)[number][];
