import type { AppDeps } from "../deps";
import { readCredentials, type InboxCredentials } from "../inboxes/credentials";
import type { Inbox } from "../inboxes/inboxes";

/**
 * The token every Cloud API call for an inbox's number uses (send, media, read receipts, templates,
 * connection check): its own Meta app's; else, on the platform app, the business token Embedded
 * Signup obtained (Meta's guidance for Tech Providers: a customer's number is called with its
 * business integration system user token); else the platform's, for inboxes connected before the
 * signup. A revoked business token is Meta's 190 like a revoked own token: never retried with the
 * platform's (the business revoked us).
 */
export function tokenOf(deps: Pick<AppDeps, "platformWhatsApp">, creds: Pick<InboxCredentials, "accessToken" | "businessToken">): string {
  return creds.accessToken ?? creds.businessToken ?? deps.platformWhatsApp.accessToken;
}

/**
 * A WhatsApp inbox on the platform app with no business token: connected by id before Embedded
 * Signup, so nothing proved the tenant owns the number and it is still served by the platform's
 * token. The inbox card recommends "Reconectar com a Meta" (the signup then attaches the proof).
 * Not the demo seed's inbox, whose number is made up.
 */
export function lacksSignupProof(inbox: Pick<Inbox, "channel" | "webhookKey" | "credentialsEncrypted" | "settings">, keyring: string): boolean {
  // The demo seed's made-up number (settings.waDemo): no Meta behind it, nothing to reconnect.
  if (inbox.channel !== "whatsapp" || inbox.webhookKey !== null || inbox.settings.waDemo) return false;
  const { secrets, unreadable } = readCredentials(inbox.credentialsEncrypted, keyring);
  return !unreadable && secrets.businessToken === undefined;
}
