// Where a bell notification leads, read from its stored data (./notifications.ts writes it): the bell
// (apps/web/components/notification-list) and the notification e-mails (./email-digest.ts) share it.

/** What a notification's data names, as text (anything else: null). */
export const field = (data: unknown, key: string) => {
  const v = data && typeof data === "object" ? (data as Record<string, unknown>)[key] : null;
  return typeof v === "string" ? v : null;
};
export const conversationOf = (data: unknown) => field(data, "conversationId");

/** Where a notification leads: its conversation, its deal (or the board of a bulk assignment), its lead, contact or company, the agenda, the LGPD requests. */
export function targetOf(kind: string, data: unknown): string | null {
  const conversation = conversationOf(data);
  if (conversation) return `/inbox?c=${conversation}`;
  const deal = field(data, "dealId");
  if (deal) return `/deals/${deal}`;
  if (kind === "deal_assigned" && field(data, "ownerId")) return `/deals?owner=${field(data, "ownerId")}`;
  const lead = field(data, "leadId");
  if (lead) return `/leads/${lead}`;
  const contact = field(data, "contactId");
  if (contact) return `/contacts/${contact}`;
  const company = field(data, "companyId");
  if (company) return `/companies/${company}`;
  if (kind.startsWith("activity_") || kind === "activities_assigned") return "/activities";
  return kind.startsWith("privacy_") ? "/privacy" : null;
}
