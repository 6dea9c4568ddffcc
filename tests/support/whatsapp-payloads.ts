import { randomUUID } from "node:crypto";

/** Webhook bodies in the shapes of Meta's documentation (WhatsApp Cloud API, field "messages"). */
export const wamid = () => `wamid.${randomUUID().replace(/-/g, "")}`;

export function messageChange(phoneNumberId: string, messages: Record<string, unknown>[], contacts: { wa_id: string; name: string }[] = []) {
  return {
    field: "messages",
    value: {
      messaging_product: "whatsapp",
      metadata: { display_phone_number: "15550000000", phone_number_id: phoneNumberId },
      contacts: contacts.map((c) => ({ profile: { name: c.name }, wa_id: c.wa_id })),
      messages,
    },
  };
}

export function statusChange(phoneNumberId: string, statuses: Record<string, unknown>[]) {
  return { field: "messages", value: { messaging_product: "whatsapp", metadata: { display_phone_number: "15550000000", phone_number_id: phoneNumberId }, statuses } };
}

export const webhook = (...changes: unknown[]) => ({ object: "whatsapp_business_account", entry: [{ id: "WABA_ID", changes }] });
export const batched = (...entries: unknown[][]) => ({ object: "whatsapp_business_account", entry: entries.map((changes, i) => ({ id: `WABA_${i}`, changes })) });

const ts = () => String(Math.floor(Date.now() / 1000));

export const text = (from: string, body: string, id = wamid()) => ({ from, id, timestamp: ts(), type: "text", text: { body } });
export const buttonReply = (from: string, replyId: string, title: string, id = wamid()) => ({ from, id, timestamp: ts(), type: "interactive", interactive: { type: "button_reply", button_reply: { id: replyId, title } } });
export const listReply = (from: string, replyId: string, title: string, id = wamid()) => ({ from, id, timestamp: ts(), type: "interactive", interactive: { type: "list_reply", list_reply: { id: replyId, title, description: title } } });
export const media = (from: string, type: "image" | "audio" | "document" | "sticker" | "video", extra: Record<string, unknown> = {}, id = wamid()) => ({
  from, id, timestamp: ts(), type, [type]: { id: `media-${randomUUID().slice(0, 8)}`, mime_type: type === "audio" ? "audio/ogg; codecs=opus" : "image/jpeg", sha256: "abc", ...extra },
});
export const location = (from: string, id = wamid()) => ({ from, id, timestamp: ts(), type: "location", location: { latitude: -23.55, longitude: -46.63, name: "Escritório", address: "Av. Paulista, 1000" } });
export const reaction = (from: string, to: string, id = wamid()) => ({ from, id, timestamp: ts(), type: "reaction", reaction: { message_id: to, emoji: "👍" } });
export const unsupported = (from: string, id = wamid()) => ({ from, id, timestamp: ts(), type: "unsupported", errors: [{ code: 131051, title: "Message type unknown" }] });
export const status = (id: string, s: "sent" | "delivered" | "read" | "failed", recipient: string, error?: { code: number; title: string }) => ({
  id, status: s, timestamp: ts(), recipient_id: recipient, ...(error ? { errors: [{ ...error, error_data: { details: error.title } }] } : {}),
});

// 2026 shapes: business-scoped user ids (BSUID), usernames, coexistence, edits.

export const bsuid = () => `BR.${randomUUID().replace(/\D/g, "").slice(0, 16)}`;

/** A sender as Meta identifies it now: the phone (absent for username users) and/or the BSUID. */
export interface Sender {
  phone?: string;
  userId?: string;
  name?: string;
  username?: string;
}

export function senderChange(phoneNumberId: string, sender: Sender, messages: Record<string, unknown>[]) {
  const contact = { profile: { ...(sender.name ? { name: sender.name } : {}), ...(sender.username ? { username: sender.username } : {}) }, ...(sender.phone ? { wa_id: sender.phone } : {}), ...(sender.userId ? { user_id: sender.userId } : {}) };
  return { field: "messages", value: { messaging_product: "whatsapp", metadata: { display_phone_number: "15550000000", phone_number_id: phoneNumberId }, contacts: [contact], messages } };
}

export const from = (s: Sender, type: string, payload: Record<string, unknown>, id = wamid()) => ({
  ...(s.phone ? { from: s.phone } : {}),
  ...(s.userId ? { from_user_id: s.userId } : {}),
  id,
  timestamp: ts(),
  type,
  ...payload,
});

export const textFrom = (s: Sender, body: string, id = wamid()) => from(s, "text", { text: { body } }, id);

export function echoChange(phoneNumberId: string, to: Sender, body: string, id = wamid()) {
  const echo = { from: "15550000000", ...(to.phone ? { to: to.phone } : {}), ...(to.userId ? { to_user_id: to.userId } : {}), id, timestamp: ts(), type: "text", text: { body } };
  return { field: "smb_message_echoes", value: { messaging_product: "whatsapp", metadata: { display_phone_number: "15550000000", phone_number_id: phoneNumberId }, message_echoes: [echo] } };
}

export function historyChange(phoneNumberId: string, threads: { id: string; messages: { fromMe: boolean; body: string; id?: string; at: number }[] }[]) {
  return {
    field: "history",
    value: {
      messaging_product: "whatsapp",
      metadata: { display_phone_number: "15550000000", phone_number_id: phoneNumberId },
      history: [
        {
          metadata: { phase: 0, chunk_order: 1, progress: 100 },
          threads: threads.map((t) => ({
            id: t.id,
            messages: t.messages.map((m) => ({
              from: m.fromMe ? "15550000000" : t.id,
              ...(m.fromMe ? { to: t.id } : {}),
              id: m.id ?? wamid(),
              timestamp: String(m.at),
              type: "text",
              text: { body: m.body },
              history_context: { status: "read", ...(m.fromMe ? { from_me: true } : {}) },
            })),
          })),
        },
      ],
    },
  };
}
