import { withTenant } from "@vendaflow/db/with-tenant";
import type { Database } from "@vendaflow/db/create-db";
import type { WhatsAppIdentityChangeEvent } from "@vendaflow/validators/whatsapp";
import { changeWhatsAppIdentity } from "../leads/whatsapp-identity";
import { claimEvent, markIgnored } from "./claim-event";
import { senderKeys } from "./sender-locks";

const shown = (u: { waId?: string; userId?: string }) => (u.waId ? `+${u.waId}` : (u.userId ?? "?"));

/**
 * system messages user_changed_number / user_changed_user_id: the lead moves to its new keys (and
 * absorbs a lead already holding them); its open conversation notes the change for the agents.
 * Under the sender locks of both identities, the old and the new (sender-locks.ts): a team message
 * racing the change holds the old ones, so a message from the new keys comes after both. The
 * first act is a statement (claimEvent), so BEGIN and the locks go with it.
 */
export async function applyIdentityChange(db: Database, tenantId: string, inboxId: string, ev: WhatsAppIdentityChangeEvent): Promise<"applied" | "duplicate" | "ignored"> {
  const locks = [...new Set([...senderKeys(tenantId, { kind: "whatsapp", ...ev.user }), ...senderKeys(tenantId, { kind: "whatsapp", ...ev.next })])].sort();
  return withTenant(db, tenantId, async (tx) => {
    const eventId = await claimEvent(tx, { tenantId, inboxId, providerEventId: ev.wamid, kind: "identity", payload: { change: ev.change, from: ev.user, next: ev.next }, at: ev.timestamp });
    if (!eventId) return "duplicate";
    const lead = await changeWhatsAppIdentity(tx, tenantId, ev.user, ev.next, ev.timestamp);
    if (!lead) {
      await markIgnored(tx, eventId, "Contato desconhecido.");
      return "ignored";
    }
    const conv = await tx.selectFrom("conversations").select("id").where("lead_id", "=", lead.id).where("inbox_id", "=", inboxId).where("status", "!=", "resolved").orderBy("created_at", "desc").limit(1).executeTakeFirst();
    if (conv) {
      const text = ev.change === "number" ? `O contato trocou de número: ${shown(ev.user)} → ${shown(ev.next)}` : "O WhatsApp renovou o identificador deste contato.";
      await tx.insertInto("messages").values({ tenant_id: tenantId, conversation_id: conv.id, sender: "system", content_type: "system", text, payload: JSON.stringify({ identityChange: ev.change }), created_at: ev.timestamp }).execute();
    }
    return "applied";
  }, { advisoryLocks: locks, lockedFromFirstStatement: true });
}
