import type { ReplyOption } from "../bot/types";

/** The sending number as the adapter needs it (credentials already decrypted). */
export interface WhatsAppNumber {
  phoneNumberId: string;
  accessToken: string;
  /** Meta's throughput for this number, messages per second (80 by default, 1,000 upgraded, 20 with coexistence). */
  ratePerSecond: number;
}

/**
 * A lead to reach from a number: the phone when known, else the business-scoped user id of a lead
 * who hides the number behind a username.
 */
export interface WhatsAppTarget extends WhatsAppNumber {
  to: { phone: string } | { userId: string };
}

export type OutboundWhatsApp =
  | { kind: "text"; text: string }
  | { kind: "options"; text: string; options: ReplyOption[] }
  /** One button that opens a URL (Meta's interactive `cta_url`): the booking offer. */
  | { kind: "cta_url"; text: string; buttonText: string; url: string }
  /** The qualification as a WhatsApp Flow form (interactive `flow`, core/whatsapp/flow-form.ts). */
  | { kind: "flow"; text: string; flowId: string; flowToken: string; cta: string; screen: string; data: Record<string, unknown> }
  | { kind: "template"; name: string; language: string; params: string[] }
  /** An AUTHENTICATION template: the one-time code fills its body and its copy-code button. */
  | { kind: "auth_code"; name: string; language: string; code: string }
  /** A file: uploaded to Meta, then sent by its media id. */
  | { kind: "media"; mediaType: "image" | "audio" | "video" | "document" | "sticker"; body: Uint8Array; mimeType: string; filename: string; caption?: string };

/** A lead's file, as downloaded from Meta. */
export interface DownloadedMedia {
  body: Uint8Array;
  /** As Meta declared it; never trusted for serving. */
  mimeType: string;
  sha256: string;
}

/** A template of the WhatsApp Business Account, as Meta lists it (status and category lower-case). */
export interface RemoteTemplate {
  templateId: string | null;
  name: string;
  language: string;
  status: string;
  category: string | null;
  reason: string | null;
  /** The BODY component's text, with {{1}}… placeholders. */
  bodyText: string | null;
  components: unknown[];
}

/** A business number as Meta describes it (GET /<phone-number-id>): what "Testar conexão" shows. */
export interface PhoneNumberProfile {
  displayPhoneNumber: string | null;
  verifiedName: string | null;
  /** Meta's quality rating, lower-case: green, yellow, red or unknown. */
  qualityRating: string | null;
  /** Display name review: approved, pending_review, declined… */
  nameStatus: string | null;
  /** Business-initiated conversations a day: tier_250, tier_1k… */
  messagingLimitTier: string | null;
}

/** The file is past the size we keep: recorded as refused, never retried. */
export class MediaTooLargeError extends Error {
  override readonly name = "MediaTooLargeError";
  constructor(
    readonly size: number,
    readonly maxBytes: number,
  ) {
    super(`Media of ${size} bytes is over the ${maxBytes}-byte limit`);
  }
}

/**
 * Messaging: the WhatsApp operations core needs. Adapter: Cloud API
 * (`connectors/whatsapp/whatsapp-sender`), which paces each number at its rate and each
 * number-and-lead pair at Meta's pair rate, and retries Meta's rate-limit answers with backoff.
 * A failure throws an error carrying Meta's `code` and `title`, which core stores as the
 * message's delivery error.
 */
export interface WhatsAppSender {
  send(target: WhatsAppTarget, msg: OutboundWhatsApp): Promise<{ wamid: string }>;
  /** Blue ticks on the lead's message and, with typing, "digitando…" until the reply (or 25 s). */
  markRead(from: WhatsAppNumber, wamid: string, opts: { typing: boolean }): Promise<void>;
  /** A lead's media by Meta's id (7 days), refused past maxBytes with MediaTooLargeError. */
  downloadMedia(from: WhatsAppNumber, mediaId: string, maxBytes: number): Promise<DownloadedMedia>;
  /** The WABA's templates and their approval status. */
  listTemplates(from: WhatsAppNumber, wabaId: string): Promise<RemoteTemplate[]>;
  /** The number as Meta sees it with this token: proves the token and the phone_number_id together. */
  phoneNumber(from: WhatsAppNumber): Promise<PhoneNumberProfile>;
  /** The phone_number_ids of the WABA's numbers (GET /<waba-id>/phone_numbers, every page), as this token sees them. */
  wabaPhoneNumberIds(from: WhatsAppNumber, wabaId: string): Promise<string[]>;
  /** Embedded Signup: the popup's code for the business's token (GET /oauth/access_token with the platform app's id and secret). */
  exchangeSignupCode(app: { appId: string; appSecret: string }, code: string): Promise<string>;
  /** Embedded Signup: the platform app gets the WABA's webhooks (POST /<waba-id>/subscribed_apps), with the business's token. */
  subscribeApp(from: { accessToken: string }, wabaId: string): Promise<void>;
  /** Embedded Signup: the number is registered for Cloud API (POST /<phone-number-id>/register) with its two-step pin. */
  registerNumber(from: WhatsAppNumber, pin: string): Promise<void>;
}
