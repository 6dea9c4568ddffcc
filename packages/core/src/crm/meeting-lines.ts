import { sql } from "kysely";
import type { TenantTx } from "@vendaflow/db/with-tenant";

// A meeting the lead booked (Calendly / Cal.com, scheduling/meetings.ts) is an open line in
// Atividades (system_event 'meeting_scheduled') for whom the meeting is: the deal's owner, else the
// conversation's agent. When either changes later the line follows, by these two rules, called from
// every path that writes deals.owner_id or assigns a conversation. The activity reminder
// (activity-reminder.ts) reads the assignee when it runs, so it follows too.

const openMeetingLines = (tx: TenantTx) =>
  tx.updateTable("activities").where("system_event", "=", "meeting_scheduled").where("completed_at", "is", null).where("deleted_at", "is", null);

/**
 * Deals changed owner (`from`: each one's owner before, `to`: the new one): their open booked-meeting
 * lines that were the previous owner's, or nobody's, become the new owner's (null: nobody's). A line
 * someone else held (the conversation's agent, while the deal had no owner; or given by hand) stays.
 * Returns how many lines moved. `now` absent: the transaction's own time.
 */
export async function meetingLinesFollowDealOwner(tx: TenantTx, changes: { dealId: string; from: string | null }[], to: string | null, now?: Date): Promise<number> {
  let moved = 0;
  const byFrom = new Map<string | null, string[]>();
  for (const c of changes) if (c.from !== to) byFrom.set(c.from, [...(byFrom.get(c.from) ?? []), c.dealId]);
  for (const [from, dealIds] of byFrom) {
    const res = await openMeetingLines(tx)
      .set({ assigned_to: to, updated_at: now ?? sql<Date>`now()` })
      .where("deal_id", "in", dealIds)
      .where((eb) => (from === null ? eb("assigned_to", "is", null) : eb.or([eb("assigned_to", "is", null), eb("assigned_to", "=", from)])))
      .executeTakeFirst();
    moved += Number(res.numUpdatedRows);
  }
  return moved;
}

/**
 * A conversation was assigned to `agentId`: its lead's open booked-meeting lines that nobody holds
 * (no deal owner took them) become the agent's. Returns how many moved.
 */
export async function meetingLinesToConversationAgent(tx: TenantTx, conversationId: string, agentId: string | null, now: Date): Promise<number> {
  if (!agentId) return 0;
  const res = await openMeetingLines(tx)
    .set({ assigned_to: agentId, updated_at: now })
    .where("assigned_to", "is", null)
    .where("lead_id", "=", tx.selectFrom("conversations").select("lead_id").where("id", "=", conversationId))
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}

/**
 * A lead became a deal (convert-lead.ts): the meetings it booked before, still to be held and on no
 * deal, are the new deal's, and so are their open lines, which go to the deal's owner as a booking
 * on that deal would have given them (with no owner, whoever held them keeps them). Returns how
 * many meetings joined.
 */
export async function meetingsJoinConvertedDeal(tx: TenantTx, leadId: string, deal: { id: string; ownerId: string | null }, now: Date): Promise<number> {
  const joined = await tx
    .updateTable("meetings")
    .set({ deal_id: deal.id, updated_at: now })
    .where("lead_id", "=", leadId)
    .where("deal_id", "is", null)
    .where("status", "=", "scheduled")
    .returning("activity_id")
    .execute();
  const lines = joined.map((m) => m.activity_id).filter((id): id is string => Boolean(id));
  if (lines.length) {
    await openMeetingLines(tx)
      .set((eb) => ({ deal_id: deal.id, assigned_to: deal.ownerId ?? eb.ref("assigned_to"), updated_at: now }))
      .where("id", "in", lines)
      .execute();
  }
  return joined.length;
}
