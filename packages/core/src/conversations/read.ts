import type { TenantTx } from "@vendaflow/db/with-tenant";
import type { WidgetMessage, WidgetMessagesOutput } from "@vendaflow/validators/widget";

type MessageRow = { id: string; seq: number; sender: string; content_type: string; text: string | null; payload: unknown; created_at: Date };

export const toWidgetMessage = (m: MessageRow): WidgetMessage => {
  const p = (m.payload ?? {}) as { options?: { id: string; label: string; text: string }[]; booking?: WidgetMessage["booking"] };
  return {
    id: m.id,
    seq: m.seq,
    sender: m.sender as WidgetMessage["sender"],
    contentType: m.content_type,
    text: m.text,
    ...(p.options?.length ? { options: p.options } : {}),
    ...(p.booking ? { booking: p.booking } : {}),
    createdAt: m.created_at.toISOString(),
  };
};

const messageCols = ["m.id", "m.seq", "m.sender", "m.content_type", "m.text", "m.payload", "m.created_at"] as const;

/** Messages a widget visitor may see: their own lead's conversations in this inbox, after a seq. Internal notes never. */
export async function visitorMessages(tx: TenantTx, inboxId: string, visitorId: string, afterSeq: number, limit = 200) {
  const rows = await tx
    .selectFrom("messages as m")
    .innerJoin("conversations as c", "c.id", "m.conversation_id")
    .innerJoin("leads as l", "l.id", "c.lead_id")
    .select(messageCols)
    .where("l.visitor_id", "=", visitorId)
    .where("c.inbox_id", "=", inboxId)
    .where("m.seq", ">", afterSeq)
    .where("m.content_type", "!=", "note")
    .orderBy("m.seq")
    .limit(limit)
    .execute();
  return rows.map(toWidgetMessage);
}

/** True while an inbound message of this visitor waits to be processed (the bot is "typing"). */
export async function visitorAwaitingReply(tx: TenantTx, inboxId: string, visitorId: string) {
  const row = await tx
    .selectFrom("inbound_events as e")
    .innerJoin("conversations as c", "c.id", "e.conversation_id")
    .innerJoin("leads as l", "l.id", "c.lead_id")
    .select("e.id")
    .where("l.visitor_id", "=", visitorId)
    .where("c.inbox_id", "=", inboxId)
    .where("e.status", "=", "pending")
    .limit(1)
    .executeTakeFirst();
  return Boolean(row);
}

/** What a widget visitor's poll or stream reads each time: new messages after a seq, and whether the bot is "typing". */
export async function visitorUpdates(tx: TenantTx, visitor: { inboxId: string; visitorId: string }, afterSeq: number): Promise<WidgetMessagesOutput> {
  return {
    messages: await visitorMessages(tx, visitor.inboxId, visitor.visitorId, afterSeq),
    typing: await visitorAwaitingReply(tx, visitor.inboxId, visitor.visitorId),
  };
}
