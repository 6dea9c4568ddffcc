import { sql } from "kysely";
import type { TenantTx } from "@vendaflow/db/with-tenant";
import type { MeetingListInput, MeetingOutcome } from "@vendaflow/validators/scheduling";
import type { AfterCommit } from "../after-commit";
import { recordAudit, type AuditMeta } from "../audit/record";
import { fireAutomations } from "../automations/fire";
import { logActivity } from "../crm/activities";
import { scheduleActivityReminder } from "../crm/activity-reminder";
import { recomputeForActivity } from "../crm/lead-score/recompute";
import { DomainError } from "../errors";
import { decodeCursor, keysetPage } from "../keyset";
import { notify } from "../notifications/notifications";
import type { BookingEvent } from "./booking-events";
import { awaitingNewTime } from "./awaiting-new-time";
import { matchLead } from "./lead-match";
import { canceledText, postToConversation, whenBrasilia, whenText } from "./conversation-notice";
import { scheduleReminders } from "./reminders";

// Meetings as the providers' webhooks describe them: booked, rescheduled (a booking that replaces
// another), canceled, no-show. Each change is applied in the webhook's receipt transaction.

type Booked = Extract<BookingEvent, { kind: "booked" }>;

const byExternal = (tx: TenantTx, provider: string, externalId: string) =>
  tx.selectFrom("meetings").selectAll().where("provider", "=", provider).where("external_id", "=", externalId).forUpdate().executeTakeFirst();

/** The lead's conversation a confirmation goes to: the latest one. */
const latestConversation = async (tx: TenantTx, leadId: string) =>
  (await tx.selectFrom("conversations").select("id").where("lead_id", "=", leadId).orderBy("last_message_at", "desc").orderBy("created_at", "desc").executeTakeFirst())?.id ?? null;

/** The lead's open deal, if it was converted: the meeting is about it. */
const openDeal = async (tx: TenantTx, leadId: string) =>
  (await tx.selectFrom("deals").select("id").where("lead_id", "=", leadId).where("status", "=", "open").where("deleted_at", "is", null).orderBy("created_at", "desc").executeTakeFirst())?.id ?? null;

export interface ApplyContext {
  tenantId: string;
  connectionId: string;
  now: Date;
  after: AfterCommit;
}

/** One provider event's effects; a second delivery of the same booking changes nothing. */
export async function applyBookingEvent(tx: TenantTx, c: ApplyContext, ev: BookingEvent) {
  if (ev.kind === "booked") return booked(tx, c, ev);
  const m = await byExternal(tx, ev.provider, ev.externalId);
  if (!m) return;
  if (ev.kind === "no_show") return setNoShow(tx, c.tenantId, m, true, c.after);
  if (m.status !== "scheduled") return;
  if (ev.rescheduled) {
    // Calendly's half of a reschedule: the new invitee.created links the replacement.
    await tx.updateTable("meetings").set({ status: "rescheduled", updated_at: c.now }).where("id", "=", m.id).execute();
    return;
  }
  await tx.updateTable("meetings").set({ status: "canceled", cancel_reason: ev.reason, updated_at: c.now }).where("id", "=", m.id).execute();
  if (m.activity_id) await tx.updateTable("activities").set({ completed_at: c.now, outcome: "Cancelada", updated_at: c.now }).where("id", "=", m.activity_id).execute();
  await logActivity(tx, c.tenantId, { type: "meeting", systemEvent: "meeting_canceled", subject: `Reunião cancelada: ${m.title}`, leadId: m.lead_id, dealId: m.deal_id, createdBy: null, data: { meetingId: m.id, reason: ev.reason }, at: c.now });
  await fireAutomations(tx, c.tenantId, { trigger: "meeting_canceled", entityId: m.lead_id, data: { meeting_id: m.id, reason: ev.reason } }, c.after);
  if (m.conversation_id) await postToConversation(tx, c, m.conversation_id, "meeting_canceled", canceledText(m.starts_at), { meetingId: m.id });
}

async function booked(tx: TenantTx, c: ApplyContext, ev: Booked) {
  // A booking made from the chat (scheduling/slots.ts) and its BOOKING_CREATED webhook may arrive
  // together: one waits for the other and then finds the meeting made.
  await sql`select pg_advisory_xact_lock(hashtextextended(${`meeting:${ev.provider}:${ev.externalId}`}, 0))`.execute(tx);
  if (await byExternal(tx, ev.provider, ev.externalId)) return;
  const replaced = ev.replaces ? await byExternal(tx, ev.provider, ev.replaces) : undefined;
  const match = replaced ? { id: replaced.lead_id, created: false } : await matchLead(tx, c.tenantId, { ref: ev.leadRef, email: ev.inviteeEmail, name: ev.inviteeName });
  const leadId = match.id;
  if (match.created) await fireAutomations(tx, c.tenantId, { trigger: "lead_created", entityId: leadId, data: { source: "calendar" } }, c.after);
  const dealId = replaced?.deal_id ?? (await openDeal(tx, leadId));
  const conversationId = replaced?.conversation_id ?? (await latestConversation(tx, leadId));
  const meeting = await tx
    .insertInto("meetings")
    .values({
      tenant_id: c.tenantId,
      connection_id: c.connectionId,
      provider: ev.provider,
      external_id: ev.externalId,
      lead_id: leadId,
      deal_id: dealId,
      conversation_id: conversationId,
      title: ev.title,
      starts_at: ev.startsAt,
      ends_at: ev.endsAt,
      invitee_name: ev.inviteeName,
      invitee_email: ev.inviteeEmail,
      join_url: ev.joinUrl,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const when = whenText(ev.startsAt);
  const people = await meetingPeople(tx, dealId, conversationId);
  let activityId: string;
  if (replaced) {
    // The same meeting at a new time: its activity moves with it (and to whom it is for now), open
    // again if someone closed it while the new time was missing (awaitingNewTime); the old row points at the new one.
    await tx.updateTable("meetings").set({ status: "rescheduled", rescheduled_to: meeting.id, updated_at: c.now }).where("id", "=", replaced.id).execute();
    activityId = replaced.activity_id ?? (await meetingActivity(tx, c.tenantId, { leadId, dealId, title: ev.title, startsAt: ev.startsAt, meetingId: meeting.id, assignedTo: people.assignee }));
    await tx
      .updateTable("activities")
      .set({ due_at: ev.startsAt, subject: ev.title, assigned_to: people.assignee, data: JSON.stringify({ meetingId: meeting.id, joinUrl: ev.joinUrl }), completed_at: null, outcome: null, updated_at: c.now })
      .where("id", "=", activityId)
      .execute();
    await logActivity(tx, c.tenantId, { type: "meeting", systemEvent: "meeting_rescheduled", subject: `Reunião reagendada para ${when}`, leadId, dealId, createdBy: null, data: { meetingId: meeting.id, from: replaced.starts_at }, at: c.now });
  } else {
    activityId = await meetingActivity(tx, c.tenantId, { leadId, dealId, title: ev.title, startsAt: ev.startsAt, meetingId: meeting.id, joinUrl: ev.joinUrl, assignedTo: people.assignee });
    await recomputeForActivity(tx, { lead_id: leadId, contact_id: null }, c.after);
  }
  await tx.updateTable("meetings").set({ activity_id: activityId }).where("id", "=", meeting.id).execute();
  // The assignee's bell 15 minutes before, as for any activity (a new time gets its own job; the old one finds the time changed).
  scheduleActivityReminder(c, { id: activityId, type: "meeting", dueAt: ev.startsAt });
  await notifyMeeting(tx, c, people, { kind: replaced ? "meeting_rescheduled" : "meeting_booked", leadId, meetingId: meeting.id, title: ev.title, startsAt: ev.startsAt });
  await fireAutomations(tx, c.tenantId, { trigger: "meeting_scheduled", entityId: leadId, data: { meeting_id: meeting.id, subject: ev.title, due_at: ev.startsAt.toISOString(), rescheduled: Boolean(replaced) } }, c.after);
  if (conversationId) {
    const text = replaced ? `Reunião reagendada para ${whenBrasilia(ev.startsAt)}. Até lá!` : `Reunião confirmada para ${whenBrasilia(ev.startsAt)}. Até lá!`;
    await postToConversation(tx, c, conversationId, replaced ? "meeting_rescheduled" : "meeting_scheduled", ev.joinUrl ? `${text}\nLink: ${ev.joinUrl}` : text, { meetingId: meeting.id, startsAt: ev.startsAt.toISOString() });
  }
  scheduleReminders(c, { id: meeting.id, startsAt: ev.startsAt });
}

type MeetingPeople = { owner: string | null; agent: string | null; assignee: string | null };

/**
 * Whom a booked meeting is for: the owner of its deal and the agent holding the lead's conversation
 * (a lead has no owner of its own). Both hear of it; its activity (the agenda's line, the reminder)
 * is the deal owner's, else the agent's, else no one's.
 */
async function meetingPeople(tx: TenantTx, dealId: string | null, conversationId: string | null): Promise<MeetingPeople> {
  const owner = (dealId ? (await tx.selectFrom("deals").select("owner_id").where("id", "=", dealId).executeTakeFirst())?.owner_id : null) ?? null;
  const agent = (conversationId ? (await tx.selectFrom("conversations").select("assigned_to").where("id", "=", conversationId).executeTakeFirst())?.assigned_to : null) ?? null;
  return { owner, agent, assignee: owner ?? agent };
}

/** The people the meeting is for hear of it: the deal's owner and the agent holding the lead's conversation. */
async function notifyMeeting(
  tx: TenantTx,
  c: ApplyContext,
  people: MeetingPeople,
  m: { kind: "meeting_booked" | "meeting_rescheduled"; leadId: string; meetingId: string; title: string; startsAt: Date },
) {
  const data = { leadId: m.leadId, meetingId: m.meetingId, title: m.title, startsAt: m.startsAt.toISOString() };
  for (const userId of new Set([people.owner, people.agent].filter((u): u is string => Boolean(u)))) await notify(tx, c.tenantId, userId, m.kind, data, c.now);
}

async function meetingActivity(tx: TenantTx, tenantId: string, m: { leadId: string; dealId: string | null; title: string; startsAt: Date; meetingId: string; joinUrl?: string | null; assignedTo: string | null }) {
  const row = await tx
    .insertInto("activities")
    .values({ tenant_id: tenantId, type: "meeting", system_event: "meeting_scheduled", subject: m.title, lead_id: m.leadId, deal_id: m.dealId, assigned_to: m.assignedTo, due_at: m.startsAt, data: JSON.stringify({ meetingId: m.meetingId, joinUrl: m.joinUrl ?? null }) })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

type MeetingRow = { id: string; lead_id: string; deal_id: string | null; activity_id: string | null; status: string; title: string; rescheduled_to: string | null };

async function setNoShow(tx: TenantTx, tenantId: string, m: MeetingRow, noShow: boolean, after: AfterCommit) {
  if ((m.status === "no_show") === noShow) return;
  if (noShow && m.status !== "scheduled" && m.status !== "completed" && !awaitingNewTime(m)) throw new DomainError("CONFLICT", "Só uma reunião marcada pode ser marcada como não comparecimento.");
  await tx.updateTable("meetings").set({ status: noShow ? "no_show" : "completed", updated_at: sql<Date>`now()` }).where("id", "=", m.id).execute();
  if (m.activity_id) await tx.updateTable("activities").set({ completed_at: sql<Date>`now()`, outcome: noShow ? "Não compareceu" : "Realizada", updated_at: sql<Date>`now()` }).where("id", "=", m.activity_id).execute();
  if (noShow) await fireAutomations(tx, tenantId, { trigger: "meeting_no_show", entityId: m.lead_id, data: { meeting_id: m.id } }, after);
}

async function lockMeeting(tx: TenantTx, id: string) {
  const m = await tx.selectFrom("meetings").selectAll().where("id", "=", id).forUpdate().executeTakeFirst();
  if (!m) throw new DomainError("NOT_FOUND", "Reunião não encontrada.");
  return m;
}

/** An agent marks (or unmarks) that the lead did not show up. */
export async function markNoShow(tx: TenantTx, tenantId: string, input: { meetingId: string; noShow: boolean }, meta: AuditMeta, after: AfterCommit) {
  const m = await lockMeeting(tx, input.meetingId);
  await setNoShow(tx, tenantId, m, input.noShow, after);
  await recordAudit(tx, tenantId, meta, { action: "meeting.no_show", entityType: "meeting", entityId: m.id, before: { status: m.status }, after: { noShow: input.noShow } });
}

/** What came of a meeting that took place: recorded once per change, fires `meeting_outcome`. */
export async function setMeetingOutcome(tx: TenantTx, tenantId: string, input: { meetingId: string; outcome: MeetingOutcome }, meta: AuditMeta, after: AfterCommit) {
  const m = await lockMeeting(tx, input.meetingId);
  // A reschedule that moved (rescheduled_to) is recorded on its new meeting; one awaiting its new time takes it here.
  if (m.status === "canceled" || m.status === "no_show" || m.rescheduled_to !== null) throw new DomainError("CONFLICT", "Esta reunião não aconteceu: não tem resultado.");
  if (m.outcome === input.outcome) return;
  await tx.updateTable("meetings").set({ status: "completed", outcome: input.outcome, updated_at: sql<Date>`now()` }).where("id", "=", m.id).execute();
  if (m.activity_id) await tx.updateTable("activities").set({ completed_at: sql<Date>`now()`, outcome: OUTCOME_LABEL[input.outcome], updated_at: sql<Date>`now()` }).where("id", "=", m.activity_id).execute();
  await fireAutomations(tx, tenantId, { trigger: "meeting_outcome", entityId: m.lead_id, data: { meeting_id: m.id, outcome: input.outcome } }, after);
  await recordAudit(tx, tenantId, meta, { action: "meeting.outcome", entityType: "meeting", entityId: m.id, before: { outcome: m.outcome }, after: { outcome: input.outcome } });
}

/** The activity's outcome text (the CRM timeline shows it); the UI has its own catalog. */
const OUTCOME_LABEL: Record<MeetingOutcome, string> = { advanced: "Avançou", proposal: "Proposta enviada", follow_up: "Novo contato", not_interested: "Sem interesse" };

/** Meetings starting in [from, to), earliest first, with their lead; keyset-paged. */
/**
 * The meetings starting in the range, with who answers for each: the owner of its deal, else the
 * agent of its conversation (what a manager asks of the week's meetings: whose is this one).
 */
export async function listMeetings(tx: TenantTx, input: MeetingListInput) {
  let q = tx
    .selectFrom("meetings as m")
    .innerJoin("leads as l", "l.id", "m.lead_id")
    .leftJoin("deals as d", "d.id", "m.deal_id")
    .leftJoin("conversations as c", "c.id", "m.conversation_id")
    .leftJoin("users as u", (j) => j.on(sql<boolean>`u.id = coalesce(d.owner_id, c.assigned_to)`))
    .select(["m.id", "m.provider", "m.title", "m.starts_at", "m.ends_at", "m.status", "m.outcome", "m.invitee_name", "m.invitee_email", "m.join_url", "m.lead_id", "m.deal_id", "m.conversation_id", "m.cancel_reason", "m.rescheduled_to", "l.name as lead_name", "u.name as owner_name"])
    .where("m.starts_at", ">=", input.from)
    .where("m.starts_at", "<", input.to);
  if (input.status) q = q.where("m.status", "=", input.status);
  if (input.leadId) q = q.where("m.lead_id", "=", input.leadId);
  const cursor = decodeCursor(input.cursor);
  if (cursor) q = q.where((eb) => eb.or([eb("m.starts_at", ">", cursor.at), eb.and([eb("m.starts_at", "=", cursor.at), eb("m.id", ">", cursor.id)])]));
  const rows = await q.orderBy("m.starts_at").orderBy("m.id").limit(input.limit + 1).execute();
  return keysetPage(rows.map((r) => ({ ...r, awaiting_new_time: awaitingNewTime(r) })), input.limit, (r) => r.starts_at);
}
