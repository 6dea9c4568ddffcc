import type { TenantTx } from "@vendaflow/db/with-tenant";
import type { AfterCommit } from "../after-commit";
import { fillSchedulingUrl } from "../bot/outcome";
import type { BotStepContext } from "../conversations/apply-bot";
import { recordEvent } from "../conversations/events";
import type { CalendarProviderName } from "@vendaflow/validators/scheduling";
import { CALCOM_LEAD_KEY, CALENDLY_LEAD_UTM } from "./booking-events";
import { meetingOfferJob } from "./slots";

/**
 * The booking link a qualified lead is offered, as a template the bot fills ({name}, {email},
 * {leadId}: bot/outcome.ts fillSchedulingUrl): the connection's booking page prefilled with the
 * lead's name and e-mail and the lead reference that comes back on the webhook (Calendly: utm
 * parameters, read back from `tracking`; Cal.com: `metadata[…]`, read back from the booking's metadata).
 */
export function bookingLinkTemplate(provider: CalendarProviderName, bookingUrl: string): string {
  const sep = bookingUrl.includes("?") ? "&" : "?";
  const ref = provider === "calendly" ? `utm_source=vendaflow&utm_medium=chat&${CALENDLY_LEAD_UTM}={leadId}` : `metadata[${CALCOM_LEAD_KEY}]={leadId}`;
  return `${bookingUrl}${sep}name={name}&email={email}&${ref}`;
}

/** The connected calendar leads are offered (one with an event type; Cal.com first: it books from the chat). */
export async function offeredCalendar(tx: TenantTx): Promise<{ provider: CalendarProviderName; bookingUrl: string } | null> {
  const row = await tx
    .selectFrom("calendar_connections")
    .select(["provider", "booking_url"])
    .where("is_active", "=", true)
    .where("booking_url", "is not", null)
    .orderBy("provider", "asc")
    .executeTakeFirst();
  return row?.booking_url ? { provider: row.provider as CalendarProviderName, bookingUrl: row.booking_url } : null;
}

/** What a booking offer message carries: the widget opens `url` inline, WhatsApp sends it as a CTA button. */
export interface BookingOffer {
  url: string;
  provider: CalendarProviderName | null;
}

/**
 * The bot qualified the lead: offer the booking link as a message (its payload says how each
 * channel shows it). The connected calendar wins over the inbox's or flow's link (`fallbackUrl`,
 * already filled by the engine). With Cal.com and a lead with an e-mail, the offer job posts the
 * next free slots as buttons and the page as "Outro horário" after the commit (scheduling/slots.ts).
 */
export async function offerBooking(c: BotStepContext, fallbackUrl: string | null, after: AfterCommit) {
  const calendar = await offeredCalendar(c.tx);
  let offer: BookingOffer | null = fallbackUrl ? { url: fallbackUrl, provider: null } : null;
  if (calendar) {
    const lead = await c.tx.selectFrom("leads").select(["name", "email"]).where("id", "=", c.leadId).executeTakeFirstOrThrow();
    if (calendar.provider === "calcom" && lead.email) {
      // Booking from the chat needs the lead's e-mail (Cal.com's attendee); without one, the page asks for it.
      after.jobs.push(meetingOfferJob({ tenantId: c.tenantId, conversationId: c.conversationId }, `meeting-offer-${c.conversationId}-${c.now.getTime()}`));
      await recordEvent(c.tx, c.tenantId, { conversationId: c.conversationId, kind: "meeting_offered", data: { provider: calendar.provider, slots: true }, at: c.now });
      return;
    }
    offer = { url: fillSchedulingUrl(bookingLinkTemplate(calendar.provider, calendar.bookingUrl), { name: lead.name ?? undefined, email: lead.email ?? undefined, leadId: c.leadId }), provider: calendar.provider };
  }
  if (!offer) return;
  const row = await c.tx
    .insertInto("messages")
    .values({ tenant_id: c.tenantId, conversation_id: c.conversationId, sender: "bot", content_type: "text", text: `Agende sua conversa com nosso time: ${offer.url}`, payload: JSON.stringify({ schedulingUrl: offer.url, booking: offer }), delivery_status: "pending", created_at: c.now })
    .returning("id")
    .executeTakeFirstOrThrow();
  after.outbound.push(row.id);
  await recordEvent(c.tx, c.tenantId, { conversationId: c.conversationId, kind: "meeting_offered", data: { provider: offer.provider }, at: c.now });
}
