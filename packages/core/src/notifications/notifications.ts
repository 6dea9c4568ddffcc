import { sql } from "kysely";
import type { TenantTx } from "@vendaflow/db/with-tenant";
import { UUID_PATTERN } from "@vendaflow/validators/uuid";

// A person's notifications (assigned to them, SLA breached…): written by routing and agent
// actions, read by the agent header and counted by the agent inbox's live feed.

/** `now` absent: the transaction's own time (the row's default), for writes that take no clock. */
export async function notify(tx: TenantTx, tenantId: string, userId: string, kind: string, data: Record<string, unknown>, now?: Date) {
  await tx.insertInto("notifications").values({ tenant_id: tenantId, user_id: userId, kind, data: JSON.stringify(data), ...(now ? { created_at: now } : {}) }).execute();
}

/**
 * Tells a deal's new owner it is theirs, unless they gave it to themselves: one deal by its title,
 * or a bulk assignment as one notification with the count (the board filtered to them).
 */
export async function notifyDealsAssigned(tx: TenantTx, tenantId: string, ownerId: string | null, actorUserId: string, deals: { id: string; title: string } | { count: number }, now?: Date) {
  if (!ownerId || ownerId === actorUserId) return;
  const data = "id" in deals ? { dealId: deals.id, title: deals.title } : { count: deals.count, ownerId };
  await notify(tx, tenantId, ownerId, "deal_assigned", data, now);
}

/**
 * Tells the person an activity was given to them by someone else (a note is a record, not work):
 * its subject and what it is about, so the bell opens that record.
 */
/** The records an activity is about, only those it has, as a notification's data names them (the bell opens the first). */
export const activityRefs = (a: { dealId: string | null; leadId: string | null; contactId: string | null; companyId: string | null }) =>
  Object.fromEntries(Object.entries({ dealId: a.dealId, leadId: a.leadId, contactId: a.contactId, companyId: a.companyId }).filter(([, v]) => v));

export async function notifyActivityAssigned(tx: TenantTx, tenantId: string, actorUserId: string, a: { id: string; type: string; subject: string; assignedTo: string | null; dueAt: Date | null; dealId: string | null; leadId: string | null; contactId: string | null; companyId: string | null }) {
  if (!a.assignedTo || a.assignedTo === actorUserId || a.type === "note") return;
  await notify(tx, tenantId, a.assignedTo, "activity_assigned", { activityId: a.id, type: a.type, title: a.subject, dueAt: a.dueAt?.toISOString() ?? null, ...activityRefs(a) });
}

/**
 * Notifications (`n`) with the lead (`l`) of their conversation, or the one they name: the bell and
 * the notification e-mails (./email-digest.ts) say whose. The id in `data` is cast only when it is
 * one, so a malformed one joins nothing.
 */
export function withLeadName(tx: TenantTx) {
  const idIn = (key: string) => sql<string | null>`case when n.data->>${key} ~* ${UUID_PATTERN.source} then (n.data->>${key})::uuid end`;
  return tx
    .selectFrom("notifications as n")
    .leftJoin("conversations as c", (j) => j.onRef("c.id", "=", idIn("conversationId")))
    // A meeting's notification names its lead directly.
    .leftJoin("leads as l", (j) => j.on(sql<boolean>`l.id = coalesce(c.lead_id, ${idIn("leadId")})`));
}

/**
 * The person's latest 30, newest first, each with the name of its conversation's (or meeting's)
 * lead (null when there is none, or the lead was anonymised): "Nova conversa atribuída a você" five times over did
 * not say which.
 */
export function listNotifications(tx: TenantTx, userId: string) {
  return withLeadName(tx)
    .select(["n.id", "n.kind", "n.data", "n.read_at", "n.created_at", "l.name as lead_name"])
    .where("n.user_id", "=", userId)
    .orderBy("n.created_at", "desc")
    .limit(30)
    .execute();
}

export async function markNotificationsRead(tx: TenantTx, userId: string, now: Date) {
  await tx.updateTable("notifications").set({ read_at: now }).where("user_id", "=", userId).where("read_at", "is", null).execute();
}
