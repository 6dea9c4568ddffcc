import type { Database } from "@vendaflow/db/create-db";
import { uuidLiteral } from "@vendaflow/db/tenant-binding";
import { tenantQuery, type TenantTx } from "@vendaflow/db/with-tenant";
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

/**
 * What a widget visitor's poll or stream reads each time: new messages after a seq (visitorMessages'
 * rows) and whether the bot is "typing" (an inbound message of theirs waits to be processed), in one round trip: one statement
 * bound to the tenant (tenantQuery), no BEGIN/COMMIT. A stream reads this once per change of its
 * conversation.
 */
export async function visitorUpdates(db: Database, visitor: { tenantId: string; inboxId: string; visitorId: string }, afterSeq: number, limit = 200): Promise<WidgetMessagesOutput> {
  if (!Number.isSafeInteger(afterSeq) || afterSeq < 0) throw new Error(`visitor updates: bad seq ${afterSeq}`);
  const mine = `select c.id from conversations c join leads l on l.id = c.lead_id where l.visitor_id = ${uuidLiteral("visitor", visitor.visitorId)} and c.inbox_id = ${uuidLiteral("inbox", visitor.inboxId)}`;
  const [r] = await tenantQuery<{ messages: (Omit<MessageRow, "created_at"> & { created_at: string })[]; typing: boolean }>(
    db,
    visitor.tenantId,
    `select coalesce((select json_agg(x order by x.seq) from (
               select m.id, m.seq, m.sender, m.content_type, m.text, m.payload, m.created_at from messages m
               where m.conversation_id in (${mine}) and m.seq > ${afterSeq} and m.content_type <> 'note' order by m.seq limit ${limit}) x), '[]'::json) as messages,
            exists (select 1 from inbound_events e where e.conversation_id in (${mine}) and e.status = 'pending') as typing`,
  );
  return { messages: r!.messages.map((m) => toWidgetMessage({ ...m, created_at: new Date(m.created_at) })), typing: r!.typing };
}
