import type { ConversationEventKind } from "@vendaflow/validators/plain/inbox";
import { sql } from "kysely";
import { withTenant, type TenantTx } from "@vendaflow/db/with-tenant";
import type { MeetingOfferJob } from "@vendaflow/validators/scheduling";
import { afterCommit, runAfterCommit, type AfterCommit } from "../after-commit";
import { fillSchedulingUrl } from "../bot/outcome";
import type { ReplyOption } from "../bot/types";
import { recordEvent } from "../conversations/events";
import type { AppDeps } from "../deps";
import { isCalendarAuthError } from "../ports/calendar";
import type { ScheduledJob } from "../ports/scheduler";
import { CALCOM_LEAD_KEY } from "./booking-events";
import { loadConnection, openConnection, type LoadedConnection } from "./connections";
import { MEETING_TIME_ZONE } from "./conversation-notice";
import { applyBookingEvent } from "./meetings";
import { bookingLinkTemplate } from "./offer";

// Cal.com in the conversation: the next three free slots as reply buttons (WhatsApp allows three;
// the widget shows them as option buttons) followed by the booking page as "Outro horário"; the
// lead's pick is booked through Cal.com's API and becomes the meeting its webhook would make.
// Both calls to Cal.com happen in the offer job (after the bot's commit, never inside a transaction).

export const MEETING_OFFER_JOB_PATH = "/api/jobs/meeting-offer";
/** How many slots are offered (WhatsApp: at most three reply buttons), and how far ahead they are looked for. */
export const OFFERED_SLOTS = 3;
const LOOKAHEAD_DAYS = 14;
/** A slot button's id: `slot:` and the start as an ISO instant (fits WhatsApp's 256 and the widget's 100). */
const SLOT_PREFIX = "slot:";
/** The link message's button after slots: WhatsApp's `cta_url` display text and the widget's button. */
export const OTHER_TIME_LABEL = "Outro horário";

const labelFmt = new Intl.DateTimeFormat("pt-BR", { timeZone: MEETING_TIME_ZONE, weekday: "short", day: "2-digit", month: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });

/** "qua 03/12 14:00" in São Paulo time: a reply button's title (WhatsApp allows 20 characters). */
export function slotLabel(d: Date): string {
  const p = Object.fromEntries(labelFmt.formatToParts(d).map((x) => [x.type, x.value]));
  return `${String(p.weekday).replace(/\.$/, "")} ${p.day}/${p.month} ${p.hour}:${p.minute}`;
}

export const slotOption = (d: Date): ReplyOption => ({ id: `${SLOT_PREFIX}${d.toISOString()}`, label: slotLabel(d), text: slotLabel(d) });

/** The start a slot button names, or null for any other option id. */
export function slotOfOption(optionId: string): Date | null {
  if (!optionId.startsWith(SLOT_PREFIX)) return null;
  const iso = optionId.slice(SLOT_PREFIX.length);
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(iso)) return null;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? null : d;
}

export const meetingOfferJob = (body: MeetingOfferJob, deduplicationId: string): ScheduledJob => ({ path: MEETING_OFFER_JOB_PATH, body, delaySeconds: 0, deduplicationId });

/** The tenant's Cal.com connection when it can offer slots: active, with an event type and its page. */
async function slotCalendar(tx: TenantTx, deps: Pick<AppDeps, "encryptionKey">) {
  const c = await loadConnection(tx, deps, { provider: "calcom" });
  return c?.is_active && c.event_type_ref && c.booking_url ? (c as LoadedConnection & { event_type_ref: string; booking_url: string }) : null;
}

/**
 * The lead picked a slot button (processing, inside the conversation's lock): if this conversation
 * was offered that slot, the booking job is queued (once per inbound event); the bot does not see it.
 * Returns false for a slot never offered here (the caller treats it as any other message).
 */
export async function chooseSlot(tx: TenantTx, c: { tenantId: string; conversationId: string; now: Date; after: AfterCommit }, optionId: string, start: Date, eventId: string): Promise<boolean> {
  const offered = await tx
    .selectFrom("messages")
    .select("id")
    .where("conversation_id", "=", c.conversationId)
    .where("sender", "=", "bot")
    .where(sql<boolean>`payload ? 'slotOffer' and payload -> 'options' @> ${JSON.stringify([{ id: optionId }])}::jsonb`)
    .limit(1)
    .executeTakeFirst();
  if (!offered) return false;
  await recordEvent(tx, c.tenantId, { conversationId: c.conversationId, kind: "meeting_slot_chosen", data: { start: start.toISOString() }, at: c.now });
  c.after.jobs.push(meetingOfferJob({ tenantId: c.tenantId, conversationId: c.conversationId, start: start.toISOString() }, `meeting-book-${eventId}`));
  return true;
}

/**
 * The offer job. Without `start`: the next free slots as buttons, then the booking page. With
 * `start`: books it for the lead (name, e-mail, São Paulo time zone, the lead reference in the
 * metadata) and applies the booking as the BOOKING_CREATED webhook would — the webhook that
 * follows finds the meeting by its uid and changes nothing. A refused booking (the slot was
 * taken meanwhile) gets an apology and fresh slots. A lead without an e-mail, a Cal.com that does
 * not answer, or no free slot: the booking page alone.
 */
export async function runMeetingOffer(deps: AppDeps, job: MeetingOfferJob): Promise<"offered" | "booked" | "link" | "skipped"> {
  const now = deps.now();
  const found = await withTenant(deps.db, job.tenantId, async (tx) => {
    const conv = await tx
      .selectFrom("conversations as c")
      .innerJoin("leads as l", "l.id", "c.lead_id")
      .select(["c.id", "c.lead_id", "l.name", "l.email", "l.anonymised_at"])
      .where("c.id", "=", job.conversationId)
      .executeTakeFirst();
    return conv && !conv.anonymised_at ? { conv, calendar: await slotCalendar(tx, deps) } : null;
  });
  if (!found?.calendar) return "skipped";
  const { conv, calendar } = found;
  const client = openConnection(deps, calendar);
  const link = fillSchedulingUrl(bookingLinkTemplate("calcom", calendar.booking_url), { name: conv.name ?? undefined, email: conv.email ?? undefined, leadId: conv.lead_id });

  let refused = false;
  const email = conv.email;
  if (job.start && email && client.book) {
    const start = new Date(job.start);
    const already = await withTenant(deps.db, job.tenantId, (tx) =>
      tx.selectFrom("meetings").select("id").where("lead_id", "=", conv.lead_id).where("provider", "=", "calcom").where("starts_at", "=", start).where("status", "=", "scheduled").executeTakeFirst(),
    );
    if (already) return "booked";
    try {
      const b = await client.book({ eventTypeRef: calendar.event_type_ref, start, name: conv.name || email, email, timeZone: MEETING_TIME_ZONE, metadata: { [CALCOM_LEAD_KEY]: conv.lead_id } });
      const after = afterCommit();
      await withTenant(deps.db, job.tenantId, (tx) =>
        applyBookingEvent(tx, { tenantId: job.tenantId, connectionId: calendar.id, now, after }, {
          kind: "booked",
          provider: "calcom",
          externalId: b.externalId,
          title: b.title.slice(0, 255) || "Reunião",
          startsAt: b.startsAt,
          endsAt: b.endsAt,
          inviteeName: (conv.name || null)?.slice(0, 200) ?? null,
          inviteeEmail: email.slice(0, 255),
          joinUrl: b.joinUrl?.slice(0, 2000) ?? null,
          leadRef: conv.lead_id,
          replaces: null,
        }),
      );
      await runAfterCommit(deps, job.tenantId, after);
      return "booked";
    } catch (err) {
      // A refused key is the admin's to fix: the lead still gets the page. Anything else, most
      // often "already has booking at this time", is a slot gone: fresh ones follow.
      if (isCalendarAuthError(err)) return post(deps, job, now, { kind: "meeting_slot_failed", apology: "Não consegui reservar esse horário agora.", slots: [], link });
      refused = true;
    }
  }

  let slots: Date[] = [];
  if (email && client.freeSlots) {
    const to = new Date(now.getTime() + LOOKAHEAD_DAYS * 86_400_000);
    slots = await client
      .freeSlots(calendar.event_type_ref, now, to, MEETING_TIME_ZONE)
      .then((all) => all.filter((d) => d.getTime() > now.getTime() && (!job.start || d.getTime() !== new Date(job.start).getTime())).slice(0, OFFERED_SLOTS))
      .catch(() => []);
  }
  return post(deps, job, now, refused ? { kind: "meeting_slot_taken", apology: "Esse horário acabou de ser reservado por outra pessoa.", slots, link } : { kind: "meeting_slots", apology: null, slots, link });
}

async function post(deps: AppDeps, job: MeetingOfferJob, now: Date, m: { kind: ConversationEventKind; apology: string | null; slots: Date[]; link: string }): Promise<"offered" | "link"> {
  const after = afterCommit();
  await withTenant(deps.db, job.tenantId, async (tx) => {
    const insert = async (text: string, payload: Record<string, unknown>) => {
      const row = await tx
        .insertInto("messages")
        .values({ tenant_id: job.tenantId, conversation_id: job.conversationId, sender: "bot", content_type: "text", text, payload: JSON.stringify(payload), delivery_status: "pending", created_at: now })
        .returning("id")
        .executeTakeFirstOrThrow();
      after.outbound.push(row.id);
    };
    if (m.slots.length) {
      const ask = m.apology ? `${m.apology} Estes são os próximos horários livres (horário de Brasília):` : "Escolha um horário para a sua conversa com nosso time (horário de Brasília):";
      await insert(ask, { slotOffer: true, options: m.slots.map(slotOption) });
      await insert(`Prefere outro horário? Veja a agenda completa: ${m.link}`, { schedulingUrl: m.link, booking: { url: m.link, provider: "calcom", label: OTHER_TIME_LABEL } });
    } else {
      await insert(`${m.apology ? `${m.apology} ` : ""}Agende sua conversa com nosso time: ${m.link}`, { schedulingUrl: m.link, booking: { url: m.link, provider: "calcom" } });
    }
    await tx.updateTable("conversations").set({ last_message_at: now }).where("id", "=", job.conversationId).execute();
    await recordEvent(tx, job.tenantId, { conversationId: job.conversationId, kind: m.kind, data: { slots: m.slots.map((d) => d.toISOString()) }, at: now });
  });
  await runAfterCommit(deps, job.tenantId, after);
  return m.slots.length ? "offered" : "link";
}
