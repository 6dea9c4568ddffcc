import { deferWrite, readCarryingHeld } from "@vendaflow/db/deferred-writes";
import { precompiled } from "@vendaflow/db/precompiled";
import { withTenant, type TenantTx } from "@vendaflow/db/with-tenant";
import type { InboxSettings } from "@vendaflow/validators/inbox";
import { cachedInbox, findInbox, type Inbox } from "../inboxes/inboxes";
import { botStateSchema, type BotState, type BotTimeoutJob, type Flow } from "@vendaflow/validators/flow";
import { aiHandoffSummary } from "../assist/summarize";
import { readWithAi } from "../assist/read-with-ai";
import { botQuotaGate, recordServedBotMessage, warnOnBotMessages } from "../billing/meter-bot-message";
import { reseedBotMessages } from "../billing/quota-gate";
import { countUsage } from "../billing/usage";
import { BOT_DEFAULTS, runBot, startBot } from "../bot/engine";
import { messages } from "../bot/messages";
import type { BotInput, BotReply, BotResult } from "../bot/types";
import { FLOW_FORM_CTA, FLOW_FORM_SCREEN, flowFormData, flowFormToken, verifyFlowFormToken } from "../whatsapp/flow-form";
import { loadFlow } from "../flows/store";
import { routeHandoff, type HandoffOutcome } from "../routing/handoff";
import { afterCommit, preloadDeliveries, runAfterCommit, scheduleJobsWithin, type AfterCommit } from "../after-commit";
import { applyEffects, storeReplies, type BotStepContext, type StoredReply } from "./apply-bot";
import type { DeliveryRecipient } from "./deliver";
import { recordEvent } from "./events";
import type { AppDeps } from "../deps";
import { lockConversation, type LockedConversation as Locked } from "./lock";
import { markEventProcessed } from "./processed-mark";
import { fireAutomations } from "../automations/fire";
import { privacyIntentOf } from "../privacy/message-intent";
import { startRequestFromConversation } from "../privacy/requests";
import { chooseSlot, slotOfOption } from "../scheduling/slots";
import { queueChatwootMirror } from "../chatwoot/mirror";

/** The conversation after a bot step (processLocked), held for the transaction's next statement. */
export interface BotStepValues extends Record<string, unknown> {
  botState: string;
  botRevision: number;
  currentStep: string | null;
  status: string;
  handoffReason: string | undefined;
  /** Set when the step stored replies. */
  lastMessageAt: Date | undefined;
  now: Date;
  conversationId: string;
}

// Every bot step sends it: compiled once per shape (precompiled.ts).
export const botStep = precompiled("botStep", (db, v: BotStepValues) =>
  db
    .updateTable("conversations")
    .set({
      bot_state: v.botState,
      bot_revision: v.botRevision,
      current_step: v.currentStep,
      status: v.status,
      ...(v.handoffReason ? { handoff_reason: v.handoffReason } : {}),
      last_message_at: v.lastMessageAt,
      updated_at: v.now,
    })
    .where("id", "=", v.conversationId),
);

/**
 * The conversation's flow version, with the inbox's scheduling link (Calendly, Cal.com…) winning
 * over the flow's. Both come from the process caches when warm (cache/hot-reads.ts).
 */
async function flowFor(tx: TenantTx, tenantId: string, conv: Locked): Promise<Flow> {
  const stored = await loadFlow(tx, conv.flow_id!, tenantId);
  const settings = await settingsOf(tx, tenantId, conv);
  const schedulingUrl = settings?.schedulingUrl;
  return schedulingUrl ? { ...stored, schedulingUrl } : stored;
}

/** The conversation's inbox (settings, channel, what sending needs), from the process cache when warm (cache/hot-reads.ts). */
const inboxOf = (tx: TenantTx, tenantId: string, conv: Locked): Promise<Inbox | null> => cachedInbox(tenantId, conv.inbox_id, () => findInbox(tx, conv.inbox_id));

const settingsOf = async (tx: TenantTx, tenantId: string, conv: Locked): Promise<InboxSettings | null> => (await inboxOf(tx, tenantId, conv))?.settings ?? null;
const channelOf = async (tx: TenantTx, tenantId: string, conv: Locked): Promise<string | null> => (await inboxOf(tx, tenantId, conv))?.channel ?? null;

/**
 * An inbox that offers the qualification as a WhatsApp Flow form (settings.flowForm) sends the
 * first question as the form: one interactive `flow` message whose body is that question (a lead
 * who answers in the chat instead goes on as before) and whose flow_token names this conversation.
 */
async function asFlowForm(deps: AppDeps, tx: TenantTx, tenantId: string, conv: Locked, flow: Flow, res: BotResult): Promise<StoredReply[]> {
  const form = (await settingsOf(tx, tenantId, conv))?.flowForm;
  if (!form?.enabled || !form.flowId || res.state.status !== "active") return res.replies;
  const first = res.replies.findIndex((r) => r.kind === "question" && r.stepId === res.state.stepId);
  if (first < 0) return res.replies;
  const q = res.replies[first] as Extract<BotReply, { kind: "question" }>;
  const flowForm = { flowId: form.flowId, cta: form.cta || FLOW_FORM_CTA, token: flowFormToken(deps.tokenSecret, tenantId, conv.id), screen: FLOW_FORM_SCREEN, data: flowFormData(flow) };
  return res.replies.map((r, i) => (i === first ? { ...q, text: `${q.text}\n\n${messages.flowFormHint(flowForm.cta)}`, flowForm } : r));
}

/** Runs one engine step and records its outcome; returns the conversation's new state. */
async function step(deps: AppDeps, tx: TenantTx, tenantId: string, conv: Locked, flow: Flow, state: BotState | null, input: BotInput, after: AfterCommit, now: Date, known?: KnownToStep) {
  const opts = { maxReminders: deps.bot.maxReminders, defaultTimeoutSeconds: deps.bot.defaultTimeoutSeconds, leadId: conv.lead_id };
  let res: BotResult;
  if (state) {
    // An AI reading only ever comes from here, never from a stored payload.
    let read: BotInput = input.kind === "text" ? { kind: "text", text: input.text } : input;
    const ai = await readWithAi(deps, tx, { tenantId, conversationId: conv.id, utcOffsetMinutes: BOT_DEFAULTS.utcOffsetMinutes }, flow, state, read, now);
    if (ai && read.kind === "text") read = { ...read, ai };
    res = runBot(flow, state, read, now, opts);
  } else {
    // The first message opens the conversation; it is not an answer to a question not yet asked.
    const lead = known?.lead ?? (await tx.selectFrom("leads").select(["name", "email", "phone"]).where("id", "=", conv.lead_id).executeTakeFirstOrThrow());
    res = startBot(flow, now, { ...(lead.name ? { name: lead.name } : {}), ...(lead.email ? { email: lead.email } : {}), ...(lead.phone ? { phone: lead.phone } : {}) }, opts);
  }
  const c = await replyContext(tx, tenantId, conv, now, known?.recipient);
  await storeReplies(c, state ? res.replies : await asFlowForm(deps, tx, tenantId, conv, flow, res), after);
  const applied = await applyEffects(c, res.effects, after, conv.status);
  await deferWrite(
    tx,
    botStep(tx, { botState: JSON.stringify(res.state), botRevision: res.state.revision, currentStep: res.state.stepId, status: applied.status, handoffReason: applied.handoffReason || undefined, lastMessageAt: res.replies.length ? now : undefined, now, conversationId: conv.id }),
  );
  conv.status = applied.status;
  // A handoff is routed in the same transaction: rules, team, SLA due time, BANT note, assignment.
  if (applied.handoffReason) {
    const routed = await routeHandoff(tx, tenantId, conv.id, applied.handoffReason, now, {
      summarize: (explanation, reason) => aiHandoffSummary(deps, tx, tenantId, conv.id, explanation, reason),
    });
    if (routed.kind === "routed") {
      after.jobs.push(...routed.jobs);
      await tellWhenBack(c, routed, after);
    }
    await fireAutomations(tx, tenantId, { trigger: "conversation_handed_off", entityId: conv.lead_id, data: { reason: applied.handoffReason, conversation_id: conv.id } }, after);
    // Teams on Chatwoot see the conversation there too (chatwoot/mirror.ts): one read when not connected.
    await queueChatwootMirror(tx, tenantId, conv.id, "handoff", after);
  }
  return res.state;
}

/** Where the bot's replies in this conversation go: stored, and on WhatsApp sent to the lead's keys of this message. */
async function replyContext(tx: TenantTx, tenantId: string, conv: Locked, now: Date, recipient: DeliveryRecipient | undefined): Promise<BotStepContext> {
  const inbox = await inboxOf(tx, tenantId, conv);
  const channel = inbox?.channel ?? null;
  const sendTo = recipient && inbox && channel === "whatsapp" ? { recipient, inbox } : undefined;
  return { tx, tenantId, conversationId: conv.id, leadId: conv.lead_id, now, channel, ...(sendTo ? { sendTo } : {}) };
}

/** Closed and nobody took it: the lead learns when someone will (an agent on at night answers instead). */
async function tellWhenBack(c: BotStepContext, routed: Extract<HandoffOutcome, { kind: "routed" }>, after: AfterCommit) {
  if (routed.closed && routed.assignment.kind !== "assigned") await storeReplies(c, [{ kind: "text", text: messages.closed(routed.closed.opensAt, c.now, routed.closed.timeZone) }], after);
}

/**
 * Billing said the bot may not take a new conversation (quota past its grace, or the account is
 * read-only): it goes to the humans instead, routed like any handoff — the lead is never dropped,
 * and hears what a handoff says (and when the team is back, if closed). It runs once per
 * conversation: afterwards the conversation is pending and no longer the bot's. Its replies are
 * not a served lead message: nothing is billed for them and the gate is not asked again.
 */
async function handToHumans(tx: TenantTx, tenantId: string, conv: Locked, reason: string, after: AfterCommit, now: Date, recipient?: DeliveryRecipient) {
  const c = await replyContext(tx, tenantId, conv, now, recipient);
  await storeReplies(c, [{ kind: "text", text: messages.billingHandoff }], after);
  await tx.updateTable("conversations").set({ status: "pending", handoff_reason: reason, last_message_at: now, updated_at: now }).where("id", "=", conv.id).execute();
  await recordEvent(tx, tenantId, { conversationId: conv.id, kind: "handoff", data: { reason }, at: now });
  conv.status = "pending";
  const routed = await routeHandoff(tx, tenantId, conv.id, reason, now);
  if (routed.kind === "routed") {
    after.jobs.push(...routed.jobs);
    await tellWhenBack(c, routed, after);
  }
  await queueChatwootMirror(tx, tenantId, conv.id, "handoff", after);
}

/**
 * Step two: under a row lock on the conversation (lockConversation), feed every pending inbound
 * event to the bot in arrival order, exactly once. Concurrent callers for the same conversation
 * queue on the lock; whoever gets it second finds nothing pending.
 */
export async function processConversation(deps: AppDeps, tenantId: string, conversationId: string): Promise<void> {
  const work = processingWork();
  await withTenant(deps.db, tenantId, async (tx) => {
    const conv = await lockConversation(tx, conversationId);
    if (conv) await processLocked(deps, tx, tenantId, conv, work);
  });
  await finishProcessing(deps, tenantId, work);
}

/** What processing leaves for after the commit: the after-commit work and the served messages to count. */
export interface ProcessingWork {
  after: AfterCommit;
  served: { period: string; limit: number | null }[];
}

export const processingWork = (after: AfterCommit = afterCommit()): ProcessingWork => ({ after, served: [] });

/** The lead's contact fields, when the caller already holds them (the bot's greeting uses them). */
export type LeadContact = { name: string | null; email: string | null; phone: string | null };

/**
 * What the caller of processLocked holds already: the lead's contact, and whom the bot's replies go
 * to (the lead's WhatsApp keys as of this message, and its time as the last inbound one: the
 * window is open, so a reply never needs the lead's name for a template).
 */
export interface KnownToStep {
  lead?: LeadContact;
  recipient?: DeliveryRecipient;
}

/**
 * The body of step two, for a conversation this transaction holds locked (lockConversation, or a
 * conversation it created itself). `known` skips reads the caller has already made: the pending
 * events (only the one it just recorded, in a conversation it created) and the lead's contact.
 */
export async function processLocked(deps: AppDeps, tx: TenantTx, tenantId: string, conv: Locked, work: ProcessingWork, known?: KnownToStep & { events?: { id: string; payload: unknown }[] }) {
  const { after, served } = work;
  // The writes held since the conversation was locked (the lead's score) ride this read.
  const events =
    known?.events ??
    (await readCarryingHeld(tx, tx.selectFrom("inbound_events").select(["id", "payload"]).where("conversation_id", "=", conv.id).where("status", "=", "pending").orderBy("seq")));
  let state = conv.bot_state ? botStateSchema.parse(conv.bot_state) : null;
  // A conversation humans already held: its new lead messages go to its Chatwoot mirror, if any.
  const heldByHumans = conv.status !== "bot";
  // Loaded once for the whole batch of pending events (the version never changes mid-conversation).
  const flow = conv.status === "bot" && conv.flow_id ? await flowFor(tx, tenantId, conv) : null;
  // Data subject requests are taken on WhatsApp, whoever holds the conversation (bot or agent).
  const onWhatsApp = async () => (await channelOf(tx, tenantId, conv)) === "whatsapp";
  for (const ev of events) {
    const now = deps.now();
    const input = (ev.payload as { input?: BotInput }).input;
    // A voice note the bot waits to read: its answer comes as its own event (media/voice-note.ts).
    const deferred = Boolean((ev.payload as { deferred?: string }).deferred);
    const privacyKind = input?.kind === "text" ? privacyIntentOf(input.text) : null;
    const slot = input?.kind === "option" ? slotOfOption(input.optionId) : null;
    if (slot && input?.kind === "option" && (await chooseSlot(tx, { tenantId, conversationId: conv.id, now, after }, input.optionId, slot, ev.id))) {
      // A Cal.com slot button (scheduling/slots.ts): booked by the offer job, whoever holds the conversation.
    } else if (input?.kind === "form" && verifyFlowFormToken(deps.tokenSecret, tenantId, input.flowToken) !== conv.id) {
      // A Flow reply that is not this conversation's form (another Flow of the business, a token
      // of another conversation or tenant, a forged one): kept as the lead's message, never an answer.
    } else if (privacyKind && input?.kind === "text" && (await onWhatsApp())) {
      // A legal request, not an answer: the bot's flow never sees it (no step, no billing).
      await startRequestFromConversation(tx, tenantId, conv, { kind: privacyKind, text: input.text }, now, after);
    } else if (deferred) {
      // Kept for the agents; marked processed below.
    } else if (conv.status === "bot" && flow) {
      // The billing gate (no Postgres on a warm cache): past the quota a new lead goes to humans.
      const gate = await botQuotaGate(tx, deps, tenantId, { newConversation: state === null, now });
      if (!gate.serve) await handToHumans(tx, tenantId, conv, gate.reason, after, now, known?.recipient);
      else {
        state = await step(deps, tx, tenantId, conv, flow, state, input!, after, now, known);
        // A served lead message is recorded once: its ledger row commits with the processed mark below.
        served.push(await recordServedBotMessage(tx, deps, tenantId, { eventId: ev.id, now }));
      }
    }
    // Every event is processed once, whatever became of it (outside bot mode it is kept for the agents).
    await markEventProcessed(tx, ev.id, now);
  }
  if (heldByHumans && events.length) await queueChatwootMirror(tx, tenantId, conv.id, "message", after);
  await scheduleJobsWithin(deps, tx, after);
  await preloadDeliveries(tx, after);
}

/** After the processing transaction committed: deliveries and jobs, then the usage counter. */
export async function finishProcessing(deps: AppDeps, tenantId: string, work: ProcessingWork) {
  await runAfterCommit(deps, tenantId, work.after);
  // Best effort: the ledger already committed; `pnpm billing:reconcile` reports a counter that missed.
  // The counter's new value decides the 80 % / 100 % warnings (claimed once in Postgres).
  for (const u of work.served) {
    let used = await countUsage(deps.counters, tenantId, { meter: "bot_messages", quantity: 1 }, u.period).catch(() => null);
    if (used === 1) used = await reseedBotMessages(deps.db, deps.counters, tenantId, u.period).catch(() => used);
    if (used !== null) await warnOnBotMessages(deps, tenantId, { period: u.period, used, limit: u.limit }).catch(() => undefined);
  }
}

/**
 * Starts the bot without a lead message (the widget, right after the privacy notice is accepted),
 * so the visitor sees the first question at once. Does nothing if the bot already spoke.
 */
export async function openWithBot(deps: AppDeps, tenantId: string, conversationId: string): Promise<void> {
  const after = afterCommit();
  await withTenant(deps.db, tenantId, async (tx) => {
    const conv = await lockConversation(tx, conversationId);
    if (!conv || conv.bot_state || conv.status !== "bot" || !conv.flow_id) return;
    const now = deps.now();
    // The greeting is not a lead message: checked against the quota, not billed.
    const gate = await botQuotaGate(tx, deps, tenantId, { newConversation: true, now });
    if (!gate.serve) return handToHumans(tx, tenantId, conv, gate.reason, after, now);
    await step(deps, tx, tenantId, conv, await flowFor(tx, tenantId, conv), null, { kind: "text", text: "" }, after, now);
  });
  await runAfterCommit(deps, tenantId, after);
}

/**
 * A scheduled bot timeout. It acts only if the conversation is still in bot mode at the revision
 * the job was scheduled for; anything newer (an answer, a handoff) makes it a no-op.
 */
export async function handleBotTimeout(deps: AppDeps, job: BotTimeoutJob): Promise<"reminded" | "stale"> {
  const after = afterCommit();
  const outcome = await withTenant(deps.db, job.tenantId, async (tx) => {
    const conv = await lockConversation(tx, job.conversationId);
    if (!conv || conv.status !== "bot" || !conv.bot_state) return "stale" as const;
    const state = botStateSchema.parse(conv.bot_state);
    if (state.revision !== job.revision) return "stale" as const;
    if (!conv.flow_id) return "stale" as const;
    await step(deps, tx, job.tenantId, conv, await flowFor(tx, job.tenantId, conv), state, { kind: "timeout", revision: job.revision }, after, deps.now());
    return "reminded" as const;
  });
  await runAfterCommit(deps, job.tenantId, after);
  return outcome;
}
