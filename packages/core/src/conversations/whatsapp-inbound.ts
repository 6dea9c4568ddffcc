import type { WhatsAppContent, WhatsAppEvent } from "@vendaflow/validators/whatsapp";
import type { BotInput } from "../bot/types";
import { applyDeliveryStatus } from "./delivery-status";
import type { AppDeps } from "../deps";
import { recordInbound } from "./inbound";

export interface InboxRoute {
  tenantId: string;
  inboxId: string;
}

/** How each WhatsApp content type is stored and what the bot sees (non-text asks for text). */
export function describeContent(c: WhatsAppContent): { contentType: string; text: string | null; payload: Record<string, unknown>; input: BotInput } {
  switch (c.type) {
    case "text":
      return { contentType: "text", text: c.text, payload: {}, input: { kind: "text", text: c.text } };
    case "button_reply":
    case "list_reply":
      return { contentType: "interactive", text: c.title, payload: { optionId: c.id, replyType: c.type }, input: { kind: "option", optionId: c.id } };
    case "media": {
      const { type: _t, ...media } = c;
      return { contentType: c.mediaType, text: c.caption ?? null, payload: { media }, input: { kind: "media" } };
    }
    case "location":
      return { contentType: "location", text: c.name ?? c.address ?? null, payload: { location: { latitude: c.latitude, longitude: c.longitude, name: c.name, address: c.address } }, input: { kind: "media" } };
    case "reaction":
      return { contentType: "reaction", text: c.emoji || null, payload: { reactionTo: c.messageId }, input: { kind: "media" } };
    case "unsupported":
      return { contentType: "unsupported", text: null, payload: { originalType: c.originalType }, input: { kind: "media" } };
  }
}

/**
 * Persists a webhook's events (messages and statuses), each routed to the inbox owning its
 * phone_number_id. Returns the conversations that now have pending messages, to process after
 * answering Meta. Repeated wamids and (wamid, status) pairs change nothing.
 */
export async function ingestWhatsApp(deps: AppDeps, events: WhatsAppEvent[], route: (phoneNumberId: string) => Promise<InboxRoute | null>) {
  const toProcess = new Map<string, { tenantId: string; conversationId: string }>();
  let unrouted = 0;
  for (const ev of events) {
    const inbox = await route(ev.phoneNumberId);
    if (!inbox) {
      unrouted++;
      continue;
    }
    if (ev.kind === "status") {
      await applyDeliveryStatus(deps.db, inbox.tenantId, inbox.inboxId, { wamid: ev.wamid, status: ev.status, at: ev.timestamp, error: ev.error });
      continue;
    }
    const d = describeContent(ev.content);
    const rec = await recordInbound(deps, {
      tenantId: inbox.tenantId,
      inboxId: inbox.inboxId,
      who: { kind: "whatsapp", waId: ev.from, profileName: ev.profileName },
      provider: "whatsapp",
      providerEventId: ev.wamid,
      providerMessageId: ev.wamid,
      contentType: d.contentType,
      text: d.text,
      payload: d.payload,
      input: d.input,
      at: ev.timestamp,
    });
    if (!rec.duplicate) toProcess.set(rec.conversationId, { tenantId: inbox.tenantId, conversationId: rec.conversationId });
  }
  return { toProcess: [...toProcess.values()], unrouted };
}
