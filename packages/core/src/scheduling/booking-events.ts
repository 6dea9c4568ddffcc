import type { CalcomWebhook, CalendarProviderName, CalendlyWebhook } from "@vendaflow/validators/scheduling";

/**
 * Both providers' webhooks as the three things that can happen to a meeting. A reschedule is a
 * booking that `replaces` an earlier one (Calendly: `old_invitee` on the new invitee, plus a
 * cancellation flagged `rescheduled`; Cal.com: `rescheduleUid` on BOOKING_RESCHEDULED).
 */
export type BookingEvent =
  | {
      kind: "booked";
      provider: CalendarProviderName;
      externalId: string;
      title: string;
      startsAt: Date;
      endsAt: Date;
      inviteeName: string | null;
      inviteeEmail: string | null;
      joinUrl: string | null;
      /** The lead reference we put in the booking link (Calendly utm_content, Cal.com metadata). */
      leadRef: string | null;
      replaces: string | null;
    }
  | { kind: "canceled"; provider: CalendarProviderName; externalId: string; reason: string | null; rescheduled: boolean }
  | { kind: "no_show"; provider: CalendarProviderName; externalId: string };

/** The metadata key Cal.com bookings carry the lead reference under, and Calendly's utm field. */
export const CALCOM_LEAD_KEY = "vendaflow_lead";
export const CALENDLY_LEAD_UTM = "utm_content";

const cut = (v: string | null | undefined, max: number) => (v ? v.slice(0, max) : null);

export function fromCalendly(ev: CalendlyWebhook): BookingEvent | null {
  const p = ev.payload;
  if (ev.event === "invitee_no_show.created") return p.invitee ? { kind: "no_show", provider: "calendly", externalId: p.invitee } : null;
  if (ev.event === "invitee.canceled") return { kind: "canceled", provider: "calendly", externalId: p.uri, reason: cut(p.cancellation?.reason, 500), rescheduled: p.rescheduled === true };
  if (ev.event !== "invitee.created" || !p.scheduled_event) return null;
  const se = p.scheduled_event;
  return {
    kind: "booked",
    provider: "calendly",
    externalId: p.uri,
    title: cut(se.name, 255) || "Reunião",
    startsAt: new Date(se.start_time),
    endsAt: new Date(se.end_time),
    inviteeName: cut(p.name, 200),
    inviteeEmail: cut(p.email, 255),
    joinUrl: cut(se.location?.join_url, 2000),
    leadRef: p.tracking?.[CALENDLY_LEAD_UTM] ?? p.tracking?.salesforce_uuid ?? null,
    replaces: p.old_invitee ?? null,
  };
}

export function fromCalcom(ev: CalcomWebhook): BookingEvent | null {
  const p = ev.payload;
  const uid = p.uid ?? p.bookingUid;
  if (!uid) return null;
  if (ev.triggerEvent === "BOOKING_CANCELLED") return { kind: "canceled", provider: "calcom", externalId: uid, reason: cut(p.cancellationReason, 500), rescheduled: false };
  if (ev.triggerEvent === "BOOKING_NO_SHOW_UPDATED") return p.attendees?.some((a) => a.noShow) ? { kind: "no_show", provider: "calcom", externalId: uid } : null;
  if ((ev.triggerEvent !== "BOOKING_CREATED" && ev.triggerEvent !== "BOOKING_RESCHEDULED") || !p.startTime || !p.endTime) return null;
  const attendee = p.attendees?.[0];
  const meta = p.metadata ?? {};
  const str = (v: unknown) => (typeof v === "string" && v ? v : null);
  return {
    kind: "booked",
    provider: "calcom",
    externalId: uid,
    title: cut(p.title, 255) || "Reunião",
    startsAt: new Date(p.startTime),
    endsAt: new Date(p.endTime),
    inviteeName: cut(attendee?.name, 200),
    inviteeEmail: cut(attendee?.email, 255),
    joinUrl: cut(str(meta.videoCallUrl), 2000),
    leadRef: str(meta[CALCOM_LEAD_KEY]),
    replaces: ev.triggerEvent === "BOOKING_RESCHEDULED" ? (p.rescheduleUid ?? null) : null,
  };
}
