import { sql } from "kysely";
import type { TenantTx } from "@vendaflow/db/with-tenant";
import type { LeadIdentity } from "../leads/identify";

// The advisory locks one sender's inbound messages take (inbound.ts, senderTransaction), and the
// same locks taken by the writers of a team message into that sender's conversation, so the two
// run one after the other.

/**
 * The advisory-lock keys of one sender: every key a WhatsApp user arrives with (phone, BSUID,
 * parent BSUID: each one finds its lead, whatsAppLeadRows), sorted.
 */
export function senderKeys(tenantId: string, who: LeadIdentity): string[] {
  const ids = who.kind === "whatsapp" ? [who.waId && `wa:${who.waId}`, who.userId && `bsuid:${who.userId}`, who.parentUserId && `parent:${who.parentUserId}`] : who.kind === "visitor" ? [`visitor:${who.visitorId}`] : [`api:${who.externalId}`];
  return ids.filter((k): k is string => Boolean(k)).map((k) => `inbound:${tenantId}:${k}`).sort();
}

/** A lead's identity columns (an API lead's visitor_id is `api:<external id>`, leads/identify.ts). */
export interface LeadKeys {
  wa_id: string | null;
  wa_user_id: string | null;
  wa_parent_user_id: string | null;
  visitor_id: string | null;
}

const leadKeyColumns = ["l.wa_id", "l.wa_user_id", "l.wa_parent_user_id", "l.visitor_id"] as const;

/** The keys every sender that reaches this lead arrives with (senderKeys of each of its identities), sorted. */
export function leadSenderKeys(tenantId: string, lead: LeadKeys): string[] {
  const wa = { ...(lead.wa_id ? { waId: lead.wa_id } : {}), ...(lead.wa_user_id ? { userId: lead.wa_user_id } : {}), ...(lead.wa_parent_user_id ? { parentUserId: lead.wa_parent_user_id } : {}) };
  const keys = senderKeys(tenantId, { kind: "whatsapp", ...wa });
  const v = lead.visitor_id;
  if (v) keys.push(...senderKeys(tenantId, v.startsWith("api:") ? { kind: "api", externalId: v.slice(4) } : { kind: "visitor", visitorId: v }));
  return [...new Set(keys)].sort();
}

/**
 * The keys still to take, as they may be taken while `held` is held without risking a deadlock:
 * every locker takes its keys in ascending order, so a key above all the held ones is waited for
 * (`wait`, ascending), and one below is only tried (`attempt`): waiting for it could close a cycle
 * with a message holding it and waiting for one of ours.
 */
export function nextKeys(held: readonly string[], wanted: readonly string[]): { wait: string[]; attempt: string[] } {
  const top = held.reduce<string | null>((m, k) => (m === null || k > m ? k : m), null);
  const more = [...new Set(wanted)].filter((k) => !held.includes(k)).sort();
  return { wait: more.filter((k) => top === null || k > top), attempt: more.filter((k) => top !== null && k < top) };
}

// At most this many reads of the keys: each read after the first exists only because a
// transaction linked a key to the lead meanwhile (a message, an identity change, a merge).
const MAX_READS = 4;

/**
 * Takes the sender locks of the leads `read` returns until a fresh read of their keys finds none
 * missing: the first read is made without a lock, so a transaction that links a key to the lead
 * (its own, with a key the lead holds: inbound.ts, whatsapp-identity-change.ts, crm/merge-leads.ts)
 * may commit before our lock is taken, and a message of that new key alone would not wait for us.
 * Once every key the lead holds is held, no such link can commit (its author holds one of them).
 * False when a key below the held ones was busy (nextKeys): that message is not waited for.
 */
async function lockLeadKeys(tx: TenantTx, tenantId: string, read: () => Promise<LeadKeys[]>): Promise<boolean> {
  const held: string[] = [];
  for (let i = 0; i < MAX_READS; i++) {
    const { wait, attempt } = nextKeys(held, (await read()).flatMap((l) => leadSenderKeys(tenantId, l)));
    if (!wait.length && !attempt.length) return true;
    // The tried ones first (never waiting), then the waited ones one after the other in order, as advisoryLocksSql takes a sender's (db/tenant-binding.ts).
    const r = await sql<{ got: boolean }>`select (select coalesce(bool_and(pg_try_advisory_xact_lock(hashtextextended(k, 0))), true) from unnest(${attempt}::text[]) as t(k)) as got,
      (select count(*) from (select pg_advisory_xact_lock(hashtextextended(k, 0)) from unnest(${wait}::text[]) with ordinality as x(k, n) order by n) w) as waited`.execute(tx);
    if (!r.rows[0]!.got) return false;
    held.push(...attempt, ...wait);
  }
  return true;
}

/**
 * Takes the advisory locks of the conversation's lead, as its inbound messages take them, before a
 * team message goes into the conversation (an agent's reply from the inbox, the API or Chatwoot).
 * A lead message racing it then starts after this transaction's commit, so the statement storing
 * it sees the reply and counts it as one (leads.engaged_replies, crm/lead-score/engagement.ts).
 * The keys are read again once locked (lockLeadKeys): a key linked to the lead meanwhile is taken
 * too. Left out: a key linked meanwhile that sorts below the held ones and whose message is in
 * flight right then (waiting for it could deadlock); that reply is counted at the next recount.
 *
 * Lock order: call it before the conversation is locked, and before anything an inbound message
 * writes (the lead, the conversation, its messages): an inbound message takes these locks first of
 * all and those rows after, so taking them in the other order could deadlock.
 */
export async function lockConversationSenders(tx: TenantTx, tenantId: string, conversationId: string): Promise<void> {
  await lockLeadKeys(tx, tenantId, () => tx.selectFrom("conversations as c").innerJoin("leads as l", "l.id", "c.lead_id").select(leadKeyColumns).where("c.id", "=", conversationId).execute());
}

/** The sender locks of these leads (lockLeadKeys), for a write that moves keys between them (a merge): before their rows are locked. */
export async function lockLeadSenders(tx: TenantTx, tenantId: string, leadIds: readonly string[]): Promise<void> {
  await lockLeadKeys(tx, tenantId, () => tx.selectFrom("leads as l").select(leadKeyColumns).where("l.id", "in", [...leadIds]).execute());
}
