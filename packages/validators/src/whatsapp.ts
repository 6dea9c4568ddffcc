import { z } from "zod";

// Meta's WhatsApp Cloud API webhook POST body ("messages" field). Meta adds properties and new
// message types without notice, and a rejected POST is retried and can get the webhook disabled,
// so objects are loose and unknown message types, interactive subtypes, statuses and change
// fields are accepted; what the bot reads is still checked strictly.

/** Unix seconds; Meta sends them as strings. */
const unixSecondsSchema = z.union([z.string().regex(/^\d+$/, { error: "Expected unix seconds." }), z.number().int().nonnegative()]);

export const whatsAppErrorSchema = z
  .object({
    code: z.number().int(),
    title: z.string(),
    message: z.string().optional(),
    error_data: z.object({ details: z.string().optional() }).loose().optional(),
    href: z.string().optional(),
  })
  .loose();
export type WhatsAppError = z.output<typeof whatsAppErrorSchema>;

export const whatsAppContactSchema = z
  .object({
    profile: z.object({ name: z.string().optional() }).loose().optional(),
    wa_id: z.string().min(1),
  })
  .loose();

export const whatsAppMetadataSchema = z
  .object({
    display_phone_number: z.string(),
    phone_number_id: z.string().min(1),
  })
  .loose();

const replySchema = z.object({ id: z.string(), title: z.string() }).loose();

export const whatsAppInteractiveSchema = z
  .object({
    type: z.string().min(1),
    button_reply: replySchema.optional(),
    list_reply: replySchema.extend({ description: z.string().optional() }).optional(),
  })
  .loose()
  .superRefine((interactive, ctx) => {
    // Only the subtypes we read must carry their payload; nfm_reply and future ones pass through.
    if ((interactive.type === "button_reply" || interactive.type === "list_reply") && !interactive[interactive.type]) {
      ctx.addIssue({ code: "custom", path: [interactive.type], message: `Missing ${interactive.type} for interactive type ${interactive.type}.` });
    }
  });

export const whatsAppMediaSchema = z
  .object({
    id: z.string().min(1),
    mime_type: z.string().min(1),
    sha256: z.string().optional(),
    caption: z.string().optional(),
    filename: z.string().optional(),
    voice: z.boolean().optional(),
  })
  .loose();

export const mediaTypes = ["image", "audio", "video", "document", "sticker"] as const;
export type WhatsAppMediaType = (typeof mediaTypes)[number];

/** Message types whose payload sits under a property named like the type. */
const payloadTypes = ["text", "interactive", "button", ...mediaTypes, "location", "reaction", "contacts"] as const;

export const whatsAppInboundMessageSchema = z
  .object({
    from: z.string().min(1),
    id: z.string().min(1),
    timestamp: unixSecondsSchema,
    type: z.string().min(1),
    context: z.object({ from: z.string().optional(), id: z.string().optional() }).loose().optional(),
    text: z.object({ body: z.string() }).loose().optional(),
    interactive: whatsAppInteractiveSchema.optional(),
    /** Quick-reply button of a template. */
    button: z.object({ text: z.string(), payload: z.string() }).loose().optional(),
    image: whatsAppMediaSchema.optional(),
    audio: whatsAppMediaSchema.optional(),
    video: whatsAppMediaSchema.optional(),
    document: whatsAppMediaSchema.optional(),
    sticker: whatsAppMediaSchema.optional(),
    location: z
      .object({ latitude: z.number(), longitude: z.number(), name: z.string().optional(), address: z.string().optional() })
      .loose()
      .optional(),
    /** Meta omits emoji when the lead removes a reaction. */
    reaction: z.object({ message_id: z.string().min(1), emoji: z.string().optional() }).loose().optional(),
    contacts: z.array(z.object({}).loose()).optional(),
    /** Present on type "unsupported" (e.g. 131051). */
    errors: z.array(whatsAppErrorSchema).optional(),
  })
  .loose()
  .superRefine((message, ctx) => {
    const type = message.type as (typeof payloadTypes)[number];
    if (payloadTypes.includes(type) && message[type] === undefined) {
      ctx.addIssue({ code: "custom", path: [type], message: `Missing ${type} payload for message type ${type}.` });
    }
  });
export type WhatsAppInboundMessage = z.output<typeof whatsAppInboundMessageSchema>;

export const deliveryStatuses = ["sent", "delivered", "read", "failed"] as const;
export type DeliveryStatus = (typeof deliveryStatuses)[number];
export const isDeliveryStatus = (s: string): s is DeliveryStatus => (deliveryStatuses as readonly string[]).includes(s);

export const whatsAppStatusSchema = z
  .object({
    id: z.string().min(1),
    /** Usually one of deliveryStatuses; kept open because Meta also reports e.g. "played" for voice notes. */
    status: z.string().min(1),
    timestamp: unixSecondsSchema,
    recipient_id: z.string().min(1),
    errors: z.array(whatsAppErrorSchema).optional(),
  })
  .loose();
export type WhatsAppStatus = z.output<typeof whatsAppStatusSchema>;

export const whatsAppMessagesValueSchema = z
  .object({
    messaging_product: z.literal("whatsapp"),
    metadata: whatsAppMetadataSchema,
    contacts: z.array(whatsAppContactSchema).optional(),
    messages: z.array(whatsAppInboundMessageSchema).optional(),
    statuses: z.array(whatsAppStatusSchema).optional(),
  })
  .loose();
export type WhatsAppMessagesValue = z.output<typeof whatsAppMessagesValueSchema>;

const messagesChangeSchema = z.object({ field: z.literal("messages"), value: whatsAppMessagesValueSchema }).loose();
const anyChangeSchema = z.object({ field: z.string().min(1), value: z.unknown() }).loose();

export type WhatsAppMessagesChange = z.output<typeof messagesChangeSchema>;
/** A change for another subscribed field (account_update, templates, …); not validated further. */
export type WhatsAppOtherChange = z.output<typeof anyChangeSchema>;
export type WhatsAppChange = WhatsAppMessagesChange | WhatsAppOtherChange;

export const isMessagesChange = (change: WhatsAppChange): change is WhatsAppMessagesChange => change.field === "messages";

// Only "messages" changes are checked against the messages shape. zod has no catch-all branch in a
// discriminated union, so branch by hand and hand the nested issues up with their relative paths.
export const whatsAppChangeSchema = anyChangeSchema.transform((change, ctx): WhatsAppChange => {
  if (change.field !== "messages") return change;
  const parsed = messagesChangeSchema.safeParse(change);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) ctx.issues.push({ ...issue, input: undefined });
  return z.NEVER;
});

export const whatsAppWebhookBodySchema = z
  .object({
    object: z.literal("whatsapp_business_account"),
    entry: z.array(
      z
        .object({
          /** WhatsApp Business Account id. */
          id: z.string().min(1),
          changes: z.array(whatsAppChangeSchema),
        })
        .loose(),
    ),
  })
  .loose();
export type WhatsAppWebhookBody = z.output<typeof whatsAppWebhookBodySchema>;

// The events core consumes, one per inbound message or status (connectors/whatsapp/parse-webhook
// flattens Meta's batches into these).

export type WhatsAppContent =
  | { type: "text"; text: string }
  | { type: "button_reply"; id: string; title: string }
  | { type: "list_reply"; id: string; title: string }
  | { type: "media"; mediaType: WhatsAppMediaType; mediaId: string; mimeType?: string; caption?: string; filename?: string; voice?: boolean }
  | { type: "location"; latitude: number; longitude: number; name?: string; address?: string }
  /** emoji is "" when the lead removed the reaction. */
  | { type: "reaction"; emoji: string; messageId: string }
  /** originalType is Meta's type, or "interactive.<subtype>" for interactive replies we do not read. */
  | { type: "unsupported"; originalType: string };

export interface WhatsAppMessageEvent {
  kind: "message";
  phoneNumberId: string;
  wamid: string;
  /** The lead's wa_id. */
  from: string;
  profileName?: string;
  timestamp: Date;
  content: WhatsAppContent;
}

export interface WhatsAppStatusEvent {
  kind: "status";
  phoneNumberId: string;
  /** Id of the message we sent. */
  wamid: string;
  status: DeliveryStatus;
  recipientId: string;
  timestamp: Date;
  error?: { code: number; title: string; message?: string };
}

export type WhatsAppEvent = WhatsAppMessageEvent | WhatsAppStatusEvent;
