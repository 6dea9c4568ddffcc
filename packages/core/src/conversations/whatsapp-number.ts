import { withTenant } from "@vendaflow/db/with-tenant";
import type { AppDeps } from "../deps";
import { decryptCredentials } from "../inboxes/credentials";
import { getInbox, type Inbox } from "../inboxes/inboxes";
import type { WhatsAppNumber } from "../ports/messaging";
import { sendRatePerSecond } from "./whatsapp-rules";

/** The number and token an inbox sends with (its own Meta app's, else the platform's). */
export function numberOf(deps: Pick<AppDeps, "encryptionKey" | "platformWhatsApp">, inbox: Inbox): WhatsAppNumber | null {
  if (inbox.channel !== "whatsapp" || !inbox.waPhoneNumberId) return null;
  const creds = decryptCredentials(inbox.credentialsEncrypted, deps.encryptionKey);
  return { phoneNumberId: inbox.waPhoneNumberId, accessToken: creds.accessToken ?? deps.platformWhatsApp.accessToken, ratePerSecond: sendRatePerSecond(inbox.settings) };
}

const TTL_MS = 60_000;
const cache = new Map<string, { at: number; number: WhatsAppNumber | null }>();

/**
 * numberOf for work after a webhook (read receipts, media downloads), cached a minute per process
 * so the inbound path does not read and decrypt the inbox once per message.
 */
export async function cachedNumber(deps: Pick<AppDeps, "db" | "encryptionKey" | "platformWhatsApp">, tenantId: string, inboxId: string): Promise<WhatsAppNumber | null> {
  const hit = cache.get(inboxId);
  if (hit && performance.now() - hit.at < TTL_MS) return hit.number;
  const number = numberOf(deps, await withTenant(deps.db, tenantId, (tx) => getInbox(tx, inboxId)));
  cache.set(inboxId, { at: performance.now(), number });
  return number;
}
