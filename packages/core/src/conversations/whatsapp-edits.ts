import { sql } from "kysely";
import { withTenant } from "@vendaflow/db/with-tenant";
import type { Database } from "@vendaflow/db/create-db";
import type { Json } from "@vendaflow/db/types";
import type { WhatsAppEditEvent, WhatsAppRevokeEvent } from "@vendaflow/validators/whatsapp";
import { claimEvent, markIgnored } from "./claim-event";
import { describeContent } from "./whatsapp-content";

// A lead (or the business, from the WhatsApp Business app) edits or deletes a message already
// stored. Neither is a new message: the original is updated in place and the bot never sees it.

const senderOf = (by: "lead" | "business") => (by === "lead" ? "lead" : "agent");

/** The new text replaces the old; the old one joins payload.edits with the time it was replaced. */
export async function applyMessageEdit(db: Database, tenantId: string, inboxId: string, ev: WhatsAppEditEvent): Promise<"applied" | "duplicate" | "ignored"> {
  return withTenant(db, tenantId, async (tx) => {
    const eventId = await claimEvent(tx, { tenantId, inboxId, providerEventId: ev.wamid, kind: "edit", payload: { originalWamid: ev.originalWamid, by: ev.by }, at: ev.timestamp });
    if (!eventId) return "duplicate";
    const d = describeContent(ev.content);
    const updated = await tx
      .updateTable("messages")
      .set({
        text: d.text,
        edited_at: ev.timestamp,
        payload: sql<Json>`jsonb_set(payload, '{edits}', coalesce(payload->'edits', '[]'::jsonb) || jsonb_build_array(jsonb_build_object('text', text, 'replacedAt', ${ev.timestamp.toISOString()}::text)))`,
      })
      .where("provider_message_id", "=", ev.originalWamid)
      .where("sender", "=", senderOf(ev.by))
      .where("deleted_at", "is", null)
      .returning("id")
      .executeTakeFirst();
    if (updated) return "applied";
    await markIgnored(tx, eventId, "Mensagem original não encontrada.");
    return "ignored";
  });
}

/** Deleted for everyone: the text and its edit history are cleared and the message marked deleted. */
export async function applyMessageRevoke(db: Database, tenantId: string, inboxId: string, ev: WhatsAppRevokeEvent): Promise<"applied" | "duplicate" | "ignored"> {
  return withTenant(db, tenantId, async (tx) => {
    const eventId = await claimEvent(tx, { tenantId, inboxId, providerEventId: ev.wamid, kind: "revoke", payload: { originalWamid: ev.originalWamid, by: ev.by }, at: ev.timestamp });
    if (!eventId) return "duplicate";
    const updated = await tx
      .updateTable("messages")
      .set({ text: null, deleted_at: ev.timestamp, payload: sql<Json>`payload - 'edits'` })
      .where("provider_message_id", "=", ev.originalWamid)
      .where("sender", "=", senderOf(ev.by))
      .returning("id")
      .executeTakeFirst();
    if (updated) return "applied";
    await markIgnored(tx, eventId, "Mensagem original não encontrada.");
    return "ignored";
  });
}
