import { sql } from "kysely";
import type { TenantTx } from "@vendaflow/db/with-tenant";

// The lead score's engagement lives on the lead (leads.engaged_messages / engaged_replies,
// db/migrations/0163): its messages that are not internal notes, and those answering a person (the
// conversation's previous lead or agent message, by seq and not a note, was an agent's). Kept by
// the statement that stores a lead's message, so the score reads two columns instead of a window
// over every message of the lead on every new one (docs/scaling.md, "One message").

/** The messages engagement looks at, over `messages as m`: the lead's and the agents', not internal notes. */
const ENGAGING = sql<boolean>`m.sender in ('lead', 'agent') and m.content_type <> 'note'`;

/**
 * What one more lead message adds to its lead's counters: SET values for the UPDATE of the lead that
 * the statement storing the message makes (storeMessage, conversations/inbound.ts), so counting it
 * costs no statement of its own. The conversation's last engaging message is read in that
 * statement's snapshot, where the new message is not visible yet. `conversationId` null: the
 * conversation was created for this message (nothing before it to answer).
 */
export function countLeadMessage(conversationId: string | null, contentType: string) {
  const counted = sql<number>`(${contentType}::text <> 'note')::int`;
  return {
    engaged_messages: sql<number>`engaged_messages + ${counted}`,
    ...(conversationId === null
      ? {}
      : {
          engaged_replies: sql<number>`engaged_replies + ${counted} * coalesce((
            select (m.sender = 'agent')::int from messages m
            where m.conversation_id = ${conversationId}::uuid and ${ENGAGING} order by m.seq desc limit 1), 0)`,
        }),
  };
}

/**
 * The counters of these leads recounted from their messages (app_recount_lead_engagement, the
 * definition the migration's backfill ran): for writes that store or remove many messages at once
 * (a WhatsApp history import), where counting each one is not worth it.
 */
export async function recountEngagement(tx: TenantTx, leadIds: readonly string[]): Promise<void> {
  if (leadIds.length) await sql`select app_recount_lead_engagement(${[...leadIds]}::uuid[])`.execute(tx);
}
