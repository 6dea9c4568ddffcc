import type { TenantTx } from "@vendaflow/db/with-tenant";
import { DomainError } from "../errors";

export interface ConversationFilter {
  status?: "bot" | "pending" | "open" | "resolved";
  inboxId?: string;
  cursor?: string;
  limit: number;
}

/** Conversation list, most recent activity first; keyset cursor "<iso>|<id>". */
export async function listConversations(tx: TenantTx, f: ConversationFilter) {
  let q = tx
    .selectFrom("conversations as c")
    .innerJoin("leads as l", "l.id", "c.lead_id")
    .innerJoin("inboxes as i", "i.id", "c.inbox_id")
    .select(["c.id", "c.status", "c.last_message_at", "c.handoff_reason", "c.current_step", "l.id as lead_id", "l.name as lead_name", "l.phone", "l.email", "l.stage", "l.bant_score", "i.name as inbox_name", "i.channel"])
    .select((eb) =>
      eb
        .selectFrom("messages as m")
        .select("m.text")
        .whereRef("m.conversation_id", "=", "c.id")
        .where("m.content_type", "!=", "note")
        .orderBy("m.seq", "desc")
        .limit(1)
        .as("last_text"),
    )
    .orderBy("c.last_message_at", "desc")
    .orderBy("c.id", "desc")
    .limit(f.limit + 1);
  if (f.status) q = q.where("c.status", "=", f.status);
  if (f.inboxId) q = q.where("c.inbox_id", "=", f.inboxId);
  if (f.cursor) {
    const [iso, id] = f.cursor.split("|");
    const at = new Date(iso ?? "");
    if (id && !Number.isNaN(at.getTime())) q = q.where((eb) => eb.or([eb("c.last_message_at", "<", at), eb.and([eb("c.last_message_at", "=", at), eb("c.id", "<", id)])]));
  }
  const rows = await q.execute();
  const items = rows.slice(0, f.limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > f.limit && last ? `${last.last_message_at.toISOString()}|${last.id}` : null };
}

/** Read-only transcript with the lead's BANT card and the conversation's events. */
export async function conversationDetail(tx: TenantTx, conversationId: string) {
  const conv = await tx
    .selectFrom("conversations as c")
    .innerJoin("leads as l", "l.id", "c.lead_id")
    .innerJoin("inboxes as i", "i.id", "c.inbox_id")
    .select(["c.id", "c.status", "c.handoff_reason", "c.current_step", "c.created_at", "c.last_inbound_at", "i.name as inbox_name", "i.channel"])
    .select(["l.id as lead_id", "l.name", "l.email", "l.phone", "l.stage", "l.bant_score", "l.bant_data", "l.tags", "l.possible_duplicate_of", "l.marketing_consent", "l.opted_out_at"])
    .where("c.id", "=", conversationId)
    .executeTakeFirst();
  if (!conv) throw new DomainError("NOT_FOUND", "Conversa não encontrada.");
  const messages = await tx
    .selectFrom("messages")
    .select(["id", "seq", "sender", "content_type", "text", "payload", "delivery_status", "delivery_error", "created_at"])
    .where("conversation_id", "=", conversationId)
    .orderBy("seq")
    .limit(1000)
    .execute();
  const events = await tx.selectFrom("conversation_events").select(["id", "kind", "data", "created_at"]).where("conversation_id", "=", conversationId).orderBy("created_at").execute();
  return { conversation: conv, messages, events };
}
