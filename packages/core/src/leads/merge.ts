import { sql } from "kysely";
import type { TenantTx } from "@vendaflow/db/with-tenant";
import { recordEvent } from "../conversations/events";

// The one way two leads become one, for the WhatsApp identity keys (whatsapp-identity.ts) and for
// a person's merge on the lead page (crm/merge-leads.ts). Callers decide which lead stays and
// hold both rows locked.

/**
 * Every table whose rows belong to a lead through `lead_id`. The foreign keys cascade or set null
 * on delete, so a table missing here would lose the merged lead's rows silently; the integration
 * test compares this list with the catalog's foreign keys to leads.
 */
export const LEAD_CHILD_TABLES = ["conversations", "deals", "meetings", "activities", "consents", "privacy_requests"] as const;

/** How far along each stage is: the lead that stays keeps the further one. */
const STAGE_RANK: Record<string, number> = { new: 0, nurture: 1, qualified: 2, converted: 3 };

const either = <T>(a: T | null, b: T | null): T | null => (a === null || a === "" ? b : a);
const earliest = (a: Date | null, b: Date | null) => (a && b ? (a < b ? a : b) : (a ?? b));
const latest = (a: Date | null, b: Date | null) => (a && b ? (a > b ? a : b) : (a ?? b));

/**
 * `goneId` joins `keepId` and is deleted: its rows in every child table, its CRM sync link (unless
 * the kept lead has its own on that connection) and the leads flagged as its duplicates move over.
 * The kept lead's values win and its blanks are filled from the other's (identity keys included,
 * once the other's row has freed them); tags, custom fields and source details are joined; the
 * further stage, the stronger BANT reading and the higher score stay (the lead score's engagement
 * counts add up); the first contact is the earlier one. For the LGPD the stricter answer wins: an
 * opt-out on either stays, and marketing consent holds only when neither record refused it (the
 * consent ledger moves whole). Each moved conversation records the merge (by `actorUserId` when a
 * person did it). Returns the deleted row.
 */
export async function absorbLead(tx: TenantTx, tenantId: string, keepId: string, goneId: string, now: Date, actorUserId: string | null = null) {
  const keep = await tx.selectFrom("leads").selectAll().where("id", "=", keepId).executeTakeFirstOrThrow();
  let moved: { id: string }[] = [];
  for (const table of LEAD_CHILD_TABLES) {
    const q = tx.updateTable(table).set({ lead_id: keepId }).where("lead_id", "=", goneId);
    if (table === "conversations") moved = await q.returning("id").execute();
    else await q.execute();
  }
  await tx.updateTable("leads").set({ possible_duplicate_of: keepId }).where("possible_duplicate_of", "=", goneId).where("id", "!=", keepId).execute();
  await tx
    .updateTable("crm_sync_links")
    .set({ local_id: keepId })
    .where("entity_type", "=", "lead")
    .where("local_id", "=", goneId)
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom("crm_sync_links as k").select(sql.lit(1).as("one")).whereRef("k.connection_id", "=", "crm_sync_links.connection_id").where("k.entity_type", "=", "lead").where("k.local_id", "=", keepId))),
    )
    .execute();
  await tx.deleteFrom("crm_sync_links").where("entity_type", "=", "lead").where("local_id", "=", goneId).execute();
  await tx.deleteFrom("crm_sync_outbox").where("entity_type", "=", "lead").where("entity_id", "=", goneId).execute();
  // Deleted first: the unique identity keys (WhatsApp, visitor) are free for the kept lead to take.
  const gone = await tx.deleteFrom("leads").where("id", "=", goneId).returningAll().executeTakeFirstOrThrow();

  const bant = (gone.bant_score ?? 0) > (keep.bant_score ?? 0) ? gone : keep;
  const scored = (gone.score ?? 0) > (keep.score ?? 0) ? gone : keep;
  const optedOut = earliest(keep.opted_out_at, gone.opted_out_at);
  const refused = keep.marketing_consent === false || gone.marketing_consent === false;
  await tx
    .updateTable("leads")
    .set({
      name: either(keep.name, gone.name),
      email: either(keep.email, gone.email),
      phone: either(keep.phone, gone.phone),
      company: either(keep.company, gone.company),
      wa_id: either(keep.wa_id, gone.wa_id),
      wa_user_id: either(keep.wa_user_id, gone.wa_user_id),
      wa_parent_user_id: either(keep.wa_parent_user_id, gone.wa_parent_user_id),
      wa_username: either(keep.wa_username, gone.wa_username),
      // One browser stays tied to the lead; the other's next visit starts a new lead.
      visitor_id: either(keep.visitor_id, gone.visitor_id),
      contact_id: either(keep.contact_id, gone.contact_id),
      company_id: either(keep.company_id, gone.company_id),
      stage: (STAGE_RANK[gone.stage] ?? 0) > (STAGE_RANK[keep.stage] ?? 0) ? gone.stage : keep.stage,
      converted_at: earliest(keep.converted_at, gone.converted_at),
      bant_score: bant.bant_score,
      bant_data: JSON.stringify(bant.bant_data ?? {}),
      score: scored.score,
      score_facts: JSON.stringify(scored.score_facts ?? []),
      score_updated_at: scored.score_updated_at,
      tags: [...new Set([...keep.tags, ...gone.tags])],
      custom_fields: JSON.stringify({ ...(gone.custom_fields as object), ...(keep.custom_fields as object) }),
      source_details: JSON.stringify({ ...(gone.source_details as object), ...(keep.source_details as object) }),
      marketing_consent: optedOut || refused ? false : (keep.marketing_consent ?? gone.marketing_consent),
      opted_out_at: optedOut,
      last_inbound_at: latest(keep.last_inbound_at, gone.last_inbound_at),
      // Its conversations came whole, and a reply is one within its conversation: the counts add up.
      engaged_messages: sql<number>`engaged_messages + ${gone.engaged_messages}`,
      engaged_replies: sql<number>`engaged_replies + ${gone.engaged_replies}`,
      created_at: earliest(keep.created_at, gone.created_at) ?? keep.created_at,
      possible_duplicate_of: keep.possible_duplicate_of === goneId ? null : keep.possible_duplicate_of,
      updated_at: now,
    })
    .where("id", "=", keepId)
    .execute();
  const snapshot = { mergedLeadId: gone.id, name: gone.name, phone: gone.phone, email: gone.email, waUserId: gone.wa_user_id, createdAt: gone.created_at };
  for (const c of moved) await recordEvent(tx, tenantId, { conversationId: c.id, kind: "lead_merged", data: snapshot, actorUserId, at: now });
  return gone;
}
