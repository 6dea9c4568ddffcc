import type { TenantTx } from "@vendaflow/db/with-tenant";
import type { WhatsAppUser } from "@vendaflow/validators/whatsapp";
import { resolveWhatsAppLead } from "./whatsapp-identity";

export type LeadIdentity =
  | ({ kind: "whatsapp" } & WhatsAppUser)
  | { kind: "visitor"; visitorId: string }
  | { kind: "api"; externalId: string; name?: string; email?: string };

export interface IdentifiedLead {
  id: string;
  name: string | null;
  email: string | null;
  phone: string | null;
  optedOut: boolean;
  /** Inserted by this call: the caller fires lead_created. */
  created: boolean;
}

/** The lead columns an IdentifiedLead is made of (identifiedLead). */
export const identifiedLeadColumns = ["id", "name", "email", "phone", "opted_out_at"] as const;

/** A lead row of those columns as an IdentifiedLead (`created`: this transaction inserted it). */
export function identifiedLead(row: { id: string; name: string | null; email: string | null; phone: string | null; opted_out_at: Date | string | null }, created: boolean): IdentifiedLead {
  return { id: row.id, name: row.name, email: row.email, phone: row.phone, optedOut: row.opted_out_at !== null, created };
}

/**
 * Finds or creates the lead behind an inbound identity. Only WhatsApp keys merge by themselves
 * (same number or business-scoped id → same lead, see whatsapp-identity); a visitor id is one
 * browser; an email never merges (see flagDuplicateEmail).
 */
export async function identifyLead(tx: TenantTx, tenantId: string, who: LeadIdentity, now: Date): Promise<IdentifiedLead> {
  if (who.kind === "whatsapp") {
    const { kind: _kind, ...user } = who;
    const lead = await resolveWhatsAppLead(tx, tenantId, user, now);
    return identifiedLead(lead, lead.inserted === true);
  }
  const q = tx.selectFrom("leads").select(identifiedLeadColumns).where("visitor_id", "=", who.kind === "visitor" ? who.visitorId : `api:${who.externalId}`);
  let row = await q.executeTakeFirst();
  let created = false;
  if (!row) {
    const values =
      who.kind === "visitor"
          ? { source: "web", visitor_id: who.visitorId }
          : { source: "api", visitor_id: `api:${who.externalId}`, name: who.name ?? null, email: who.email ?? null };
    // Two first messages of a new number may race: the unique index settles it, then we re-read.
    row = await tx
      .insertInto("leads")
      .values({ tenant_id: tenantId, ...values })
      .onConflict((oc) => oc.doNothing())
      .returning(identifiedLeadColumns)
      .executeTakeFirst();
    created = row !== undefined;
    row ??= await q.executeTakeFirstOrThrow();
  }
  return identifiedLead(row, created);
}

/** An email typed in a chat that another lead already has: flag, never merge. */
export async function flagDuplicateEmail(tx: TenantTx, leadId: string, email: string) {
  const other = await tx
    .selectFrom("leads")
    .select("id")
    .where("email_key", "=", email.toLowerCase())
    .where("id", "!=", leadId)
    .orderBy("created_at")
    .limit(1)
    .executeTakeFirst();
  if (other) await tx.updateTable("leads").set({ possible_duplicate_of: other.id }).where("id", "=", leadId).execute();
  return other?.id ?? null;
}
