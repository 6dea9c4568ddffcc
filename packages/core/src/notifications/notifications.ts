import type { TenantTx } from "@vendaflow/db/with-tenant";

// A person's notifications (assigned to them, SLA breached…): written by routing and agent
// actions, read by the agent header and counted by the agent inbox's live feed.

export async function notify(tx: TenantTx, tenantId: string, userId: string, kind: string, data: Record<string, unknown>, now: Date) {
  await tx.insertInto("notifications").values({ tenant_id: tenantId, user_id: userId, kind, data: JSON.stringify(data), created_at: now }).execute();
}

/** The person's latest 30, newest first. */
export function listNotifications(tx: TenantTx, userId: string) {
  return tx.selectFrom("notifications").select(["id", "kind", "data", "read_at", "created_at"]).where("user_id", "=", userId).orderBy("created_at", "desc").limit(30).execute();
}

export async function markNotificationsRead(tx: TenantTx, userId: string, now: Date) {
  await tx.updateTable("notifications").set({ read_at: now }).where("user_id", "=", userId).where("read_at", "is", null).execute();
}
