// Conversation lifecycle, defined once for db checks, API input and the inbox UI.
//   bot      – the qualification bot is talking
//   pending  – handed off, waiting for an agent to claim it
//   open     – an agent owns it
//   resolved – finished; a new inbound message reopens it
export const conversationStatuses = ["bot", "pending", "open", "resolved"] as const;

export type ConversationStatus = (typeof conversationStatuses)[number];
