import type { ReplyOption } from "../bot/types";
import type { CoreDeps } from "../context";
import type { Scheduler } from "../jobs/scheduler";

export type { ReplyOption };

/** What the outbound adapter needs to reach a WhatsApp number (credentials already decrypted). */
export interface WhatsAppTarget {
  phoneNumberId: string;
  accessToken: string;
  to: string;
}

/** The one WhatsApp operation core needs; apps/web wires it to the Cloud API client. */
export interface WhatsAppSender {
  send(
    target: WhatsAppTarget,
    msg: { kind: "text"; text: string } | { kind: "options"; text: string; options: ReplyOption[] } | { kind: "template"; name: string; language: string; params: string[] },
  ): Promise<{ wamid: string }>;
}

export interface ConversationDeps extends CoreDeps {
  scheduler: Scheduler;
  whatsapp: WhatsAppSender;
  encryptionKey: string;
  /** Signs widget visitor tokens. */
  tokenSecret: string;
  /** The platform's Meta app: used by inboxes that do not bring their own. */
  platformWhatsApp: { accessToken: string; appSecret: string; verifyToken: string };
  bot: { maxReminders: number; defaultTimeoutSeconds: number };
  now: () => Date;
}
