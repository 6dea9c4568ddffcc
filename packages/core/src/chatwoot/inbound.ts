import type { Database } from "@vendaflow/db/create-db";
import { withTenant, type TenantTx } from "@vendaflow/db/with-tenant";
import { sql } from "kysely";
import type { ChatwootWebhookEvent } from "@vendaflow/validators/chatwoot";
import type { AfterCommit } from "../after-commit";
import { recordEvent } from "../conversations/events";
import { lockConversation } from "../conversations/lock";
import { lockConversationSenders } from "../conversations/sender-locks";
import { webhookTokenMatches } from "./connections";

/** Our text limit for one message (WhatsApp's): longer replies are cut with an ellipsis. */
const MAX_TEXT = 4096;

/**
 * The connection a webhook URL names (route key, through the `app_resolve_chatwoot_webhook`
 * definer function), when the presented token matches its hash in constant time; else null.
 */
export async function resolveChatwootWebhook(db: Database, key: string, token: string | null): Promise<{ tenantId: string; connectionId: string } | null> {
  if (!/^[A-Za-z0-9_-]{32,64}$/.test(key)) return null;
  const { rows } = await sql<{ tenant_id: string; connection_id: string; webhook_token_sha256: string }>`select * from app_resolve_chatwoot_webhook(${key})`.execute(db);
  const row = rows[0];
  if (!row || !webhookTokenMatches(token, row.webhook_token_sha256)) return null;
  return { tenantId: row.tenant_id, connectionId: row.connection_id };
}

/** Only an agent's public reply acts: outgoing (1 in older payloads) and not a private note. */
export const isAgentReply = (ev: ChatwootWebhookEvent) => ev.event === "message_created" && (ev.message_type === "outgoing" || ev.message_type === 1) && ev.private !== true && ev.id !== undefined && Boolean(ev.conversation);

/**
 * Our own post coming back: Chatwoot sends `message_created` for every message, the mirror's too
 * (a lead's message as incoming, ours as a private note), in a conversation this connection
 * mirrors. Told by its shape and the conversation, not by its message id: Chatwoot may deliver the
 * webhook before the mirror has recorded the id it answered. Agents' internal notes there are
 * likewise never forwarded. Anything else not acted on (another event, a conversation we did not
 * mirror) stays an unrouted event.
 */
export async function isMirrorEcho(db: Database, connection: { tenantId: string; connectionId: string }, ev: ChatwootWebhookEvent): Promise<boolean> {
  const mirrorShaped = ev.event === "message_created" && (ev.private === true || ev.message_type === "incoming" || ev.message_type === 0);
  if (!mirrorShaped || !ev.conversation) return false;
  const chatwootConversationId = ev.conversation.id;
  const mirrored = await withTenant(db, connection.tenantId, (tx) =>
    tx.selectFrom("chatwoot_conversations").select("id").where("connection_id", "=", connection.connectionId).where("chatwoot_conversation_id", "=", chatwootConversationId).executeTakeFirst(),
  );
  return mirrored !== undefined;
}

/** The reply's text: Chatwoot's content and the links of its attachments, one per line. */
export function replyText(ev: ChatwootWebhookEvent): string {
  const links = (ev.attachments ?? []).map((a) => a.data_url).filter((u): u is string => Boolean(u && /^https?:\/\//.test(u)));
  const text = [ev.content?.trim() ?? "", ...links].filter(Boolean).join("\n");
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT - 1)}…` : text;
}

/**
 * An agent's reply in Chatwoot (`message_created`, outgoing, not private) in a conversation we
 * mirrored through this connection: stored as the team's message and sent to the lead on the
 * conversation's channel (WhatsApp or the widget) after the commit. Ignored: any other event, a
 * conversation this connection did not mirror (another tenant's are out of reach: the read runs
 * under this tenant's RLS and names this connection), and a Chatwoot message that is ours (posted
 * by the mirror, or already delivered): loop prevention. Runs inside the webhook's receipt
 * transaction, so a repeated delivery of one Chatwoot message id changes nothing.
 */
export async function receiveChatwootEvent(tx: TenantTx, tenantId: string, connectionId: string, ev: ChatwootWebhookEvent, after: AfterCommit, now: Date): Promise<"delivered" | "ignored"> {
  if (!isAgentReply(ev)) return "ignored";
  const mirror = await tx
    .selectFrom("chatwoot_conversations")
    .select(["id", "conversation_id"])
    .where("connection_id", "=", connectionId)
    .where("chatwoot_conversation_id", "=", ev.conversation!.id)
    .executeTakeFirst();
  if (!mirror) return "ignored";
  const ours = await tx.selectFrom("chatwoot_messages").select("id").where("mirror_id", "=", mirror.id).where("chatwoot_message_id", "=", ev.id!).executeTakeFirst();
  if (ours) return "ignored";
  const text = replyText(ev);
  if (!text) return "ignored";
  // Before the conversation's lock (sender-locks.ts): a lead message racing this reply waits for it and counts it.
  await lockConversationSenders(tx, tenantId, mirror.conversation_id);
  const conv = await lockConversation(tx, mirror.conversation_id);
  if (!conv) return "ignored";
  const agentName = ev.sender?.name?.slice(0, 255) ?? null;
  const row = await tx
    .insertInto("messages")
    .values({ tenant_id: tenantId, conversation_id: conv.id, sender: "agent", sender_user_id: null, content_type: "text", text, payload: JSON.stringify({ chatwoot: { messageId: ev.id, agent: agentName } }), delivery_status: "pending", created_at: now })
    .returning("id")
    .executeTakeFirstOrThrow();
  await tx.insertInto("chatwoot_messages").values({ tenant_id: tenantId, mirror_id: mirror.id, message_id: row.id, chatwoot_message_id: ev.id!, direction: "in" }).execute();
  // Humans hold the conversation now (a reply from Chatwoot is the team's, as one from our inbox is).
  const status = conv.status === "resolved" || conv.status === "open" ? conv.status : "open";
  await tx
    .updateTable("conversations")
    .set({ status, queued_at: status === "open" ? null : undefined, first_response_at: conv.first_response_at ?? now, last_message_at: now, updated_at: now })
    .where("id", "=", conv.id)
    .execute();
  if (status !== conv.status) await recordEvent(tx, tenantId, { conversationId: conv.id, kind: "takeover", data: { from: conv.status, via: "chatwoot" }, at: now });
  after.outbound.push(row.id);
  return "delivered";
}
