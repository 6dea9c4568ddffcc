import { sql } from "kysely";
import type { TenantTx } from "@vendaflow/db/with-tenant";
import { UUID_PATTERN } from "@vendaflow/validators/uuid";

// A person's notifications (assigned to them, SLA breached…): written by routing and agent
// actions, read by the agent header and counted by the agent inbox's live feed.

export async function notify(tx: TenantTx, tenantId: string, userId: string, kind: string, data: Record<string, unknown>, now: Date) {
  await tx.insertInto("notifications").values({ tenant_id: tenantId, user_id: userId, kind, data: JSON.stringify(data), created_at: now }).execute();
}

/**
 * The person's latest 30, newest first, each with the name of its conversation's lead (null when
 * there is none, or the lead was anonymised): "Nova conversa atribuída a você" five times over did
 * not say which. The id in `data` is cast only when it is one, so a malformed one joins nothing.
 */
export function listNotifications(tx: TenantTx, userId: string) {
  const conversationId = sql<string | null>`case when n.data->>'conversationId' ~* ${UUID_PATTERN.source} then (n.data->>'conversationId')::uuid end`;
  return tx
    .selectFrom("notifications as n")
    .leftJoin("conversations as c", (j) => j.onRef("c.id", "=", conversationId))
    .leftJoin("leads as l", "l.id", "c.lead_id")
    .select(["n.id", "n.kind", "n.data", "n.read_at", "n.created_at", "l.name as lead_name"])
    .where("n.user_id", "=", userId)
    .orderBy("n.created_at", "desc")
    .limit(30)
    .execute();
}

export async function markNotificationsRead(tx: TenantTx, userId: string, now: Date) {
  await tx.updateTable("notifications").set({ read_at: now }).where("user_id", "=", userId).where("read_at", "is", null).execute();
}
