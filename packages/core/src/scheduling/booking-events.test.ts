import { describe, expect, it } from "vitest";
import { calcomWebhookSchema, calendlyWebhookSchema } from "@vendaflow/validators/scheduling";
import { fromCalcom, fromCalendly } from "./booking-events";

const invitee = (event: string, payload: Record<string, unknown> = {}) =>
  calendlyWebhookSchema.parse({
    event,
    created_at: "2026-12-01T12:00:00.000000Z",
    payload: {
      uri: "https://api.calendly.com/scheduled_events/E1/invitees/I1",
      email: "ana@x.com",
      name: "Ana",
      tracking: { utm_source: "vendaflow", utm_content: "lead-1", salesforce_uuid: null },
      scheduled_event: { uri: "https://api.calendly.com/scheduled_events/E1", name: "Demo", start_time: "2026-12-03T17:00:00.000000Z", end_time: "2026-12-03T17:30:00.000000Z", location: { join_url: "https://meet/x" } },
      ...payload,
    },
  });

describe("Calendly events", () => {
  it("invitee.created is a booking with our reference from utm_content, and old_invitee makes it a reschedule", () => {
    expect(fromCalendly(invitee("invitee.created"))).toEqual({
      kind: "booked",
      provider: "calendly",
      externalId: "https://api.calendly.com/scheduled_events/E1/invitees/I1",
      title: "Demo",
      startsAt: new Date("2026-12-03T17:00:00Z"),
      endsAt: new Date("2026-12-03T17:30:00Z"),
      inviteeName: "Ana",
      inviteeEmail: "ana@x.com",
      joinUrl: "https://meet/x",
      leadRef: "lead-1",
      replaces: null,
    });
    expect(fromCalendly(invitee("invitee.created", { old_invitee: "https://old" }))).toMatchObject({ replaces: "https://old" });
    expect(fromCalendly(invitee("invitee.created", { tracking: { salesforce_uuid: "lead-2" } }))).toMatchObject({ leadRef: "lead-2" });
  });
  it("invitee.canceled is a cancellation, flagged when it is half of a reschedule; no-shows name their invitee; other events are ignored", () => {
    expect(fromCalendly(invitee("invitee.canceled", { cancellation: { reason: "Viagem" } }))).toEqual({ kind: "canceled", provider: "calendly", externalId: "https://api.calendly.com/scheduled_events/E1/invitees/I1", reason: "Viagem", rescheduled: false });
    expect(fromCalendly(invitee("invitee.canceled", { rescheduled: true }))).toMatchObject({ rescheduled: true, reason: null });
    expect(fromCalendly(invitee("invitee_no_show.created", { uri: "https://api.calendly.com/invitee_no_shows/N1", invitee: "https://i" }))).toEqual({ kind: "no_show", provider: "calendly", externalId: "https://i" });
    expect(fromCalendly(invitee("routing_form_submission.created"))).toBeNull();
  });
});

const booking = (triggerEvent: string, payload: Record<string, unknown> = {}) =>
  calcomWebhookSchema.parse({ triggerEvent, createdAt: "2026-12-01T12:00:00.000Z", payload: { uid: "U1", title: "Demo entre A e B", startTime: "2026-12-03T17:00:00.000Z", endTime: "2026-12-03T17:30:00.000Z", attendees: [{ name: "Ana", email: "ana@x.com" }], metadata: { vendaflow_lead: "lead-1", videoCallUrl: "https://cal.video/U1" }, ...payload } });

describe("Cal.com events", () => {
  it("BOOKING_CREATED reads the lead from metadata; BOOKING_RESCHEDULED replaces rescheduleUid", () => {
    expect(fromCalcom(booking("BOOKING_CREATED"))).toMatchObject({ kind: "booked", externalId: "U1", leadRef: "lead-1", joinUrl: "https://cal.video/U1", inviteeEmail: "ana@x.com", replaces: null });
    expect(fromCalcom(booking("BOOKING_RESCHEDULED", { uid: "U2", rescheduleUid: "U1" }))).toMatchObject({ externalId: "U2", replaces: "U1" });
    // A created booking never replaces, whatever it carries.
    expect(fromCalcom(booking("BOOKING_CREATED", { rescheduleUid: "U0" }))).toMatchObject({ replaces: null });
  });
  it("cancellations, no-shows (only when an attendee is flagged) and events without a booking", () => {
    expect(fromCalcom(booking("BOOKING_CANCELLED", { cancellationReason: "Sem tempo" }))).toEqual({ kind: "canceled", provider: "calcom", externalId: "U1", reason: "Sem tempo", rescheduled: false });
    expect(fromCalcom(booking("BOOKING_NO_SHOW_UPDATED", { uid: undefined, bookingUid: "U1", attendees: [{ email: "ana@x.com", noShow: true }] }))).toEqual({ kind: "no_show", provider: "calcom", externalId: "U1" });
    expect(fromCalcom(booking("BOOKING_NO_SHOW_UPDATED", { attendees: [{ email: "ana@x.com", noShow: false }] }))).toBeNull();
    expect(fromCalcom(booking("MEETING_ENDED"))).toBeNull();
    expect(fromCalcom(calcomWebhookSchema.parse({ triggerEvent: "PING", payload: {} }))).toBeNull();
  });
});
