// Conversation lifecycle, defined once for db checks, API input and the inbox UI.
//   bot      – the qualification bot is talking
//   pending  – handed off, waiting for an agent to claim it
//   open     – an agent owns it
//   resolved – finished; a new inbound message reopens it
export const conversationStatuses = ["bot", "pending", "open", "resolved"] as const;

export type ConversationStatus = (typeof conversationStatuses)[number];

const allowed: Record<ConversationStatus, readonly ConversationStatus[]> = {
  bot: ["pending", "open", "resolved"],
  pending: ["open", "resolved"],
  // An agent may release a conversation back to the queue.
  open: ["pending", "resolved"],
  // Reopened by the lead (bot starts again) or by an agent.
  resolved: ["bot", "pending", "open"],
};

export function isConversationStatus(value: unknown): value is ConversationStatus {
  return typeof value === "string" && (conversationStatuses as readonly string[]).includes(value);
}

/** Whether `from → to` is a legal move; staying in the same status is not a transition. */
export function canTransition(from: ConversationStatus, to: ConversationStatus): boolean {
  return allowed[from].includes(to);
}
