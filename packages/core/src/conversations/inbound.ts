import { sql } from "kysely";
import type { Json } from "@vendaflow/db/types";
import { withTenant, type TenantTx } from "@vendaflow/db/with-tenant";
import type { BotInput } from "../bot/types";
import { ensureDefaultFlow } from "../flows/store";
import { identifiedLead, identifyLead, type IdentifiedLead, type LeadIdentity } from "../leads/identify";
import { resolveWhatsAppLead, type WhatsAppLead } from "../leads/whatsapp-identity";
import type { DeliveryRecipient } from "./deliver";
import type { AppDeps } from "../deps";
import { recomputeLeadScore, scoreInputsBeforeMessage, withInboundMessage } from "../crm/lead-score/recompute";
import { countLeadMessage } from "../crm/lead-score/engagement";
import { afterCommit, type AfterCommit } from "../after-commit";
import { isTransientDbError } from "@vendaflow/db/errors";
import { precompiled } from "@vendaflow/db/precompiled";
import { lockedColumns, lockedOf, type LockedConversation } from "./lock";
import { senderKeys } from "./sender-locks";
import { processingWork, processLocked, type ProcessingWork } from "./process";
import type { ConversationStatus } from "./status";
import { fireAutomations } from "../automations/fire";
import { eventValues, eventWithWhatsAppSender, insertEvent, insertWhatsAppLeadWithConversation, openConversationOf, type EventRow, type OpenConversation } from "./sender-lookup";

/**
 * The lead's open conversation in this inbox, or a new one on the tenant's default flow. An
 * opted-out lead who writes again reaches people, never the bot. A new one comes back whole
 * (`created`: this transaction holds it, nobody else can see it yet); `at` stamps its first message.
 * A lead this transaction inserted (`lead.created`) has no conversation yet: nothing is looked up;
 * nor when the caller read it already (`known`: the conversation, or null for none open).
 */
export async function openConversation(tx: TenantTx, tenantId: string, inboxId: string, lead: { id: string; optedOut: boolean; created?: boolean }, at?: Date, known?: OpenConversation | null): Promise<{ id: string; status: string; created: LockedConversation | null }> {
  let open: OpenConversation | undefined;
  if (known !== undefined) open = known ?? undefined;
  else if (!lead.created) open = await openConversationOf(tx, inboxId, sql<string>`${lead.id}::uuid`).executeTakeFirst();
  if (open) return { ...open, created: null };
  const flow = await ensureDefaultFlow(tx, tenantId);
  const row = await tx
    .insertInto("conversations")
    .values({ tenant_id: tenantId, inbox_id: inboxId, lead_id: lead.id, flow_id: flow.id, status: lead.optedOut ? "pending" : "bot", ...(at ? { last_inbound_at: at, last_message_at: at, updated_at: at } : {}) })
    .returning(lockedColumns)
    .executeTakeFirstOrThrow();
  return { id: row.id, status: row.status, created: { ...row, status: row.status as ConversationStatus } };
}

export interface InboundMessage {
  tenantId: string;
  inboxId: string;
  who: LeadIdentity;
  provider: "whatsapp" | "widget" | "api";
  /** Unique per provider within the tenant: a repeated delivery changes nothing. */
  providerEventId: string;
  contentType: string;
  text: string | null;
  payload: Record<string, unknown>;
  providerMessageId?: string;
  input: BotInput;
  at: Date;
  /** A click-to-WhatsApp ad the message came from: the lead's first such ad becomes its campaign. */
  campaign?: Record<string, string>;
  /** The bot answers later, not this message (a voice note it waits to read: media/voice-note.ts). */
  deferred?: "transcription";
}

export interface Recorded {
  duplicate: boolean;
  conversationId: string;
  /** The conversation's status when the message arrived ("bot": the bot will answer it). */
  status?: string;
  messageId: string;
  seq: number;
}

/** What recordInTx stored, with what processing in the same transaction needs. */
interface RecordedInTx extends Recorded {
  eventId: string | null;
  lead: { name: string | null; email: string | null; phone: string | null } | null;
  /** Whom the bot's replies go to (WhatsApp: built, not read back; deliver.ts). */
  recipient?: DeliveryRecipient;
  /** The conversation when this transaction created it (so it holds it already). */
  created: LockedConversation | null;
  /** The conversation as this transaction holds it locked: created, or updated with the message (null for a duplicate). */
  locked: LockedConversation | null;
  /** The stored message (null for a duplicate). */
  message: StoredMessage | null;
}

export interface StoredMessage {
  id: string;
  seq: number;
  sender: string;
  content_type: string;
  text: string | null;
  payload: unknown;
  created_at: Date;
}

/**
 * The transaction step one runs in: bound to the tenant and holding the sender's advisory locks
 * until the commit (sent with BEGIN and the binding, one round trip: withTenant's advisoryLocks).
 * One sender's messages get their event seq in the order their transactions run, and one of them
 * is processed only after the earlier one committed. Without the locks, two concurrent messages
 * could take seqs 2 and 3 while the transaction holding 3 locked the conversation first and
 * answered it before 2 was visible (the bot read the lead's messages out of order). A later message
 * of the same sender waits for the earlier one's transaction, bot step included; other senders
 * never wait. A team message into the sender's conversation takes the same locks
 * (lockConversationSenders, sender-locks.ts), so a message of the lead racing it is stored after
 * its commit and sees it (a reply, for the lead's engagement count).
 */
// Its callers' first act is a statement (the event's INSERT, or the widget's consent read carrying
// it), so BEGIN and the locks go with it (lockedFromFirstStatement).
const senderTransaction = <T>(deps: Pick<AppDeps, "db">, m: InboundMessage, fn: (tx: TenantTx) => Promise<T>) =>
  withTenant(deps.db, m.tenantId, fn, { advisoryLocks: senderKeys(m.tenantId, m.who), lockedFromFirstStatement: true });

/** The sender's lead and open conversation when a guard read them already (the widget's consent read). */
export interface KnownSender {
  lead: IdentifiedLead;
  open: OpenConversation | null;
  /** The event's id when the guard's read inserted it too (its `event` CTE); null: a duplicate. */
  eventId?: string | null;
}


/** The event, the sender's lead and its conversation; null when the event is a duplicate. */
interface Sender {
  eventId: string;
  lead: IdentifiedLead;
  conv: { id: string; status: string; created: LockedConversation | null };
  recipient?: DeliveryRecipient;
}

/** A guard read the lead and its open conversation (the widget's consent read), and maybe the event. */
async function withKnownSender(tx: TenantTx, m: InboundMessage, known: KnownSender): Promise<Sender | null> {
  const eventId = known.eventId !== undefined ? known.eventId : ((await insertEvent(tx, m).executeTakeFirst())?.id ?? null);
  if (!eventId) return null;
  return { eventId, lead: known.lead, conv: await openConversation(tx, m.tenantId, m.inboxId, known.lead, m.at, known.open) };
}

/** The API's sender (by its external id): the event, then the lead and its open conversation. */
async function otherSender(tx: TenantTx, m: InboundMessage): Promise<Sender | null> {
  const event = await insertEvent(tx, m).executeTakeFirst();
  if (!event) return null;
  const lead = await identifyLead(tx, m.tenantId, m.who, m.at);
  return { eventId: event.id, lead, conv: await openConversation(tx, m.tenantId, m.inboxId, lead, m.at) };
}

/**
 * A WhatsApp sender: the event rides the read of the sender's leads and their open conversations
 * (one statement); a sender nobody knows gets its lead and conversation in one more. Merges, number
 * changes and a concurrent first message take resolveWhatsAppLead's usual way.
 */
async function whatsAppSender(tx: TenantTx, m: InboundMessage, who: Extract<LeadIdentity, { kind: "whatsapp" }>): Promise<Sender | null> {
  const { kind: _kind, ...user } = who;
  const { eventId, rows } = await eventWithWhatsAppSender(tx, m, user);
  if (!eventId) return null;
  if (!rows.length) {
    const created = await insertWhatsAppLeadWithConversation(tx, m, user, (await ensureDefaultFlow(tx, m.tenantId)).id);
    if (created) return { eventId, lead: identifiedLead(created.lead, true), conv: { id: created.conversation.id, status: created.conversation.status, created: created.conversation }, recipient: recipientOf(created.lead, m.at) };
  }
  const found = await resolveWhatsAppLead(tx, m.tenantId, user, m.at, rows.length ? rows : undefined);
  const lead = identifiedLead(found, found.inserted === true);
  // The read's open conversation stands when the read found this one lead and nothing merged into it.
  const read = rows.length === 1 && rows[0]!.id === found.id ? rows[0]!.open : undefined;
  return { eventId, lead, conv: await openConversation(tx, m.tenantId, m.inboxId, lead, m.at, read), recipient: recipientOf(found, m.at) };
}

/** The sender as the bot's replies address it: its keys after this message, which opened the window. */
const recipientOf = (lead: WhatsAppLead, at: Date): DeliveryRecipient => ({ lead_id: lead.id, lead_name: lead.name, wa_id: lead.wa_id, wa_user_id: lead.wa_user_id, last_inbound_at: at });

/** What storeMessage writes: the message and the times it moves (recordInTx). */
export interface StoredMessageValues extends Record<string, unknown> {
  conversationId: string;
  eventId: string;
  leadId: string;
  tenantId: string;
  at: Date;
  /** The ad's referral as JSON, for a message with one. */
  campaign: string | undefined;
  /** The ad opened the lead's first conversation: its source becomes the ad. */
  adSource: boolean;
  contentType: string;
  text: string | null;
  payload: string;
  providerMessageId: string | null;
  /** The conversation when it existed before this message (its times are updated here; whether the message answers an agent is read from it); null for one created just now. */
  existingConversationId: string | null;
}

// Every inbound message sends it: compiled once per shape (precompiled.ts).
export const storeMessage = precompiled("storeMessage", (db, v: StoredMessageValues) =>
  db
    .with("ev", (qc) => qc.updateTable("inbound_events").set({ conversation_id: v.conversationId }).where("id", "=", v.eventId).returning("id"))
    .with("ld", (qc) =>
      qc
        .updateTable("leads")
        .set({
          last_inbound_at: v.at,
          updated_at: v.at,
          // First touch wins: a later ad click does not rewrite where the lead came from.
          ...(v.campaign ? { source_details: sql<Json>`jsonb_build_object('campaign', ${v.campaign}::jsonb) || source_details` } : {}),
          // A WhatsApp lead whose first conversation this message opens came from the ad: the ad
          // is its source (analytics count it per ad). Read only for a message with an ad.
          ...(v.adSource
            ? {
                source: sql<string>`case when source = 'whatsapp' and not (source_details ? 'campaign')
                  and not exists (select 1 from conversations c where c.tenant_id = ${v.tenantId}::uuid and c.lead_id = ${v.leadId}::uuid and c.id <> ${v.conversationId}::uuid)
                  then 'whatsapp_ad' else source end`,
              }
            : {}),
          // The lead score's engagement counts this message here (engagement.ts): no statement of its own.
          ...countLeadMessage(v.existingConversationId, v.contentType),
        })
        .where("id", "=", v.leadId)
        .returning(["engaged_messages", "engaged_replies"]),
    )
    // An existing conversation's times. Its UPDATE takes the row lock lockConversation takes (FOR NO
    // KEY UPDATE, waiting for a holder's commit like any writer), so the row it returns, as of that
    // commit, is the locked conversation processing needs: no second statement to lock it. A
    // conversation created just now already carries these times (a constant false: nothing scanned).
    .with("cv", (qc) =>
      qc
        .updateTable("conversations")
        .set({ last_inbound_at: v.at, last_message_at: v.at, updated_at: v.at })
        .where("id", "=", v.conversationId)
        .where(sql<boolean>`${v.existingConversationId !== null}`)
        .returning(lockedColumns.map((c) => `${c} as cv_${c}` as const)),
    )
    .with("msg", (qc) =>
      qc
        .insertInto("messages")
        .values({
          tenant_id: v.tenantId,
          conversation_id: v.conversationId,
          sender: "lead",
          content_type: v.contentType,
          text: v.text,
          payload: v.payload,
          provider_message_id: v.providerMessageId,
          created_at: v.at,
        })
        .returning(["id", "seq", "sender", "content_type", "text", "payload", "created_at"]),
    )
    // What the lead's score is computed from, as of before this message (its counts come from `ld`).
    .with("sc", () => scoreInputsBeforeMessage(db, v.leadId))
    .selectFrom("msg")
    .leftJoin("cv", (j) => j.onTrue())
    .leftJoin("sc", (j) => j.onTrue())
    .leftJoin("ld", (j) => j.onTrue())
    .selectAll(),
);

/** Step one inside a senderTransaction (see recordInbound). */
async function recordInTx(tx: TenantTx, m: InboundMessage, after: AfterCommit, known?: KnownSender): Promise<RecordedInTx> {
  const found = known ? await withKnownSender(tx, m, known) : m.who.kind === "whatsapp" ? await whatsAppSender(tx, m, m.who) : await otherSender(tx, m);
  if (!found) {
    const prior = await tx
      .selectFrom("inbound_events as e")
      .innerJoin("messages as msg", (j) => j.onRef("msg.conversation_id", "=", "e.conversation_id"))
      .select(["e.conversation_id", "msg.id", "msg.seq"])
      .where("e.provider", "=", m.provider)
      .where("e.provider_event_id", "=", m.providerEventId)
      .where("msg.payload", "@>", JSON.stringify({ eventId: m.providerEventId }) as unknown as Json)
      .executeTakeFirst();
    return { duplicate: true, conversationId: prior?.conversation_id ?? "", messageId: prior?.id ?? "", seq: prior?.seq ?? 0, eventId: null, lead: null, created: null, locked: null, message: null };
  }
  const { eventId, lead, conv, recipient } = found;
  // The message, with the event's conversation and the lead's (and an existing conversation's)
  // last inbound time in the same statement (storeMessage).
  const msg = (await storeMessage(tx, {
    conversationId: conv.id,
    eventId,
    leadId: lead.id,
    tenantId: m.tenantId,
    at: m.at,
    campaign: m.campaign ? JSON.stringify(m.campaign) : undefined,
    adSource: Boolean(m.campaign && conv.created),
    contentType: m.contentType,
    text: m.text,
    payload: JSON.stringify({ ...m.payload, eventId: m.providerEventId }),
    providerMessageId: m.providerMessageId ?? null,
    existingConversationId: conv.created ? null : conv.id,
  }).executeTakeFirstOrThrow());
  const { score_inputs: read, engaged_messages: messages, engaged_replies: replies } = msg;
  await recomputeLeadScore(tx, lead.id, { after, ...(read && messages !== null && replies !== null ? { read: withInboundMessage(read, { messages, replies }) } : {}) });
  if (lead.created) await fireAutomations(tx, m.tenantId, { trigger: "lead_created", entityId: lead.id, data: { source: m.provider } }, after);
  const { id, seq, sender, content_type, text, payload, created_at } = msg;
  return { duplicate: false, conversationId: conv.id, status: conv.status, messageId: id, seq, eventId, lead, ...(recipient ? { recipient } : {}), created: conv.created, locked: conv.created ?? lockedOf(msg), message: { id, seq, sender, content_type, text, payload, created_at } };
}

/**
 * Step one of every inbound message, before anything else happens: persist it (lead, conversation,
 * message and a pending inbound event) in one transaction. Processing comes after, under a lock,
 * and a crash in between leaves a pending event for the recovery sweep.
 */
export async function recordInbound(deps: Pick<AppDeps, "db"> & Partial<Pick<AppDeps, "scheduler">>, m: InboundMessage): Promise<Recorded> {
  // Automations fired here (lead created, score changed) queue their jobs after the commit.
  const after = afterCommit();
  const { eventId: _e, lead: _l, recipient: _rc, created: _c, locked: _k, message: _m, ...recorded } = await senderTransaction(deps, m, (tx) => recordInTx(tx, m, after));
  if (deps.scheduler) for (const job of after.jobs) await deps.scheduler.schedule(job);
  return recorded;
}

export interface Received extends Recorded {
  /** Processed in the recording transaction: finishProcessing(deps, tenantId, processed) delivers the replies. */
  processed: ProcessingWork | null;
  /** The stored message as inserted (null for a duplicate, or after the two-step fallback). */
  message: StoredMessage | null;
}

/**
 * Both steps in one transaction: the message is recorded, and the transaction then holds the
 * conversation (a new one it created; an existing one locked by the statement that stored the
 * message, which waits for another holder's commit like any writer: the bot answering the lead's
 * previous message, an agent's action), so it is processed right there — one commit instead of two,
 * and the pending event read (new conversations), the lock and the lead read the second step would
 * make are not needed. Should the conversation be gone, only the record commits and the caller runs
 * processConversation. A processing failure that is not a transient database error falls back to the two steps (the
 * record commits alone and processConversation or the recovery sweep retries), so a message is
 * never refused because the bot failed on it. The caller runs `finishProcessing(deps, tenantId,
 * processed)` once it answered its client. `guard` runs first in the transaction and may refuse
 * the message by throwing (the widget's consent check); what it throws reaches the caller. What
 * it returns of the sender (its lead and open conversation) is not read again, nor is the event
 * inserted again when its read carried `event` (one round trip fewer).
 */
export async function receiveInbound(deps: AppDeps, m: InboundMessage, guard?: (tx: TenantTx, event: EventRow) => Promise<KnownSender | void>): Promise<Received> {
  const work = processingWork();
  let recorded = false;
  try {
    const rec = await senderTransaction(deps, m, async (tx) => {
      const known = guard ? await guard(tx, eventValues(m)) : undefined;
      const r = await recordInTx(tx, m, work.after, known ?? undefined);
      recorded = true;
      if (r.duplicate) return { r, processed: false };
      const conv = r.locked;
      if (!conv) return { r, processed: false };
      await processLocked(deps, tx, m.tenantId, conv, work, { ...(r.created && r.eventId ? { events: [{ id: r.eventId, payload: { input: m.input } }] } : {}), ...(r.lead ? { lead: r.lead } : {}), ...(r.recipient ? { recipient: r.recipient } : {}) });
      return { r, processed: true };
    });
    const { eventId: _e, lead: _l, recipient: _rc, created: _c, locked: _k, ...r } = rec.r;
    if (rec.processed) return { ...r, processed: work };
    for (const job of work.after.jobs) await deps.scheduler.schedule(job);
    return { ...r, processed: null };
  } catch (err) {
    // Refused by the guard or before anything was stored, or the database is away: the caller's answer.
    if (!recorded || isTransientDbError(err)) throw err;
    return { ...(await recordInbound(deps, m)), processed: null, message: null };
  }
}
