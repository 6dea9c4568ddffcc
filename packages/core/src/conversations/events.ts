import type { TenantTx } from "@vendaflow/db/with-tenant";
import type { ConversationEventKind } from "@vendaflow/validators/plain/inbox";

/** One line of a conversation's timeline (handoff, takeover, assigned, sla_breached…). */
export interface ConversationEvent {
  conversationId: string;
  /** One of CONVERSATION_EVENT_KINDS: the timeline has a pt-BR name for each. */
  kind: ConversationEventKind;
  data?: Record<string, unknown>;
  /** The person who acted; absent for the bot, routing and jobs. */
  actorUserId?: string | null;
  /** The bot and routing pass their step's time; agent actions leave it to the transaction's start
   * (the database's now()), which keeps an action's event just before the message it sends. */
  at?: Date;
}

/** The one writer of conversation_events. */
export async function recordEvent(tx: TenantTx, tenantId: string, e: ConversationEvent) {
  await tx
    .insertInto("conversation_events")
    .values({ tenant_id: tenantId, conversation_id: e.conversationId, kind: e.kind, data: JSON.stringify(e.data ?? {}), actor_user_id: e.actorUserId ?? null, ...(e.at ? { created_at: e.at } : {}) })
    .execute();
}
