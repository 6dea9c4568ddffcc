import { z } from "zod";

// Meta's WhatsApp Cloud API webhooks (fields "messages", "smb_message_echoes", "history",
// "message_template_status_update"), as Meta sends them in 2026. Meta adds properties, message
// types and fields without notice, and a refused POST is retried for days, so each element
// (contact, message, status, echo, history thread) is checked on its own: one that does not fit is
// reported and skipped while the rest of the batch goes through (connectors/whatsapp/parse-webhook).
// Limits equal the columns the values land in (leads.wa_id 32, wa_user_id 160, wa_username 64,
// messages.provider_message_id 128).

export const WA_LIMITS = { waId: 32, userId: 160, username: 64, wamid: 128, profileName: 255 } as const;

/** Unix seconds; Meta sends them as strings. */
const unixSecondsSchema = z.union([z.string().regex(/^\d{1,12}$/, { error: "Expected unix seconds." }), z.number().int().nonnegative()]);

/** A phone number as WhatsApp sends it (digits, no "+"); absent for users who hide it behind a username. */
export const waIdSchema = z.string().regex(/^\+?\d{5,20}$/, { error: "Número de WhatsApp inválido." }).max(WA_LIMITS.waId).transform((s) => s.replace(/^\+/, ""));
/** Business-scoped user id: ISO country code, ".", up to 128 alphanumerics (parent ids carry "ENT."). */
export const waUserIdSchema = z.string().regex(/^[A-Za-z]{2}\.[A-Za-z0-9.]{1,150}$/, { error: "Id de usuário do WhatsApp (BSUID) inválido." }).max(WA_LIMITS.userId);
const wamidSchema = z.string().min(1).max(WA_LIMITS.wamid);

/** An optional identifier: a malformed value counts as absent instead of refusing its message. */
const optional = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);

export const whatsAppErrorSchema = z
  .object({
    code: z.number().int(),
    title: z.string().max(500).optional(),
    message: z.string().max(2000).optional(),
    error_data: z.object({ details: z.string().max(2000).optional() }).loose().optional(),
    href: z.string().optional(),
  })
  .loose();
export type WhatsAppError = z.output<typeof whatsAppErrorSchema>;

export const whatsAppContactSchema = z
  .object({
    profile: z.object({ name: optional(z.string()), username: optional(z.string().min(1).max(WA_LIMITS.username)) }).loose().optional(),
    wa_id: optional(waIdSchema),
    user_id: optional(waUserIdSchema),
    parent_user_id: optional(waUserIdSchema),
  })
  .loose();
export type WhatsAppContact = z.output<typeof whatsAppContactSchema>;

export const whatsAppMetadataSchema = z
  .object({
    display_phone_number: z.string().optional(),
    phone_number_id: z.string().min(1).max(64),
  })
  .loose();

const replySchema = z.object({ id: z.string().max(256), title: z.string().max(1024) }).loose();

export const whatsAppMediaSchema = z
  .object({
    id: z.string().min(1).max(128),
    mime_type: z.string().min(1).max(255),
    sha256: z.string().max(128).optional(),
    caption: z.string().optional(),
    filename: z.string().max(255).optional(),
    voice: z.boolean().optional(),
    animated: z.boolean().optional(),
  })
  .loose();

export const mediaTypes = ["image", "audio", "video", "document", "sticker"] as const;
export type WhatsAppMediaType = (typeof mediaTypes)[number];

const contactCardSchema = z
  .object({
    name: z.object({ formatted_name: z.string().optional(), first_name: z.string().optional(), last_name: z.string().optional() }).loose().optional(),
    phones: z.array(z.object({ phone: z.string().optional(), wa_id: z.string().optional(), type: z.string().optional() }).loose()).optional(),
    emails: z.array(z.object({ email: z.string().optional(), type: z.string().optional() }).loose()).optional(),
    org: z.object({ company: z.string().optional(), department: z.string().optional(), title: z.string().optional() }).loose().optional(),
    urls: z.array(z.object({ url: z.string().optional() }).loose()).optional(),
    vcard: z.string().optional(),
  })
  .loose();

const orderSchema = z
  .object({
    catalog_id: z.string().optional(),
    text: z.string().optional(),
    product_items: z
      .array(z.object({ product_retailer_id: z.string(), quantity: z.coerce.number(), item_price: z.coerce.number(), currency: z.string() }).loose())
      .default([]),
  })
  .loose();

/** Click-to-WhatsApp ads and posts: the lead's source. */
export const whatsAppReferralSchema = z
  .object({
    source_url: z.string().optional(),
    source_id: z.string().optional(),
    source_type: z.string().optional(),
    headline: z.string().optional(),
    body: z.string().optional(),
    media_type: z.string().optional(),
    image_url: z.string().optional(),
    video_url: z.string().optional(),
    thumbnail_url: z.string().optional(),
    ctwa_clid: z.string().optional(),
  })
  .loose();

const systemSchema = z
  .object({
    type: z.string().optional(),
    body: z.string().optional(),
    wa_id: optional(waIdSchema),
    user_id: optional(waUserIdSchema),
    parent_user_id: optional(waUserIdSchema),
  })
  .loose();

/**
 * The parts of a message that depend on its type. Everything is optional here: which payload a
 * type needs is decided when it is read (toContent), and a type whose payload is missing (Meta
 * sends `interactive` without its object together with errors[]) is kept as unsupported.
 */
const messageBodyShape = {
  type: z.string().min(1).max(64),
  text: z.object({ body: z.string() }).loose().optional(),
  interactive: z
    .object({
      type: z.string().min(1).max(64),
      button_reply: replySchema.optional(),
      list_reply: replySchema.extend({ description: z.string().optional() }).optional(),
      nfm_reply: z.object({ response_json: z.string().optional(), body: z.string().optional(), name: z.string().optional() }).loose().optional(),
    })
    .loose()
    .optional(),
  /** Quick-reply button of a template. */
  button: z.object({ text: z.string(), payload: z.string().max(256) }).loose().optional(),
  image: whatsAppMediaSchema.optional(),
  audio: whatsAppMediaSchema.optional(),
  video: whatsAppMediaSchema.optional(),
  document: whatsAppMediaSchema.optional(),
  sticker: whatsAppMediaSchema.optional(),
  location: z
    .object({ latitude: z.number(), longitude: z.number(), name: z.string().optional(), address: z.string().optional(), url: z.string().optional() })
    .loose()
    .optional(),
  /** Meta omits emoji when the lead removes a reaction. */
  reaction: z.object({ message_id: z.string().min(1), emoji: z.string().optional() }).loose().optional(),
  contacts: z.array(contactCardSchema).optional(),
  order: orderSchema.optional(),
  system: systemSchema.optional(),
  /** Present on type "unsupported" (e.g. 131051) and on payloads Meta could not render. */
  errors: z.array(whatsAppErrorSchema).optional(),
};

export const whatsAppMessageBodySchema = z.object(messageBodyShape).loose();
export type WhatsAppMessageBody = z.output<typeof whatsAppMessageBodySchema>;

export const whatsAppInboundMessageSchema = z
  .object({
    ...messageBodyShape,
    /** The lead's phone; omitted when the lead hides it behind a username. */
    from: optional(waIdSchema),
    from_user_id: optional(waUserIdSchema),
    from_parent_user_id: optional(waUserIdSchema),
    id: wamidSchema,
    timestamp: unixSecondsSchema,
    context: z.object({ from: z.string().optional(), id: z.string().optional(), forwarded: z.boolean().optional() }).loose().optional(),
    referral: whatsAppReferralSchema.optional(),
    edit: z.object({ original_message_id: wamidSchema, message: whatsAppMessageBodySchema }).loose().optional(),
    revoke: z.object({ original_message_id: wamidSchema }).loose().optional(),
  })
  .loose();
export type WhatsAppInboundMessage = z.output<typeof whatsAppInboundMessageSchema>;

/** A message the business sent from the WhatsApp Business app (coexistence), echoed to us. */
export const whatsAppEchoSchema = z
  .object({
    ...messageBodyShape,
    to: optional(waIdSchema),
    to_user_id: optional(waUserIdSchema),
    to_parent_user_id: optional(waUserIdSchema),
    id: wamidSchema,
    timestamp: unixSecondsSchema,
    edit: z.object({ original_message_id: wamidSchema, message: whatsAppMessageBodySchema }).loose().optional(),
    revoke: z.object({ original_message_id: wamidSchema }).loose().optional(),
  })
  .loose();
export type WhatsAppEcho = z.output<typeof whatsAppEchoSchema>;

export const deliveryStatuses = ["sent", "delivered", "read", "failed"] as const;
export type DeliveryStatus = (typeof deliveryStatuses)[number];
export const isDeliveryStatus = (s: string): s is DeliveryStatus => (deliveryStatuses as readonly string[]).includes(s);

/** Meta's charge for one outbound message: from 2026 service messages are billed too. */
export const whatsAppPricingSchema = z
  .object({
    billable: z.boolean().optional(),
    category: z.string().regex(/^[a-z_]{1,40}$/, { error: "Categoria de preço inválida." }),
    pricing_model: z.string().max(20).optional(),
    type: z.string().max(40).optional(),
  })
  .loose();

export const whatsAppStatusSchema = z
  .object({
    id: wamidSchema,
    /** Usually one of deliveryStatuses; kept open because Meta also reports e.g. "played" for voice notes. */
    status: z.string().min(1).max(20),
    timestamp: unixSecondsSchema,
    recipient_id: optional(waIdSchema),
    recipient_user_id: optional(waUserIdSchema),
    parent_recipient_user_id: optional(waUserIdSchema),
    recipient_parent_user_id: optional(waUserIdSchema),
    pricing: whatsAppPricingSchema.optional().catch(undefined),
    errors: z.array(whatsAppErrorSchema).optional(),
  })
  .loose();
export type WhatsAppStatus = z.output<typeof whatsAppStatusSchema>;

/** One message of a coexistence history thread; from the business when history_context.from_me. */
export const whatsAppHistoryMessageSchema = z
  .object({
    ...messageBodyShape,
    from: z.string().optional(),
    to: z.string().optional(),
    id: wamidSchema,
    timestamp: unixSecondsSchema,
    history_context: z.object({ status: z.string().optional(), from_me: z.boolean().optional() }).loose().optional(),
  })
  .loose();

export const whatsAppHistoryThreadSchema = z
  .object({
    /** The lead's phone (or BSUID for username users). */
    id: z.string().min(1).max(WA_LIMITS.userId),
    user_id: optional(waUserIdSchema),
    messages: z.array(z.unknown()).default([]),
  })
  .loose();

export const whatsAppTemplateStatusSchema = z
  .object({
    event: z.string().min(1).max(40),
    // Meta's ids are ~16 digits; the column holds 64.
    message_template_id: z.union([z.string().min(1).max(64), z.number()]).transform(String),
    message_template_name: z.string().min(1).max(512),
    message_template_language: z.string().min(2).max(15),
    reason: z.string().max(500).nullish(),
    message_template_category: z.string().max(40).optional(),
  })
  .loose();

/**
 * account_update (Meta's news about a WABA: partner removed, deleted, banned…). PARTNER_* events
 * name the customer's WABA in waba_info (the entry is the partner's business); the others are the
 * WABA's own entry. Only what we act on is read.
 */
export const whatsAppAccountUpdateSchema = z
  .object({
    event: z.string().min(1).max(60),
    waba_info: z.object({ waba_id: z.union([z.string().regex(/^\d{1,64}$/), z.number()]).transform(String).optional() }).loose().optional(),
    ban_info: z.object({ waba_ban_state: z.string().max(40).optional() }).loose().optional(),
    /** ACCOUNT_VIOLATION: what Meta found. */
    violation_info: z.object({ violation_type: z.string().max(100).optional() }).loose().optional(),
    /** ACCOUNT_RESTRICTION: each restriction and when it ends (epoch seconds; some tools relay an ISO time). */
    restriction_info: z
      .array(z.object({ restriction_type: z.string().min(1).max(100), expiration: z.union([z.number(), z.string().max(40)]).optional() }).loose())
      .max(20)
      .optional(),
  })
  .loose();

/** The envelope: everything below entry[].changes[] is checked element by element. */
export const whatsAppEnvelopeSchema = z
  .object({
    object: z.string(),
    entry: z.array(
      z
        .object({
          /** WhatsApp Business Account id. */
          id: z.union([z.string(), z.number()]).transform(String),
          changes: z.array(z.object({ field: z.string().min(1), value: z.unknown() }).loose()).default([]),
        })
        .loose(),
    ),
  })
  .loose();

// ---------------------------------------------------------------------------------------------
// The events core consumes (connectors/whatsapp/parse-webhook flattens Meta's batches into these).

/** Who a lead is on WhatsApp: a phone, a business-scoped id, or both. */
export interface WhatsAppUser {
  waId?: string;
  userId?: string;
  parentUserId?: string;
  username?: string;
  profileName?: string;
}

export interface ContactCard {
  name?: string;
  phones: { phone: string; waId?: string; type?: string }[];
  emails: { email: string; type?: string }[];
  company?: string;
  title?: string;
}

export interface OrderItem {
  productRetailerId: string;
  quantity: number;
  itemPrice: number;
  currency: string;
}

export interface AdReferral {
  sourceType?: string;
  sourceId?: string;
  sourceUrl?: string;
  headline?: string;
  body?: string;
  mediaType?: string;
  ctwaClid?: string;
}

export type WhatsAppContent =
  | { type: "text"; text: string }
  | { type: "button_reply"; id: string; title: string }
  | { type: "list_reply"; id: string; title: string }
  | { type: "media"; mediaType: WhatsAppMediaType; mediaId: string; mimeType?: string; sha256?: string; caption?: string; filename?: string; voice?: boolean }
  | { type: "location"; latitude: number; longitude: number; name?: string; address?: string }
  /** emoji is "" when the lead removed the reaction. */
  | { type: "reaction"; emoji: string; messageId: string }
  | { type: "contacts"; contacts: ContactCard[] }
  | { type: "order"; catalogId?: string; text?: string; items: OrderItem[] }
  /** A WhatsApp Flow's answers (interactive nfm_reply); flowToken says which of our Flows it answers. */
  | { type: "flow_reply"; response: Record<string, unknown>; flowToken?: string; body?: string }
  /** originalType is Meta's type, or "interactive.<subtype>"; error is Meta's reason when it sent one. */
  | { type: "unsupported"; originalType: string; error?: string };

export interface WhatsAppPricing {
  category: string;
  billable: boolean;
  pricingModel?: string;
}

export interface WhatsAppMessageEvent {
  kind: "message";
  phoneNumberId: string;
  wamid: string;
  user: WhatsAppUser;
  timestamp: Date;
  content: WhatsAppContent;
  referral?: AdReferral;
}

export interface WhatsAppStatusEvent {
  kind: "status";
  phoneNumberId: string;
  /** Id of the message we sent. */
  wamid: string;
  status: DeliveryStatus;
  recipient: WhatsAppUser;
  timestamp: Date;
  pricing?: WhatsAppPricing;
  error?: { code: number; title: string; message?: string };
}

/** The lead edited (or deleted, revoke) one of their messages; by "business" for echoes. */
export interface WhatsAppEditEvent {
  kind: "edit";
  phoneNumberId: string;
  wamid: string;
  originalWamid: string;
  by: "lead" | "business";
  user: WhatsAppUser;
  timestamp: Date;
  content: WhatsAppContent;
}

export interface WhatsAppRevokeEvent {
  kind: "revoke";
  phoneNumberId: string;
  wamid: string;
  originalWamid: string;
  by: "lead" | "business";
  user: WhatsAppUser;
  timestamp: Date;
}

/** system messages: the lead's number or business-scoped id changed. */
export interface WhatsAppIdentityChangeEvent {
  kind: "identity_change";
  phoneNumberId: string;
  wamid: string;
  change: "number" | "user_id";
  /** The identity as it was. */
  user: WhatsAppUser;
  /** What replaces it. */
  next: WhatsAppUser;
  timestamp: Date;
  body?: string;
}

/** A message the business sent from the WhatsApp Business app (smb_message_echoes). */
export interface WhatsAppEchoEvent {
  kind: "echo";
  phoneNumberId: string;
  wamid: string;
  user: WhatsAppUser;
  timestamp: Date;
  content: WhatsAppContent;
}

/** One message of the coexistence chat history (field "history"). */
export interface WhatsAppHistoryEvent {
  kind: "history";
  phoneNumberId: string;
  wamid: string;
  user: WhatsAppUser;
  fromBusiness: boolean;
  timestamp: Date;
  content: WhatsAppContent;
}

/** message_template_status_update: Meta approved, rejected, paused… one of the WABA's templates. */
export interface WhatsAppTemplateStatusEvent {
  kind: "template_status";
  wabaId: string;
  templateId: string;
  name: string;
  language: string;
  status: string;
  reason?: string;
  category?: string;
}

/** account_update for a WABA (`event` as Meta names it; `banState` for DISABLED_UPDATE; `at` Meta's trigger time). */
export interface WhatsAppAccountUpdateEvent {
  kind: "account_update";
  wabaId: string;
  event: string;
  banState?: string;
  /** ACCOUNT_VIOLATION's violation_info.violation_type. */
  violationType?: string;
  /** ACCOUNT_RESTRICTION's restriction_info, expirations as ISO times (absent when Meta gave none or an unreadable one). */
  restrictions?: { type: string; expiresAt?: string }[];
  at: Date;
}

export type WhatsAppEvent =
  | WhatsAppMessageEvent
  | WhatsAppStatusEvent
  | WhatsAppEditEvent
  | WhatsAppRevokeEvent
  | WhatsAppIdentityChangeEvent
  | WhatsAppEchoEvent
  | WhatsAppHistoryEvent
  | WhatsAppTemplateStatusEvent
  | WhatsAppAccountUpdateEvent;

/** Something in the body that was not understood; logged and recorded, never a refusal. */
export interface WhatsAppParseIssue {
  /** Where, e.g. "entry.0.changes.1.value.messages.3". */
  path: string;
  reason: string;
  /** phone_number_id of the change it came in, when known (to record it with its tenant). */
  phoneNumberId?: string;
  /** The element's id (wamid) when it had one. */
  id?: string;
}
