import { sql, type Expression, type QueryCreator } from "kysely";
import { jsonObjectFrom } from "kysely/helpers/postgres";
import type { DB } from "@vendaflow/db/types";
import type { TenantTx } from "@vendaflow/db/with-tenant";
import type { WhatsAppUser } from "@vendaflow/validators/whatsapp";
import { precompiled } from "@vendaflow/db/precompiled";
import { insertWhatsAppLead, whatsAppLeadColumns, whatsAppLeadRows, whatsAppLeadValues, type WhatsAppLead } from "../leads/whatsapp-identity";
import type { InboundMessage } from "./inbound";
import { lockedColumns, lockedOf, type LockedConversation } from "./lock";

// The first statements of an inbound message, folded where one answer does not depend on the
// other: the inbound event rides the read of its sender, and a new sender's lead and conversation
// are inserted together. Each saves a round trip per message (receiveInbound, inbound.ts).

export interface OpenConversation {
  id: string;
  status: string;
}

/**
 * The open conversation (not resolved, newest first) of a lead in an inbox: `leadId` a value or a
 * column of an enclosing query (the widget's consent read and the WhatsApp sender's read).
 */
export function openConversationOf(qc: QueryCreator<DB>, inboxId: string, leadId: Expression<string>) {
  return qc.selectFrom("conversations").select(["id", "status"]).where("lead_id", "=", leadId).where("inbox_id", "=", inboxId).where("status", "!=", "resolved").orderBy("created_at", "desc").limit(1);
}

/** The inbound event's row. */
export const eventValues = (m: InboundMessage) => ({ tenant_id: m.tenantId, inbox_id: m.inboxId, provider: m.provider, provider_event_id: m.providerEventId, kind: "message" as const, payload: JSON.stringify({ input: m.input, ...(m.deferred ? { deferred: m.deferred } : {}) }) });

export type EventRow = ReturnType<typeof eventValues>;

/** The inbound event's INSERT (no row when the provider delivered it before), for a statement to carry as a CTE. */
export const insertEventRow = (qc: QueryCreator<DB>, row: EventRow) =>
  qc
    .insertInto("inbound_events")
    .values(row)
    .onConflict((oc) => oc.columns(["tenant_id", "provider", "provider_event_id"]).doNothing())
    .returning("id");

/** The inbound event; no row when the provider delivered it before (its unique key). */
export const insertEvent = (qc: QueryCreator<DB>, m: InboundMessage) => insertEventRow(qc, eventValues(m));

export type SenderRow = WhatsAppLead & { open: OpenConversation | null };

// Every WhatsApp message sends it: compiled once per shape of the sender's keys (precompiled.ts).
export const eventWithSender = precompiled("eventWithWhatsAppSender", (db, v: EventRow & Pick<WhatsAppUser, "userId" | "waId" | "parentUserId">) => {
  const { userId, waId, parentUserId, ...event } = v;
  return db
    .with("ev", (qc) => insertEventRow(qc, event))
    .selectFrom(sql<{ one: number }>`(select 1)`.as("one"))
    .leftJoinLateral(
      () =>
        whatsAppLeadRows(db, { userId, waId, parentUserId })
          .select(jsonObjectFrom(openConversationOf(db, event.inbox_id, sql.ref<string>("leads.id"))).as("open"))
          .as("l"),
      (j) => j.onTrue(),
    )
    .select((eb) => [eb.selectFrom("ev").select("id").as("event_id"), ...whatsAppLeadColumns.map((c) => `l.${c}` as const), "l.open"]);
});

/**
 * One statement: the event inserted (eventId null on a duplicate) and the leads holding any of the
 * WhatsApp sender's keys, each with its open conversation in the inbox. The event does not change
 * what the read sees, so they go together; on a duplicate the read is wasted, which is rare.
 */
export async function eventWithWhatsAppSender(tx: TenantTx, m: InboundMessage, who: WhatsAppUser): Promise<{ eventId: string | null; rows: SenderRow[] }> {
  const found = await eventWithSender(tx, { ...eventValues(m), userId: who.userId, waId: who.waId, parentUserId: who.parentUserId }).execute();
  const eventId = found[0]?.event_id ?? null;
  return { eventId, rows: found.filter((r) => r.id !== null) as SenderRow[] };
}

// Every new WhatsApp sender's first message sends it: compiled once per shape (precompiled.ts).
export const leadWithConversation = precompiled("insertWhatsAppLeadWithConversation", (db, v: ReturnType<typeof whatsAppLeadValues> & { inboxId: string; flowId: string; at: Date }) => {
  const { inboxId, flowId, at, ...lead } = v;
  return db
    .with("ld", (qc) => insertWhatsAppLead(qc, lead))
    .with("cv", (qc) =>
      qc
        .insertInto("conversations")
        .columns(["tenant_id", "inbox_id", "lead_id", "flow_id", "status", "last_inbound_at", "last_message_at", "updated_at"])
        .expression((eb) =>
          eb
            .selectFrom("ld")
            .select([
              sql<string>`${lead.tenant_id}::uuid`.as("tenant_id"),
              sql<string>`${inboxId}::uuid`.as("inbox_id"),
              "ld.id",
              sql<string>`${flowId}::uuid`.as("flow_id"),
              sql<string>`'bot'`.as("status"),
              sql<Date>`${at}::timestamptz`.as("last_inbound_at"),
              sql<Date>`${at}::timestamptz`.as("last_message_at"),
              sql<Date>`${at}::timestamptz`.as("updated_at"),
            ]),
        )
        .returning(lockedColumns.map((c) => `${c} as cv_${c}` as const)),
    )
    .selectFrom("ld")
    .innerJoin("cv", (j) => j.onTrue())
    .selectAll();
});

/**
 * A new WhatsApp sender's lead and its first conversation in one statement (the conversation an
 * INSERT … SELECT from the lead's, so nothing is inserted when a concurrent message inserted the
 * lead first: null, and the caller reads it). `at` stamps the conversation's first message.
 */
export async function insertWhatsAppLeadWithConversation(tx: TenantTx, m: InboundMessage, who: WhatsAppUser, flowId: string): Promise<{ lead: WhatsAppLead; conversation: LockedConversation } | null> {
  const row = await leadWithConversation(tx, { ...whatsAppLeadValues(m.tenantId, who), inboxId: m.inboxId, flowId, at: m.at }).executeTakeFirst();
  if (!row) return null;
  const lead = Object.fromEntries(whatsAppLeadColumns.map((c) => [c, row[c]])) as unknown as WhatsAppLead;
  const conversation = lockedOf(row);
  return conversation ? { lead, conversation } : null;
}
