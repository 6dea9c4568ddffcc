import type { ReplyOption } from "../bot/types";

/**
 * What the outbound adapter needs to reach a lead (credentials already decrypted): the phone when
 * known, else the business-scoped user id of a lead who hides the number behind a username.
 */
export interface WhatsAppTarget {
  phoneNumberId: string;
  accessToken: string;
  to: { phone: string } | { userId: string };
}

export type OutboundWhatsApp =
  | { kind: "text"; text: string }
  | { kind: "options"; text: string; options: ReplyOption[] }
  | { kind: "template"; name: string; language: string; params: string[] };

/**
 * Messaging: the one WhatsApp operation core needs. Adapter: Cloud API
 * (`connectors/whatsapp/whatsapp-sender`). A failure throws an error carrying Meta's
 * `code` and `title`, which core stores as the message's delivery error.
 */
export interface WhatsAppSender {
  send(target: WhatsAppTarget, msg: OutboundWhatsApp): Promise<{ wamid: string }>;
}
