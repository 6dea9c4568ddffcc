import {
  isDeliveryStatus,
  isMessagesChange,
  mediaTypes,
  whatsAppWebhookBodySchema,
  type WhatsAppContent,
  type WhatsAppEvent,
  type WhatsAppInboundMessage,
  type WhatsAppMediaType,
  type WhatsAppMessagesValue,
} from "@vendaflow/validators/whatsapp";

// Flattens Meta's entry[].changes[].value batches into one event per inbound message or status.

const toDate = (unixSeconds: string | number) => new Date(Number(unixSeconds) * 1000);

const isMediaType = (type: string): type is WhatsAppMediaType => (mediaTypes as readonly string[]).includes(type);

function stripUndefined<T extends object>(obj: T): T {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined)) as T;
}

export function toContent(message: WhatsAppInboundMessage): WhatsAppContent {
  const { type } = message;
  // The schema guarantees the payload of a known type is present; the checks below narrow for TS.
  if (type === "text" && message.text) return { type: "text", text: message.text.body };
  if (type === "interactive" && message.interactive) {
    const { button_reply: button, list_reply: list } = message.interactive;
    if (message.interactive.type === "button_reply" && button) return { type: "button_reply", id: button.id, title: button.title };
    if (message.interactive.type === "list_reply" && list) return { type: "list_reply", id: list.id, title: list.title };
    return { type: "unsupported", originalType: `interactive.${message.interactive.type}` };
  }
  // A template's quick-reply button: its payload plays the part of the option id.
  if (type === "button" && message.button) return { type: "button_reply", id: message.button.payload, title: message.button.text };
  if (isMediaType(type)) {
    const media = message[type];
    if (media) {
      return stripUndefined({
        type: "media",
        mediaType: type,
        mediaId: media.id,
        mimeType: media.mime_type,
        caption: media.caption,
        filename: media.filename,
        voice: media.voice,
      });
    }
  }
  if (type === "location" && message.location) {
    const { latitude, longitude, name, address } = message.location;
    return stripUndefined({ type: "location", latitude, longitude, name, address });
  }
  if (type === "reaction" && message.reaction) return { type: "reaction", emoji: message.reaction.emoji ?? "", messageId: message.reaction.message_id };
  return { type: "unsupported", originalType: type };
}

function valueEvents(value: WhatsAppMessagesValue): WhatsAppEvent[] {
  const phoneNumberId = value.metadata.phone_number_id;
  const names = new Map((value.contacts ?? []).map((c) => [c.wa_id, c.profile?.name]));
  const events: WhatsAppEvent[] = [];
  for (const message of value.messages ?? []) {
    const profileName = names.get(message.from);
    events.push({
      kind: "message",
      phoneNumberId,
      wamid: message.id,
      from: message.from,
      ...(profileName ? { profileName } : {}),
      timestamp: toDate(message.timestamp),
      content: toContent(message),
    });
  }
  for (const status of value.statuses ?? []) {
    // Statuses outside the delivery lifecycle (e.g. "played") carry nothing the inbox tracks.
    if (!isDeliveryStatus(status.status)) continue;
    const first = status.errors?.[0];
    const message = first?.error_data?.details ?? first?.message;
    events.push({
      kind: "status",
      phoneNumberId,
      wamid: status.id,
      status: status.status,
      recipientId: status.recipient_id,
      timestamp: toDate(status.timestamp),
      ...(first ? { error: { code: first.code, title: first.title, ...(message ? { message } : {}) } } : {}),
    });
  }
  return events;
}

/** Validates a webhook body (throws ZodError) and returns its events in payload order. */
export function parseWebhook(body: unknown): { events: WhatsAppEvent[] } {
  const parsed = whatsAppWebhookBodySchema.parse(body);
  const events: WhatsAppEvent[] = [];
  for (const entry of parsed.entry) {
    for (const change of entry.changes) {
      if (isMessagesChange(change)) events.push(...valueEvents(change.value));
    }
  }
  return { events };
}
