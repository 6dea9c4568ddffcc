import type { Database } from "@vendaflow/db/create-db";
import { uuidLiteral } from "@vendaflow/db/tenant-binding";
import { tenantQuery } from "@vendaflow/db/with-tenant";

/** What the agent inbox's live feed watches; when any of it moves, the client refetches what it shows. */
export interface AgentFeedState {
  /** Latest message of the tenant. */
  seq: number | null;
  /** Latest conversation change of the tenant. */
  updatedAt: Date | null;
  /** The agent's unread notifications. */
  unread: number;
}

/** The tenant's latest message, in the form of its index (messages_tenant_latest_idx; migration 0140 says why not max(seq)). */
export const LATEST_MESSAGE_SQL = "select seq from messages order by -seq limit 1";

/**
 * One read of the feed for several people of one tenant (the streams a change woke at once): the
 * tenant's latest message and conversation change are the same for all of them, the unread
 * notifications counted per person, in one round trip (tenantQuery, no BEGIN/COMMIT). Everyone
 * asked is in the answer (0 unread when none).
 */
export async function agentFeedStates(db: Database, tenantId: string, userIds: readonly string[]): Promise<Map<string, AgentFeedState>> {
  const users = [...new Set(userIds)].map((id) => uuidLiteral("user", id));
  if (!users.length) return new Map();
  const [r] = await tenantQuery<{ seq: number | null; updated: Date | null; unread: Record<string, number> | null }>(
    db,
    tenantId,
    `select (${LATEST_MESSAGE_SQL}) as seq,
            (select max(updated_at) from conversations) as updated,
            (select json_object_agg(user_id, n) from (select user_id, count(*)::int as n from notifications where user_id in (${users.join(", ")}) and read_at is null group by user_id) u) as unread`,
  );
  return new Map(userIds.map((id) => [id, { seq: r!.seq, updatedAt: r!.updated, unread: r!.unread?.[id.toLowerCase()] ?? 0 }]));
}
