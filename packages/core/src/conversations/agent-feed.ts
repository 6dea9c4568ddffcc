import { sql } from "kysely";
import type { TenantTx } from "@vendaflow/db/with-tenant";
import { recordAgentActivity } from "../routing/availability";

/** What the agent inbox's live feed watches; when any of it moves, the client refetches what it shows. */
export interface AgentFeedState {
  /** Latest message of the tenant. */
  seq: number | null;
  /** Latest conversation change of the tenant. */
  updatedAt: Date | null;
  /** The agent's unread notifications. */
  unread: number;
}

/**
 * One poll of the feed for this person. `presence` (an open dashboard counts as activity) refreshes
 * the agent's last_seen_at first, so the idle sweep leaves them online.
 */
export async function agentFeedState(tx: TenantTx, userId: string, presence: { now: Date } | null): Promise<AgentFeedState> {
  if (presence) await recordAgentActivity(tx, userId, presence.now);
  const { rows } = await sql<{ seq: number | null; updated: Date | null; unread: number }>`
    select (select max(seq) from messages) as seq,
           (select max(updated_at) from conversations) as updated,
           (select count(*)::int from notifications where user_id = ${userId} and read_at is null) as unread`.execute(tx);
  const r = rows[0]!;
  return { seq: r.seq, updatedAt: r.updated, unread: r.unread };
}
