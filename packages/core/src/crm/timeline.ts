import { sql, type RawBuilder, type SqlBool } from "kysely";
import type { TenantTx } from "@vendaflow/db/with-tenant";
import type { TimelineInput } from "@vendaflow/validators/crm-timeline";
import { decodeCursor } from "../keyset";
import { listActivities } from "./activities";

/**
 * One timeline for a lead, contact, company or deal: what people logged and what the system did
 * (activities, which include stage changes, won / lost and conversion), the messages of the
 * conversations behind the record, and the audit trail of the record itself. Three keyset streams
 * on (time, id), newest first, merged into one page; times compare at millisecond precision
 * because that is what a cursor carries.
 */

type Activity = Awaited<ReturnType<typeof listActivities>>["items"][number];
export type TimelineItem =
  | { kind: "activity"; id: string; at: Date; activity: Activity }
  | { kind: "message"; id: string; at: Date; sender: string; text: string | null; contentType: string; conversationId: string }
  | { kind: "audit"; id: string; at: Date; action: string; actorName: string | null };

// Stage changes, won / lost and activity edits are already activities; their audit rows would repeat them.
const REPEATED_IN_ACTIVITIES = ["deal.move", "deal.win", "deal.lose", "activity.create", "activity.update", "activity.complete", "activity.delete", "activity.restore"];

// Messages keep the provider's or the database's precision; the cursor has milliseconds (audit rows are stored so).
const ms = (col: string) => sql<Date>`date_trunc('milliseconds', ${sql.ref(col)})`;

/** The conversations whose messages belong on this record's timeline. */
function conversationIds(tx: TenantTx, target: TimelineInput) {
  if (target.leadId) return tx.selectFrom("conversations").select("id").where("lead_id", "=", target.leadId);
  if (target.dealId) {
    const deal = tx.selectFrom("deals").where("id", "=", target.dealId);
    return tx
      .selectFrom("conversations")
      .select("id")
      .where((eb) => eb.or([eb("id", "in", deal.select("conversation_id").where("conversation_id", "is not", null)), eb("lead_id", "in", deal.select("lead_id").where("lead_id", "is not", null))]));
  }
  const leads = tx.selectFrom("leads").select("id").where(target.contactId ? "contact_id" : "company_id", "=", (target.contactId ?? target.companyId)!);
  return tx.selectFrom("conversations").select("id").where("lead_id", "in", leads);
}

function entityOf(target: TimelineInput): { type: string; id: string } {
  if (target.dealId) return { type: "deal", id: target.dealId };
  if (target.leadId) return { type: "lead", id: target.leadId };
  if (target.contactId) return { type: "contact", id: target.contactId };
  return { type: "company", id: target.companyId! };
}

export async function recordTimeline(tx: TenantTx, input: TimelineInput) {
  const cursor = decodeCursor(input.cursor);
  const before = (at: RawBuilder<Date>, idCol: string) => sql<SqlBool>`(${at}, ${sql.ref(idCol)}) < (${cursor!.at}, ${cursor!.id}::uuid)`;
  const target = { dealId: input.dealId, leadId: input.leadId, contactId: input.contactId, companyId: input.companyId };

  const activities = await listActivities(tx, { ...target, cursor: input.cursor, limit: input.limit });

  let mq = tx
    .selectFrom("messages as m")
    .select(["m.id", ms("m.created_at").as("at"), "m.sender", "m.text", "m.content_type", "m.conversation_id"])
    .where("m.conversation_id", "in", conversationIds(tx, input))
    .where("m.deleted_at", "is", null);
  if (cursor) mq = mq.where(before(ms("m.created_at"), "m.id"));
  const messages = await mq.orderBy(ms("m.created_at"), "desc").orderBy("m.id", "desc").limit(input.limit + 1).execute();

  const entity = entityOf(input);
  let aq = tx
    .selectFrom("audit_logs as l")
    .leftJoin("users as u", "u.id", "l.actor_user_id")
    .select(["l.id", "l.created_at as at", "l.action", "u.name as actor_name"])
    .where("l.entity_type", "=", entity.type)
    .where("l.entity_id", "=", entity.id)
    .where("l.action", "not in", REPEATED_IN_ACTIVITIES);
  // Plain created_at (already milliseconds), so audit_logs_tenant_entity_idx serves the order.
  if (cursor) aq = aq.where(before(sql<Date>`${sql.ref("l.created_at")}`, "l.id"));
  const audits = await aq.orderBy("l.created_at", "desc").orderBy("l.id", "desc").limit(input.limit + 1).execute();

  const all: TimelineItem[] = [
    ...activities.items.map((a) => ({ kind: "activity" as const, id: a.id, at: a.created_at, activity: a })),
    ...messages.map((m) => ({ kind: "message" as const, id: m.id, at: new Date(m.at), sender: m.sender, text: m.text, contentType: m.content_type, conversationId: m.conversation_id })),
    ...audits.map((l) => ({ kind: "audit" as const, id: l.id, at: new Date(l.at), action: l.action, actorName: l.actor_name })),
  ].sort((x, y) => y.at.getTime() - x.at.getTime() || (y.id > x.id ? 1 : y.id < x.id ? -1 : 0));

  const items = all.slice(0, input.limit);
  const more = all.length > input.limit || activities.nextCursor !== null || messages.length > input.limit || audits.length > input.limit;
  const last = items[items.length - 1];
  return { items, nextCursor: more && last ? `${last.at.toISOString()}|${last.id}` : null };
}
