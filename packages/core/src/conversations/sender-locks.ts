import { sql } from "kysely";
import type { TenantTx } from "@vendaflow/db/with-tenant";
import type { LeadIdentity } from "../leads/identify";

// The advisory locks one sender's inbound messages take (inbound.ts, senderTransaction), and the
// same locks taken by the writers of a team message into that sender's conversation, so the two
// run one after the other.

/** The advisory-lock keys of one sender: every key a WhatsApp user arrives with (phone, BSUID), sorted. */
export function senderKeys(tenantId: string, who: LeadIdentity): string[] {
  const ids = who.kind === "whatsapp" ? [who.waId && `wa:${who.waId}`, who.userId && `bsuid:${who.userId}`] : who.kind === "visitor" ? [`visitor:${who.visitorId}`] : [`api:${who.externalId}`];
  return ids.filter((k): k is string => Boolean(k)).map((k) => `inbound:${tenantId}:${k}`).sort();
}

/** A lead's identity columns (an API lead's visitor_id is `api:<external id>`, leads/identify.ts). */
export interface LeadKeys {
  wa_id: string | null;
  wa_user_id: string | null;
  visitor_id: string | null;
}

/** The keys every sender that reaches this lead arrives with (senderKeys of each of its identities), sorted. */
export function leadSenderKeys(tenantId: string, lead: LeadKeys): string[] {
  const keys = [...senderKeys(tenantId, { kind: "whatsapp", ...(lead.wa_id ? { waId: lead.wa_id } : {}), ...(lead.wa_user_id ? { userId: lead.wa_user_id } : {}) })];
  const v = lead.visitor_id;
  if (v) keys.push(...senderKeys(tenantId, v.startsWith("api:") ? { kind: "api", externalId: v.slice(4) } : { kind: "visitor", visitorId: v }));
  return [...new Set(keys)].sort();
}

/**
 * Takes the advisory locks of the conversation's lead, as its inbound messages take them, before a
 * team message goes into the conversation (an agent's reply from the inbox, the API or Chatwoot).
 * A lead message racing it then starts after this transaction's commit, so the statement storing
 * it sees the reply and counts it as one (leads.engaged_replies, crm/lead-score/engagement.ts).
 *
 * Lock order: call it before the conversation is locked, and before anything an inbound message
 * writes (the lead, the conversation, its messages): an inbound message takes these locks first of
 * all and those rows after, so taking them in the other order could deadlock. The lead's keys are
 * read without a lock; a sender whose keys the lead does not hold yet is not waited for.
 */
export async function lockConversationSenders(tx: TenantTx, tenantId: string, conversationId: string): Promise<void> {
  const lead = await tx
    .selectFrom("conversations as c")
    .innerJoin("leads as l", "l.id", "c.lead_id")
    .select(["l.wa_id", "l.wa_user_id", "l.visitor_id"])
    .where("c.id", "=", conversationId)
    .executeTakeFirst();
  const keys = lead ? leadSenderKeys(tenantId, lead) : [];
  // One after the other in sorted order, as advisoryLocksSql takes the sender's (db/tenant-binding.ts).
  if (keys.length) await sql`select pg_advisory_xact_lock(hashtextextended(k, 0)) from unnest(${keys}::text[]) with ordinality as x(k, n) order by n`.execute(tx);
}
