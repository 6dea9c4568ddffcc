import type { TenantTx } from "@vendaflow/db/with-tenant";
import type { ConversationStatus } from "./status";

// The one way to lock a conversation: FOR NO KEY UPDATE on its row, held to the end of the tenant
// transaction. It excludes every other writer of the conversation (the bot, agent actions, routing)
// but not the FOR KEY SHARE that inserting a message or event pointing at it takes, so such an
// insert alone never waits on the bot, and routing's lock order (conversation → team →
// agent_profiles, routing/store.ts) cannot deadlock on a foreign-key check. An UPDATE of the row
// takes this same lock (receiveInbound's message statement locks the conversation that way).

export const lockedColumns = [
  "id", "status", "assigned_to", "team_id", "lead_id", "inbox_id", "flow_id", "bot_state", "handoff_reason",
  "queued_at", "routed_at", "first_response_at", "sla_due_at", "sla_breached_at", "rerouted_at",
] as const;

export interface LockedConversation {
  id: string;
  status: ConversationStatus;
  assigned_to: string | null;
  team_id: string | null;
  lead_id: string;
  inbox_id: string;
  flow_id: string | null;
  bot_state: unknown;
  handoff_reason: string | null;
  queued_at: Date | null;
  routed_at: Date | null;
  first_response_at: Date | null;
  sla_due_at: Date | null;
  sla_breached_at: Date | null;
  rerouted_at: Date | null;
}

/** A locked conversation's row as a statement returned it with its columns prefixed `cv_`; null when absent. */
export function lockedOf(row: Record<string, unknown>): LockedConversation | null {
  if (row.cv_id == null) return null;
  return Object.fromEntries(lockedColumns.map((c) => [c, row[`cv_${c}`]])) as unknown as LockedConversation;
}

/** Locks the conversation for this transaction; null when it does not exist (or is another tenant's). */
export async function lockConversation(tx: TenantTx, conversationId: string): Promise<LockedConversation | null> {
  const row = await tx.selectFrom("conversations").select(lockedColumns).where("id", "=", conversationId).forNoKeyUpdate().executeTakeFirst();
  return row ? { ...row, status: row.status as ConversationStatus } : null;
}

/**
 * The oldest conversation of a team's queue that nobody else holds, locked like lockConversation.
 * SKIP LOCKED: one being assigned elsewhere right now is left to that caller.
 */
export async function lockNextQueued(tx: TenantTx, teamId: string): Promise<LockedConversation | null> {
  const row = await tx
    .selectFrom("conversations")
    .select(lockedColumns)
    .where("team_id", "=", teamId)
    .where("assigned_to", "is", null)
    .where("status", "=", "pending")
    .where("queued_at", "is not", null)
    .orderBy("queued_at")
    .orderBy("id")
    .limit(1)
    .forNoKeyUpdate()
    .skipLocked()
    .executeTakeFirst();
  return row ? { ...row, status: row.status as ConversationStatus } : null;
}
