import type { AdReferral, WhatsAppContent } from "@vendaflow/validators/whatsapp";
import type { BotInput } from "../bot/types";
import { flowFormAnswers } from "../whatsapp/flow-form";

export interface StoredContent {
  /** messages.content_type */
  contentType: string;
  /** messages.text: what the inbox lists and searches. */
  text: string | null;
  /** messages.payload: everything else the inbox shows. */
  payload: Record<string, unknown>;
  /** What the bot sees: anything it cannot read asks for text. */
  input: BotInput;
}

const money = (cents: number, currency: string) => {
  try {
    return new Intl.NumberFormat("pt-BR", { style: "currency", currency }).format(cents);
  } catch {
    return `${cents} ${currency}`;
  }
};

/** How each WhatsApp content type is stored and what the bot sees. */
export function describeContent(c: WhatsAppContent): StoredContent {
  const media: BotInput = { kind: "media" };
  switch (c.type) {
    case "text":
      return { contentType: "text", text: c.text, payload: {}, input: { kind: "text", text: c.text } };
    case "button_reply":
    case "list_reply":
      return { contentType: "interactive", text: c.title, payload: { optionId: c.id, replyType: c.type }, input: { kind: "option", optionId: c.id } };
    case "media": {
      const { type: _t, ...rest } = c;
      return { contentType: c.mediaType, text: c.caption ?? null, payload: { media: rest }, input: media };
    }
    case "location":
      return { contentType: "location", text: c.name ?? c.address ?? null, payload: { location: { latitude: c.latitude, longitude: c.longitude, name: c.name, address: c.address } }, input: media };
    case "reaction":
      return { contentType: "reaction", text: c.emoji || null, payload: { reactionTo: c.messageId }, input: media };
    case "contacts":
      return { contentType: "contacts", text: c.contacts.map((k) => k.name ?? k.phones[0]?.phone ?? k.emails[0]?.email).filter(Boolean).join(", ") || null, payload: { contacts: c.contacts }, input: media };
    case "order": {
      // Meta sends item_price in the currency's units (e.g. 30 = R$ 30,00).
      const lines = c.items.map((i) => `${i.quantity}× ${i.productRetailerId} (${money(i.itemPrice, i.currency)})`);
      const currency = c.items[0]?.currency;
      const total = currency && c.items.every((i) => i.currency === currency) ? c.items.reduce((s, i) => s + i.quantity * i.itemPrice, 0) : null;
      return {
        contentType: "order",
        text: [c.text, lines.join("\n")].filter(Boolean).join("\n") || null,
        payload: { order: { catalogId: c.catalogId, items: c.items, ...(total !== null && currency ? { total, currency } : {}) } },
        input: media,
      };
    }
    case "flow_reply":
      // Fed to the bot as a form only when the token is this conversation's (conversations/process.ts).
      return {
        contentType: "flow_reply",
        text: c.body ?? null,
        payload: { flow: { response: c.response, ...(c.flowToken ? { flowToken: c.flowToken } : {}) } },
        input: { kind: "form", answers: flowFormAnswers(c.response), ...(c.flowToken ? { flowToken: c.flowToken } : {}) },
      };
    case "unsupported":
      return { contentType: "unsupported", text: null, payload: { originalType: c.originalType, ...(c.error ? { error: c.error } : {}) }, input: media };
  }
}

/** A click-to-WhatsApp ad as the lead's campaign (leads.source_details.campaign). */
export function campaignOf(r: AdReferral | undefined): Record<string, string> | undefined {
  if (!r || (!r.sourceId && !r.ctwaClid && !r.headline)) return undefined;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(r)) if (typeof v === "string" && v) out[k] = v.slice(0, 500);
  return out;
}
