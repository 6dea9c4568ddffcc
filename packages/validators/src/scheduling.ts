import { z } from "zod";
import { noNul } from "./sanitize";
import { calendarProviders, meetingOutcomes, meetingStatuses } from "./plain/scheduling";
export { calendarProviders, meetingOutcomes, meetingStatuses } from "./plain/scheduling";

// Scheduling (docs/scheduling.md): connections to Calendly / Cal.com, the meetings their webhooks
// write, and the wire shapes of those webhooks. Limits match db/migrations/0100_scheduling.sql.

export type CalendarProviderName = (typeof calendarProviders)[number];

export type MeetingStatus = (typeof meetingStatuses)[number];
export type MeetingOutcome = (typeof meetingOutcomes)[number];

const provider = z.enum(calendarProviders, { error: "Serviço de agenda desconhecido." });

/** Step 1: the admin pastes a token; it is checked against the provider and the webhook is created. */
export const connectCalendarInput = z.object({
  provider,
  token: z.string().trim().min(10, { error: "Cole o token de acesso." }).max(2000, { error: "Token longo demais." }).refine(noNul),
});
export type ConnectCalendarInput = z.infer<typeof connectCalendarInput>;

/** Step 2: the event type leads are offered. */
export const pickEventTypeInput = z.object({ provider, eventTypeRef: z.string().min(1, { error: "Escolha um tipo de evento." }).max(500).refine(noNul) });
export type PickEventTypeInput = z.infer<typeof pickEventTypeInput>;

export const calendarProviderInput = z.object({ provider });

export const meetingListInput = z.object({
  /** Meetings starting in [from, to): the list's or week's range. */
  from: z.coerce.date(),
  to: z.coerce.date(),
  status: z.enum(meetingStatuses).optional(),
  leadId: z.uuid().optional(),
  cursor: z.string().max(200).optional(),
  limit: z.number().int().min(1).max(200).default(50),
});
export type MeetingListInput = z.infer<typeof meetingListInput>;

export const markNoShowInput = z.object({ meetingId: z.uuid(), noShow: z.boolean() });
export const meetingOutcomeInput = z.object({ meetingId: z.uuid(), outcome: z.enum(meetingOutcomes, { error: "Resultado desconhecido." }) });

/** The reminder job: re-checks the meeting (still scheduled at that time) before posting. */
export const meetingReminderJobSchema = z.object({ tenantId: z.uuid(), meetingId: z.uuid(), startsAt: z.iso.datetime(), kind: z.enum(["24h", "1h"]) });
export type MeetingReminderJob = z.infer<typeof meetingReminderJobSchema>;
/**
 * The Cal.com offer job (scheduling/slots.ts): fetches the next free slots after the bot's commit,
 * or, with `start`, books the slot the lead picked.
 */
export const meetingOfferJobSchema = z.object({ tenantId: z.uuid(), conversationId: z.uuid(), start: z.iso.datetime().optional() });
export type MeetingOfferJob = z.infer<typeof meetingOfferJobSchema>;

// ---- Webhook wire shapes (only what we read; unknown fields pass) ----

const str = (max: number) => z.string().max(max);
const when = z.iso.datetime({ offset: true });

/** Calendly `invitee.created` / `invitee.canceled` / `invitee_no_show.created` (API v2). */
export const calendlyWebhookSchema = z.object({
  event: str(100),
  created_at: when,
  payload: z.looseObject({
    uri: str(500),
    email: z.string().max(255).optional(),
    name: z.string().max(500).optional(),
    status: z.string().max(20).optional(),
    rescheduled: z.boolean().optional(),
    old_invitee: z.string().max(500).nullish(),
    new_invitee: z.string().max(500).nullish(),
    /** invitee_no_show.created: the invitee it is about. */
    invitee: z.string().max(500).optional(),
    tracking: z.looseObject({ utm_source: str(255).nullish(), utm_medium: str(255).nullish(), utm_campaign: str(255).nullish(), utm_content: str(255).nullish(), salesforce_uuid: str(255).nullish() }).nullish(),
    scheduled_event: z
      .looseObject({
        uri: str(500),
        name: z.string().max(1000).nullish(),
        start_time: when,
        end_time: when,
        location: z.looseObject({ join_url: z.string().max(2000).nullish() }).nullish(),
      })
      .optional(),
    cancellation: z.looseObject({ reason: z.string().max(5000).nullish() }).nullish(),
  }),
});
export type CalendlyWebhook = z.infer<typeof calendlyWebhookSchema>;

/** Cal.com `BOOKING_CREATED` / `BOOKING_RESCHEDULED` / `BOOKING_CANCELLED` / `BOOKING_NO_SHOW_UPDATED`. */
export const calcomWebhookSchema = z.object({
  triggerEvent: str(100),
  createdAt: when.optional(),
  payload: z.looseObject({
    uid: str(500).optional(),
    title: z.string().max(1000).optional(),
    startTime: when.optional(),
    endTime: when.optional(),
    attendees: z.array(z.looseObject({ name: z.string().max(500).optional(), email: z.string().max(255).optional(), noShow: z.boolean().optional() })).max(100).optional(),
    metadata: z.record(z.string().max(100), z.unknown()).nullish(),
    rescheduleUid: str(500).nullish(),
    cancellationReason: z.string().max(5000).nullish(),
    /** BOOKING_NO_SHOW_UPDATED names the booking this way. */
    bookingUid: str(500).optional(),
  }),
});
export type CalcomWebhook = z.infer<typeof calcomWebhookSchema>;
