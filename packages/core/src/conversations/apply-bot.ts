import type { ConversationEventKind } from "@vendaflow/validators/plain/inbox";
import { randomUUID } from "node:crypto";
import { deferWrite } from "@vendaflow/db/deferred-writes";
import { precompiled } from "@vendaflow/db/precompiled";
import type { TenantTx } from "@vendaflow/db/with-tenant";
import type { BotEffect, BotReply } from "../bot/types";
import { flagDuplicateEmail } from "../leads/identify";
import { revokeIfGranted } from "../privacy/consent-ledger";
import type { AfterCommit } from "../after-commit";
import { builtDelivery, deliveredWhenStored, type DeliveryRecipient } from "./deliver";
import type { Inbox } from "../inboxes/inboxes";
import { emitWebhookEvent } from "../outbound-webhooks/emit";
import { queueSlackNotification } from "../slack/notify";
import { recordEvent } from "./events";
import type { ConversationStatus } from "./status";
import { recomputeLeadScore } from "../crm/lead-score/recompute";
import { offerBooking } from "../scheduling/offer";

export interface BotStepContext {
  tx: TenantTx;
  tenantId: string;
  conversationId: string;
  leadId: string;
  now: Date;
  /** The conversation's channel, when the caller knows it: web and API replies are stored delivered. */
  channel?: string | null;
  /**
   * Whom the replies go to and through which inbox, when the caller holds both (receiveInbound):
   * their deliveries are built here, not read back before the commit.
   */
  sendTo?: { recipient: DeliveryRecipient; inbox: Inbox };
}

/** A question sent as the inbox's WhatsApp Flow form (conversations/process.ts asFlowForm; deliver sends it). */
export interface FlowFormReply {
  flowId: string;
  cta: string;
  token: string;
  screen: string;
  data: Record<string, unknown>;
}

export type StoredReply = BotReply | (Extract<BotReply, { kind: "question" }> & { flowForm: FlowFormReply });

/**
 * Stores the bot's replies as messages with one statement: the rows of one VALUES list take their
 * seq in the list's order, which is the order they are shown and sent in (loadDeliveries reads by seq).
 */
export async function storeReplies(c: BotStepContext, replies: StoredReply[], after: AfterCommit) {
  if (!replies.length) return;
  // Stored delivered where the conversation reads from the database (deliver.ts): nothing to send
  // or mark after. WhatsApp's, and any whose channel the caller did not know, go to after.outbound.
  const delivered = deliveredWhenStored(c.channel);
  // Ids made here, so the insert needs no answer and is held for the transaction's next statement.
  const stored = replies.map((r) => ({ id: randomUUID(), text: r.text, payload: r.kind === "question" ? { stepId: r.stepId, options: r.options ?? [], ...("flowForm" in r ? { flowForm: r.flowForm } : {}) } : {} }));
  const values: ReplyValues = { tenantId: c.tenantId, conversationId: c.conversationId, now: c.now, delivered };
  stored.forEach((m, i) => {
    values[`id${i}`] = m.id;
    values[`text${i}`] = m.text;
    values[`payload${i}`] = JSON.stringify(m.payload);
  });
  await deferWrite(c.tx, botReplies(c.tx, values, { replies: stored.length }));
  if (delivered) return;
  after.outbound.push(...stored.map((m) => m.id));
  if (c.sendTo) for (const m of stored) (after.built ??= new Map()).set(m.id, builtDelivery(m, c.sendTo.recipient, c.sendTo.inbox));
}

type ReplyValues = Record<string, string | Date | boolean> & { tenantId: string; conversationId: string; now: Date; delivered: boolean };

/** The replies' INSERT, compiled once per number of replies; reply i's values are `id<i>`, `text<i>`, `payload<i>`. */
export const botReplies = precompiled("botReplies", (db, v: ReplyValues, f: { replies: number }) =>
  db.insertInto("messages").values(
    Array.from({ length: f.replies }, (_, i) => ({
      id: v[`id${i}`] as string,
      tenant_id: v.tenantId,
      conversation_id: v.conversationId,
      sender: "bot",
      content_type: "text",
      text: v[`text${i}`] as string,
      payload: v[`payload${i}`] as string,
      delivery_status: v.delivered ? "delivered" : "pending",
      created_at: v.now,
    })),
  ),
);

/**
 * Performs the engine's effects (data) on the lead and conversation. Returns the conversation's
 * next status when an effect changes it. Timeouts are queued for after the commit.
 */
export async function applyEffects(c: BotStepContext, effects: BotEffect[], after: AfterCommit, status: ConversationStatus): Promise<{ status: ConversationStatus; handoffReason: string | null }> {
  let next = status;
  let handoffReason: string | null = null;
  for (const e of effects) {
    switch (e.kind) {
      case "schedule_timeout":
        after.jobs.push({
          path: "/api/jobs/bot-timeout",
          body: { tenantId: c.tenantId, conversationId: c.conversationId, revision: e.revision },
          delaySeconds: e.delaySeconds,
          deduplicationId: `bot-timeout-${c.conversationId}-${e.revision}`,
        });
        break;
      case "qualify":
      case "not_qualified":
        await c.tx
          .updateTable("leads")
          .set({ bant_score: e.score, bant_data: JSON.stringify(e.bantData), stage: e.stage, updated_at: c.now })
          .where("id", "=", c.leadId)
          .execute();
        await recomputeLeadScore(c.tx, c.leadId, { after });
        await event(c, e.kind === "qualify" ? "qualified" : "not_qualified", { score: e.score });
        if (e.kind === "qualify") {
          await emitWebhookEvent(c.tx, c.tenantId, { type: "lead.qualified", entity: { type: "lead", id: c.leadId }, data: { bant_score: e.score, conversation_id: c.conversationId } }, after);
          await queueSlackNotification(c.tx, c.tenantId, { event: "lead.qualified", entity: { type: "lead", id: c.leadId }, data: { bant_score: e.score, conversation_id: c.conversationId } }, after);
        }
        // A connected calendar is offered even when the flow and inbox have no link of their own.
        if (e.kind === "qualify" && !effects.some((x) => x.kind === "offer_scheduling")) await offerBooking(c, null, after);
        break;
      case "handoff":
        next = "pending";
        handoffReason = e.reason;
        await event(c, "handoff", { reason: e.reason });
        break;
      case "close":
        next = "resolved";
        await event(c, "closed", { reason: e.reason });
        break;
      case "opt_out":
        await c.tx.updateTable("leads").set({ opted_out_at: c.now, marketing_consent: false, updated_at: c.now }).where("id", "=", c.leadId).execute();
        await revokeIfGranted(c.tx, c.tenantId, { leadId: c.leadId }, "marketing", "Descadastro pedido pelo lead na conversa", undefined, c.now);
        await event(c, "opt_out", {});
        next = "resolved";
        break;
      case "update_lead":
        await deferWrite(c.tx, c.tx.updateTable("leads").set({ ...(e.name ? { name: e.name } : {}), ...(e.email ? { email: e.email } : {}), updated_at: c.now }).where("id", "=", c.leadId));
        break;
      case "possible_duplicate_email": {
        const other = await flagDuplicateEmail(c.tx, c.leadId, e.email);
        if (other) await event(c, "possible_duplicate", { email: e.email, leadId: other });
        break;
      }
      case "offer_scheduling":
        await offerBooking(c, e.url, after);
        break;
      case "tag":
        await c.tx
          .updateTable("leads")
          .set((eb) => ({ tags: eb.fn("array_append", [eb.fn("array_remove", ["tags", eb.val(e.tag)]), eb.val(e.tag)]) }))
          .where("id", "=", c.leadId)
          .execute();
        break;
    }
  }
  return { status: next, handoffReason };
}

async function event(c: BotStepContext, kind: ConversationEventKind, data: Record<string, unknown>) {
  await recordEvent(c.tx, c.tenantId, { conversationId: c.conversationId, kind, data, at: c.now });
}
