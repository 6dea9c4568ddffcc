import type { QueryCreator } from "kysely";
import type { DB } from "@vendaflow/db/types";
import type { TenantTx } from "@vendaflow/db/with-tenant";
import type { WhatsAppUser } from "@vendaflow/validators/whatsapp";
import { absorbLead } from "./merge";

// A WhatsApp lead is one person behind up to three keys: the phone (wa_id, optional since users
// can hide it behind a username), the business-scoped user id (BSUID, always sent since 2026, new
// when the number changes) and the parent BSUID (when Meta enables it). The BSUID is the
// authority: a phone that arrives with another BSUID than the lead holding it has changed hands.

export const whatsAppLeadColumns = ["id", "name", "email", "phone", "company", "opted_out_at", "wa_id", "wa_user_id", "wa_parent_user_id", "wa_username", "created_at"] as const;

export interface WhatsAppLead {
  id: string;
  name: string | null;
  email: string | null;
  phone: string | null;
  company: string | null;
  opted_out_at: Date | null;
  wa_id: string | null;
  wa_user_id: string | null;
  wa_parent_user_id: string | null;
  wa_username: string | null;
  created_at: Date;
  /** True when this call inserted the lead (its lead_created automations are due). */
  inserted?: boolean;
}

const cut = (s: string | undefined, max: number) => (s ? Array.from(s).slice(0, max).join("") : undefined);

/** The columns to change so the lead matches what the webhook says (empty when nothing changed). */
export function identityPatch(lead: Pick<WhatsAppLead, "name" | "phone" | "wa_id" | "wa_user_id" | "wa_parent_user_id" | "wa_username">, who: WhatsAppUser) {
  const patch: { wa_id?: string; phone?: string; wa_user_id?: string; wa_parent_user_id?: string; wa_username?: string; name?: string } = {};
  if (who.waId && lead.wa_id !== who.waId) {
    patch.wa_id = who.waId;
    // The phone column follows WhatsApp unless someone typed another number.
    if (!lead.phone || lead.phone === `+${lead.wa_id}`) patch.phone = `+${who.waId}`;
  }
  if (who.userId && lead.wa_user_id !== who.userId) patch.wa_user_id = who.userId;
  if (who.parentUserId && lead.wa_parent_user_id !== who.parentUserId) patch.wa_parent_user_id = who.parentUserId;
  if (who.username && lead.wa_username !== who.username) patch.wa_username = cut(who.username, 64)!;
  if (!lead.name && who.profileName) patch.name = cut(who.profileName, 255)!;
  return patch;
}

/** The leads that hold any of the sender's keys, oldest first (a query, so a caller can add to it). */
export function whatsAppLeadRows(qc: QueryCreator<DB>, who: Pick<WhatsAppUser, "userId" | "waId" | "parentUserId">) {
  return qc
    .selectFrom("leads")
    .select(whatsAppLeadColumns)
    .where((eb) =>
      eb.or([
        ...(who.userId ? [eb("wa_user_id", "=", who.userId)] : []),
        ...(who.waId ? [eb("wa_id", "=", who.waId)] : []),
        ...(who.parentUserId ? [eb("wa_parent_user_id", "=", who.parentUserId)] : []),
      ]),
    )
    .orderBy("created_at")
    .limit(5);
}

const findRows = (tx: TenantTx, who: WhatsAppUser) => whatsAppLeadRows(tx, who).execute();

/** A new sender's lead row as the webhook describes it. */
export function whatsAppLeadValues(tenantId: string, who: WhatsAppUser) {
  return {
    tenant_id: tenantId,
    source: "whatsapp" as const,
    wa_id: who.waId ?? null,
    phone: who.waId ? `+${who.waId}` : null,
    wa_user_id: who.userId ?? null,
    wa_parent_user_id: who.parentUserId ?? null,
    wa_username: cut(who.username, 64) ?? null,
    name: cut(who.profileName, 255) ?? null,
  };
}

/** A new sender's lead (whatsAppLeadValues); nothing when a concurrent first message inserted it (the unique indexes). */
export function insertWhatsAppLead(qc: QueryCreator<DB>, row: ReturnType<typeof whatsAppLeadValues>) {
  return qc
    .insertInto("leads")
    .values(row)
    .onConflict((oc) => oc.doNothing())
    .returning(whatsAppLeadColumns);
}

/** Another WhatsApp account now holds this number: the old lead keeps its history, not the number. */
async function releasePhone(tx: TenantTx, lead: WhatsAppLead) {
  await tx.updateTable("leads").set({ wa_id: null }).where("id", "=", lead.id).execute();
}

/**
 * One person, two leads (the phone-only lead from before BSUIDs, and the BSUID-only lead created
 * while the number was hidden): the older one stays and takes everything of the other (leads/merge.ts).
 */
export async function mergeLeads(tx: TenantTx, tenantId: string, keep: WhatsAppLead, drop: WhatsAppLead, now: Date): Promise<WhatsAppLead> {
  await absorbLead(tx, tenantId, keep.id, drop.id, now);
  return tx.selectFrom("leads").select(whatsAppLeadColumns).where("id", "=", keep.id).executeTakeFirstOrThrow();
}

/**
 * Finds or creates the lead behind a WhatsApp sender and brings its keys up to date. The usual
 * case is one SELECT (plus one UPDATE when something new arrives, e.g. a number revealed or a new
 * username); linking and merging happen only when two records turn out to be one person.
 * `read`: whatsAppLeadRows' answer when the caller read it already (with another statement).
 */
export async function resolveWhatsAppLead(tx: TenantTx, tenantId: string, who: WhatsAppUser, now: Date, read?: WhatsAppLead[], retry = true): Promise<WhatsAppLead> {
  if (!who.waId && !who.userId && !who.parentUserId) throw new Error("WhatsApp identity without phone or user id");
  const rows = read ?? (await findRows(tx, who));
  const byUser = rows.find((r) => who.userId && r.wa_user_id === who.userId) ?? rows.find((r) => who.parentUserId && r.wa_parent_user_id === who.parentUserId);
  let byPhone = rows.find((r) => who.waId && r.wa_id === who.waId);
  // The number belongs to another account than the one on record: it changed hands.
  if (byPhone && byPhone.id !== byUser?.id && who.userId && byPhone.wa_user_id && byPhone.wa_user_id !== who.userId) {
    await releasePhone(tx, byPhone);
    byPhone = undefined;
  }
  let lead: WhatsAppLead | undefined;
  if (byUser && byPhone && byUser.id !== byPhone.id) {
    const [keep, drop] = byUser.created_at <= byPhone.created_at ? [byUser, byPhone] : [byPhone, byUser];
    lead = await mergeLeads(tx, tenantId, keep, drop, now);
  } else {
    lead = byUser ?? byPhone;
  }
  if (!lead) {
    const created = await insertWhatsAppLead(tx, whatsAppLeadValues(tenantId, who)).executeTakeFirst();
    if (created) return { ...created, inserted: true };
    // Two first messages of a new sender may race: the unique indexes settle it, then we re-read.
    if (retry) return resolveWhatsAppLead(tx, tenantId, who, now, undefined, false);
    throw new Error("WhatsApp lead insert conflicted twice");
  }
  const patch = identityPatch(lead, who);
  if (Object.keys(patch).length === 0) return lead;
  await tx.updateTable("leads").set({ ...patch, updated_at: now }).where("id", "=", lead.id).execute();
  return { ...lead, ...patch };
}

/**
 * A system message: the lead changed number (new wa_id and a new BSUID) or Meta issued a new
 * BSUID. The lead keeps its history and moves to the new keys; if the new keys already belong
 * to another lead of ours, the two are merged. Returns null when we never knew the old identity.
 */
export async function changeWhatsAppIdentity(tx: TenantTx, tenantId: string, from: WhatsAppUser, next: WhatsAppUser, now: Date): Promise<WhatsAppLead | null> {
  const rows = await findRows(tx, from);
  const lead = rows.find((r) => from.userId && r.wa_user_id === from.userId) ?? rows.find((r) => from.waId && r.wa_id === from.waId);
  if (!lead) return null;
  const taken = (await findRows(tx, { waId: next.waId, userId: next.userId })).find((r) => r.id !== lead.id);
  let current = lead;
  if (taken) {
    const [keep, drop] = lead.created_at <= taken.created_at ? [lead, taken] : [taken, lead];
    current = await mergeLeads(tx, tenantId, keep, drop, now);
  }
  const patch = identityPatch(current, next);
  if (Object.keys(patch).length) await tx.updateTable("leads").set({ ...patch, updated_at: now }).where("id", "=", current.id).execute();
  return { ...current, ...patch };
}
