import { sql } from "kysely";
import { withTenant, type TenantTx } from "@vendaflow/db/with-tenant";
import type { Database } from "@vendaflow/db/create-db";
import type { WhatsAppEchoEvent, WhatsAppHistoryEvent, WhatsAppUser } from "@vendaflow/validators/whatsapp";
import { resolveWhatsAppLead } from "../leads/whatsapp-identity";
import { recordEvent } from "./events";
import { claimEvent } from "./claim-event";
import { openConversation } from "./inbound";
import { senderKeys } from "./sender-locks";
import { describeContent } from "./whatsapp-content";
import { recountEngagement } from "../crm/lead-score/engagement";

// Numbers shared with the WhatsApp Business app ("coexistence"): what the business types in the
// app comes back as smb_message_echoes, and the app's past chats arrive once as history. Both are
// stored as conversation messages only: they never reach the bot, and what the business sent
// never opens the 24-hour window (only the lead's own messages do).

/**
 * An echo is an agent message. A conversation still with the bot is handed to people: someone at
 * the business is answering from the app, and two voices would confuse the lead.
 */
export async function recordEcho(db: Database, tenantId: string, inboxId: string, ev: WhatsAppEchoEvent): Promise<"recorded" | "duplicate"> {
  // The user's sender locks, as its own messages take them (sender-locks.ts): a message of theirs
  // racing this echo is stored after its commit and counts it as the reply it answers. The first
  // act is a statement (claimEvent), so BEGIN and the locks go with it.
  const locks = senderKeys(tenantId, { kind: "whatsapp", ...ev.user });
  return withTenant(db, tenantId, async (tx) => {
    const claimed = await claimEvent(tx, { tenantId, inboxId, providerEventId: ev.wamid, kind: "echo", payload: {}, at: ev.timestamp });
    if (!claimed) return "duplicate";
    const lead = await resolveWhatsAppLead(tx, tenantId, ev.user, ev.timestamp);
    const conv = await openConversation(tx, tenantId, inboxId, { id: lead.id, optedOut: lead.opted_out_at !== null });
    const d = describeContent(ev.content);
    await tx
      .insertInto("messages")
      .values({
        tenant_id: tenantId,
        conversation_id: conv.id,
        sender: "agent",
        content_type: d.contentType,
        text: d.text,
        payload: JSON.stringify({ ...d.payload, source: "business_app" }),
        provider_message_id: ev.wamid,
        delivery_status: "sent",
        created_at: ev.timestamp,
      })
      .onConflict((oc) => oc.columns(["tenant_id", "provider_message_id"]).where("provider_message_id", "is not", null).doNothing())
      .execute();
    const handed = await tx
      .updateTable("conversations")
      .set({ status: "open", handoff_reason: "business_app" })
      .where("id", "=", conv.id)
      .where("status", "=", "bot")
      .returning("id")
      .executeTakeFirst();
    await tx.updateTable("conversations").set({ last_message_at: ev.timestamp, updated_at: ev.timestamp }).where("id", "=", conv.id).execute();
    if (handed) await recordEvent(tx, tenantId, { conversationId: conv.id, kind: "business_app_reply", data: { wamid: ev.wamid }, at: ev.timestamp });
    return "recorded";
  }, { advisoryLocks: locks, lockedFromFirstStatement: true });
}

const userKey = (u: WhatsAppUser) => u.userId ?? u.waId ?? "";

/** The lead's latest conversation in this inbox, or a closed one to hold the past chats. */
async function historyConversation(tx: TenantTx, tenantId: string, inboxId: string, leadId: string) {
  const latest = await tx.selectFrom("conversations").select("id").where("lead_id", "=", leadId).where("inbox_id", "=", inboxId).orderBy("created_at", "desc").limit(1).executeTakeFirst();
  if (latest) return latest;
  return tx.insertInto("conversations").values({ tenant_id: tenantId, inbox_id: inboxId, lead_id: leadId, status: "resolved" }).returning("id").executeTakeFirstOrThrow();
}

/**
 * One history webhook can hold thousands of messages: one transaction and one multi-row insert per
 * thread. Messages already stored (a retried chunk) are skipped by their wamid. The window is set
 * from the lead's latest message, as Meta counts it.
 */
export async function recordHistory(db: Database, tenantId: string, inboxId: string, events: WhatsAppHistoryEvent[]): Promise<{ stored: number }> {
  const threads = new Map<string, WhatsAppHistoryEvent[]>();
  for (const ev of events) threads.set(userKey(ev.user), [...(threads.get(userKey(ev.user)) ?? []), ev]);
  let stored = 0;
  for (const thread of threads.values()) {
    const first = thread[0]!;
    // The user's sender locks (as recordEcho): the recount below is not raced by a message of theirs.
    stored += await withTenant(db, tenantId, async (tx) => {
      const lead = await resolveWhatsAppLead(tx, tenantId, first.user, first.timestamp);
      const conv = await historyConversation(tx, tenantId, inboxId, lead.id);
      const sorted = [...thread].sort((a, b) => a.timestamp.getTime() - b.timestamp.getTime());
      const rows = sorted.map((ev) => {
        const d = describeContent(ev.content);
        return {
          tenant_id: tenantId,
          conversation_id: conv.id,
          sender: ev.fromBusiness ? "agent" : "lead",
          content_type: d.contentType,
          text: d.text,
          payload: JSON.stringify({ ...d.payload, source: "history" }),
          provider_message_id: ev.wamid,
          delivery_status: ev.fromBusiness ? ("delivered" as const) : null,
          created_at: ev.timestamp,
        };
      });
      const inserted = await tx
        .insertInto("messages")
        .values(rows)
        .onConflict((oc) => oc.columns(["tenant_id", "provider_message_id"]).where("provider_message_id", "is not", null).doNothing())
        .returning("id")
        .execute();
      const lastLead = sorted.filter((e) => !e.fromBusiness).at(-1)?.timestamp;
      const last = sorted.at(-1)!.timestamp;
      await tx
        .updateTable("conversations")
        .set({
          last_message_at: sql<Date>`greatest(last_message_at, ${last})`,
          ...(lastLead ? { last_inbound_at: sql<Date>`greatest(coalesce(last_inbound_at, ${lastLead}), ${lastLead})` } : {}),
        })
        .where("id", "=", conv.id)
        .execute();
      if (lastLead) await tx.updateTable("leads").set({ last_inbound_at: sql<Date>`greatest(coalesce(last_inbound_at, ${lastLead}), ${lastLead})` }).where("id", "=", lead.id).execute();
      // The lead score's engagement (its messages, its replies to the business) recounted once per thread.
      if (inserted.length) await recountEngagement(tx, [lead.id]);
      return inserted.length;
    }, { advisoryLocks: senderKeys(tenantId, { kind: "whatsapp", ...first.user }) });
  }
  return { stored };
}
