import type { TenantTx } from "@vendaflow/db/with-tenant";
import type { ConversationEventKind } from "@vendaflow/validators/plain/inbox";
import type { AfterCommit } from "../after-commit";
import { recordEvent } from "../conversations/events";

/** Meetings are shown and spoken of in São Paulo time, whatever the server's zone. */
export const MEETING_TIME_ZONE = "America/Sao_Paulo";

const fmt = new Intl.DateTimeFormat("pt-BR", { timeZone: MEETING_TIME_ZONE, weekday: "long", day: "2-digit", month: "2-digit", hour: "2-digit", minute: "2-digit" });

/** "quinta-feira, 03/12 às 14:00" */
export const whenText = (d: Date) => {
  const p = Object.fromEntries(fmt.formatToParts(d).map((x) => [x.type, x.value]));
  return `${p.weekday}, ${p.day}/${p.month} às ${p.hour}:${p.minute}`;
};

/** "quinta-feira, 03/12 às 14:00 (horário de Brasília)": every meeting message says whose clock it is. */
export const whenBrasilia = (d: Date) => `${whenText(d)} (horário de Brasília)`;

/** To the lead when the provider says the meeting was canceled. */
export const canceledText = (startsAt: Date) => `Sua reunião de ${whenBrasilia(startsAt)} foi cancelada. Se quiser, é só pedir um novo horário por aqui.`;

/**
 * A line on the conversation's timeline and a bot message to the lead, handed to the channel
 * after the commit (deliverMessages: on WhatsApp outside the 24-hour window the inbox's approved
 * template goes instead, see conversations/whatsapp-rules.ts).
 */
export async function postToConversation(tx: TenantTx, c: { tenantId: string; now: Date; after: AfterCommit }, conversationId: string, kind: ConversationEventKind, text: string, data: Record<string, unknown>) {
  await recordEvent(tx, c.tenantId, { conversationId, kind, data, at: c.now });
  const row = await tx
    .insertInto("messages")
    .values({ tenant_id: c.tenantId, conversation_id: conversationId, sender: "bot", content_type: "text", text, payload: JSON.stringify({ meeting: data }), delivery_status: "pending", created_at: c.now })
    .returning("id")
    .executeTakeFirstOrThrow();
  await tx.updateTable("conversations").set({ last_message_at: c.now }).where("id", "=", conversationId).execute();
  c.after.outbound.push(row.id);
}
