// inbox.ts's plain values (no zod): what client components import, so their bundles stay free of zod.
// inbox.ts re-exports them; the schemas there are built from them.

export const CHANNELS = ["web", "whatsapp", "api"] as const;

/** A conversation's status, as the inbox and the conversation list filter by it. */
export const CONVERSATION_STATUSES = ["bot", "pending", "open", "resolved"] as const;

/** The conversation list's filter limits (conversationListInput), which the inbox's address filters keep to. */
export const CONVERSATION_FILTER_LIMITS = { tag: 100, search: 200, score: 1000 } as const;

/**
 * How many messages a transcript page holds: conversations.get carries the newest page,
 * conversations.messages the older ones (at most this many per call).
 */
export const TRANSCRIPT_PAGE_SIZE = 200;

/**
 * How many of the older messages a timeline shows conversations.messageRange re-reads each time
 * the newest page is refetched (the newest of them): their delivery ticks, edits and deletes stay
 * live. Five pages; an agent who loaded more sees the rest as they were fetched.
 */
export const TRANSCRIPT_REFRESH_LIMIT = 1000;

/** The one list of template slots an inbox can fill (settings, the agent's composer, delivery). */
export const TEMPLATE_KEYS = ["welcome", "confirmation", "reminder", "followup"] as const;

/** The templates the bot falls back to outside WhatsApp's 24-hour window, in the order it tries them (set on the inboxes page). */
export const WINDOW_TEMPLATE_KEYS = ["reminder", "followup"] as const satisfies readonly (typeof TEMPLATE_KEYS)[number][];
