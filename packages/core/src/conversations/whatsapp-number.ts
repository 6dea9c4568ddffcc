import { withTenant } from "@vendaflow/db/with-tenant";
import type { AppDeps } from "../deps";
import { decryptCredentials } from "../inboxes/credentials";
import { tokenOf } from "../whatsapp/token";
import { DomainError } from "../errors";
import { cachedInbox, findInbox, type Inbox } from "../inboxes/inboxes";
import type { WhatsAppNumber } from "../ports/messaging";
import { sendRatePerSecond } from "./whatsapp-rules";

/** The number and token an inbox's Cloud API calls use (tokenOf). */
export function numberOf(deps: Pick<AppDeps, "encryptionKey" | "platformWhatsApp">, inbox: Inbox): WhatsAppNumber | null {
  if (inbox.channel !== "whatsapp" || !inbox.waPhoneNumberId) return null;
  const creds = decryptCredentials(inbox.credentialsEncrypted, deps.encryptionKey);
  return { phoneNumberId: inbox.waPhoneNumberId, accessToken: tokenOf(deps, creds), ratePerSecond: sendRatePerSecond(inbox.settings) };
}

/**
 * numberOf for work after a webhook (read receipts, media downloads), from the per-process inbox
 * cache, so the inbound path does not read the inbox once per message. `sending`: null for an
 * inbox Meta disconnected (settings.waDisconnected, whatsapp/account-update.ts): nothing goes out.
 */
export async function cachedNumber(deps: Pick<AppDeps, "db" | "encryptionKey" | "platformWhatsApp">, tenantId: string, inboxId: string, o: { sending?: boolean } = {}): Promise<WhatsAppNumber | null> {
  const inbox = await cachedInbox(tenantId, inboxId, () => withTenant(deps.db, tenantId, (tx) => findInbox(tx, inboxId)));
  if (!inbox) throw new DomainError("NOT_FOUND", "Caixa de entrada não encontrada.");
  if (o.sending && inbox.settings.waDisconnected) return null;
  return numberOf(deps, inbox);
}
