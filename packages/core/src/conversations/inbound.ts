import { sql } from "kysely";
import type { Json } from "@vendaflow/db/types";
import { withTenant, type TenantTx } from "@vendaflow/db/with-tenant";
import type { BotInput } from "../bot/types";
import { ensureDefaultFlow } from "../flows/store";
import { identifyLead, type LeadIdentity } from "../leads/identify";
import type { AppDeps } from "../deps";
import { recomputeLeadScore } from "../crm/lead-score/recompute";
import { afterCommit } from "../after-commit";
import { fireAutomations } from "../automations/fire";

/**
 * The lead's open conversation in this inbox, or a new one on the tenant's default flow. An
 * opted-out lead who writes again reaches people, never the bot.
 */
export async function openConversation(tx: TenantTx, tenantId: string, inboxId: string, lead: { id: string; optedOut: boolean }) {
  const open = await tx
    .selectFrom("conversations")
    .select(["id", "status"])
    .where("lead_id", "=", lead.id)
    .where("inbox_id", "=", inboxId)
    .where("status", "!=", "resolved")
    .orderBy("created_at", "desc")
    .limit(1)
    .executeTakeFirst();
  if (open) return open;
  const flow = await ensureDefaultFlow(tx, tenantId);
  return tx
    .insertInto("conversations")
    .values({ tenant_id: tenantId, inbox_id: inboxId, lead_id: lead.id, flow_id: flow.id, status: lead.optedOut ? "pending" : "bot" })
    .returning(["id", "status"])
    .executeTakeFirstOrThrow();
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
}

export interface Recorded {
  duplicate: boolean;
  conversationId: string;
  /** The conversation's status when the message arrived ("bot": the bot will answer it). */
  status?: string;
  messageId: string;
  seq: number;
}

/**
 * Step one of every inbound message, before anything else happens: persist it (lead, conversation,
 * message and a pending inbound event) in one transaction. Processing comes after, under a lock,
 * and a crash in between leaves a pending event for the recovery sweep.
 */
export async function recordInbound(deps: Pick<AppDeps, "db"> & Partial<Pick<AppDeps, "scheduler">>, m: InboundMessage): Promise<Recorded> {
  // Automations fired here (lead created, score changed) queue their jobs after the commit.
  const after = afterCommit();
  const recorded = await withTenant(deps.db, m.tenantId, async (tx): Promise<Recorded> => {
    const event = await tx
      .insertInto("inbound_events")
      .values({ tenant_id: m.tenantId, inbox_id: m.inboxId, provider: m.provider, provider_event_id: m.providerEventId, kind: "message", payload: JSON.stringify({ input: m.input }) })
      .onConflict((oc) => oc.columns(["tenant_id", "provider", "provider_event_id"]).doNothing())
      .returning("id")
      .executeTakeFirst();
    if (!event) {
      const prior = await tx
        .selectFrom("inbound_events as e")
        .innerJoin("messages as msg", (j) => j.onRef("msg.conversation_id", "=", "e.conversation_id"))
        .select(["e.conversation_id", "msg.id", "msg.seq"])
        .where("e.provider", "=", m.provider)
        .where("e.provider_event_id", "=", m.providerEventId)
        .where("msg.payload", "@>", JSON.stringify({ eventId: m.providerEventId }) as unknown as Json)
        .executeTakeFirst();
      return { duplicate: true, conversationId: prior?.conversation_id ?? "", messageId: prior?.id ?? "", seq: prior?.seq ?? 0 };
    }
    const lead = await identifyLead(tx, m.tenantId, m.who, m.at);
    const conv = await openConversation(tx, m.tenantId, m.inboxId, lead);
    const msg = await tx
      .insertInto("messages")
      .values({
        tenant_id: m.tenantId,
        conversation_id: conv.id,
        sender: "lead",
        content_type: m.contentType,
        text: m.text,
        payload: JSON.stringify({ ...m.payload, eventId: m.providerEventId }),
        provider_message_id: m.providerMessageId ?? null,
        created_at: m.at,
      })
      .returning(["id", "seq"])
      .executeTakeFirstOrThrow();
    await tx.updateTable("inbound_events").set({ conversation_id: conv.id }).where("id", "=", event.id).execute();
    await tx
      .updateTable("leads")
      .set({
        last_inbound_at: m.at,
        updated_at: m.at,
        // First touch wins: a later ad click does not rewrite where the lead came from.
        ...(m.campaign ? { source_details: sql<Json>`jsonb_build_object('campaign', ${JSON.stringify(m.campaign)}::jsonb) || source_details` } : {}),
      })
      .where("id", "=", lead.id)
      .execute();
    await tx.updateTable("conversations").set({ last_inbound_at: m.at, last_message_at: m.at, updated_at: m.at }).where("id", "=", conv.id).execute();
    await recomputeLeadScore(tx, lead.id, { after }); // one more message (maybe a reply to an agent)
    // A lead inserted by this transaction has created_at = now() (the transaction's start).
    const isNew = async () => (await tx.selectFrom("leads").select(sql<boolean>`created_at = now()`.as("fresh")).where("id", "=", lead.id).executeTakeFirstOrThrow()).fresh;
    await fireAutomations(tx, m.tenantId, { trigger: "lead_created", entityId: lead.id, data: { source: m.provider } }, after, isNew);
    return { duplicate: false, conversationId: conv.id, status: conv.status, messageId: msg.id, seq: msg.seq };
  });
  if (deps.scheduler) for (const job of after.jobs) await deps.scheduler.schedule(job);
  return recorded;
}
