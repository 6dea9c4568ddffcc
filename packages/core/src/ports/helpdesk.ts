/**
 * A tenant's help desk account (Chatwoot) that handed-off conversations are mirrored into: its
 * Application API, opened with the connection's API access token. Adapter:
 * `connectors/chatwoot/chatwoot-helpdesk.ts`, every call through the SSRF guard (the base URL is
 * the tenant's). A refused token, an unknown account or inbox, or a request Chatwoot will refuse
 * again throws `HelpdeskRefusedError` (the admin's to fix, not retried); any other failure
 * (network, 5xx, 429) throws an Error worth a retry.
 */
export interface HelpdeskAccount {
  baseUrl: string;
  accountId: number;
  apiToken: string;
}

export interface HelpdeskInbox {
  id: number;
  name: string;
  /** Chatwoot's channel type, e.g. "Channel::Api" (the only kind we mirror into). */
  channelType: string;
}

export interface HelpdeskContactInput {
  /** Ours, unique per lead: a lead who comes back finds the same contact. */
  identifier: string;
  name: string | null;
  email: string | null;
  /** E.164 (+5511…), or null. */
  phone: string | null;
}

export interface HelpdeskMessage {
  content: string;
  /** The lead's message (incoming) or ours (outgoing). */
  incoming: boolean;
  /** A private note: never sent to the contact, never taken for an agent's reply. */
  private: boolean;
}

export interface Helpdesk {
  /** Checks the token and names the inbox. */
  inbox(account: HelpdeskAccount, inboxId: number): Promise<HelpdeskInbox>;
  /** The lead as a contact of the inbox (created, or found by identifier, e-mail or phone): its id and source id. */
  contact(account: HelpdeskAccount, inboxId: number, c: HelpdeskContactInput): Promise<{ contactId: number; sourceId: string }>;
  /** A new conversation in the inbox for that contact; returns its (display) id. */
  openConversation(account: HelpdeskAccount, inboxId: number, c: { contactId: number; sourceId: string; attributes: Record<string, string> }): Promise<{ conversationId: number }>;
  /** One message in the conversation; returns Chatwoot's message id. */
  post(account: HelpdeskAccount, conversationId: number, m: HelpdeskMessage): Promise<{ messageId: number }>;
}

export class HelpdeskRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "HelpdeskRefusedError";
  }
}

export const isHelpdeskRefused = (err: unknown): err is HelpdeskRefusedError => err instanceof Error && err.name === "HelpdeskRefusedError";
