// inbox.ts's plain values (no zod): what client components import, so their bundles stay free of zod.
// inbox.ts re-exports them; the schemas there are built from them.

export const CHANNELS = ["web", "whatsapp", "api"] as const;

/** A conversation's status, as the inbox and the conversation list filter by it. */
export const CONVERSATION_STATUSES = ["bot", "pending", "open", "resolved"] as const;

/**
 * The statuses of the work an agent still holds: what routing counts against capacity and what
 * "Carga da equipe" counts as "Em aberto", and the inbox's "active" filter lists.
 */
export const ACTIVE_CONVERSATION_STATUSES = ["pending", "open"] as const satisfies readonly (typeof CONVERSATION_STATUSES)[number][];

/** What the conversation list filters by: one status, or "active" (ACTIVE_CONVERSATION_STATUSES together). */
export const CONVERSATION_STATUS_FILTERS = [...CONVERSATION_STATUSES, "active"] as const;
export type ConversationStatusFilter = (typeof CONVERSATION_STATUS_FILTERS)[number];

/**
 * Every kind of line a conversation's timeline holds (core's recordEvent takes only these): the
 * timeline names each in pt-BR (apps/web lib/i18n/pt-br/inbox-timeline.ts), never by its key.
 */
export const CONVERSATION_EVENT_KINDS = [
  // the bot
  "qualified", "not_qualified", "handoff", "closed", "opt_out", "possible_duplicate",
  // routing and SLA
  "routed", "queued", "assigned", "unassigned", "rerouted", "reroute_failed", "sla_breached",
  // agents (and Chatwoot, the WhatsApp Business app)
  "takeover", "hand_back", "resolved", "reopened", "business_app_reply",
  // scheduling
  "meeting_offered", "meeting_slots", "meeting_slot_chosen", "meeting_slot_taken", "meeting_slot_failed",
  "meeting_scheduled", "meeting_rescheduled", "meeting_canceled", "meeting_reminder",
  // CRM and privacy
  "lead_converted", "lead_merged", "privacy_request",
] as const;
export type ConversationEventKind = (typeof CONVERSATION_EVENT_KINDS)[number];

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
