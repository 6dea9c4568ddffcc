import { isTransientDbError } from "@vendaflow/db/errors";
import { groupedTenantStatement } from "@vendaflow/db/grouped-statements";
import { withTenant, type TenantTx } from "@vendaflow/db/with-tenant";
import { sqlLiteral, uuidLiteral } from "@vendaflow/db/tenant-binding";
import { WINDOW_TEMPLATE_KEYS } from "@vendaflow/validators/inbox";
import { toInbox, type Inbox } from "../inboxes/inboxes";
import type { ReplyOption } from "../bot/types";
import type { FlowFormReply } from "./apply-bot";
import type { AppDeps } from "../deps";
import { WA_DISCONNECTED_TEXT } from "@vendaflow/validators/plain/whatsapp-account";
import { numberOf } from "./whatsapp-number";
import { markIfTokenRevoked } from "../whatsapp/token-revoked";
import { templateRefusal } from "../whatsapp/templates";
import { insideWindow } from "./whatsapp-rules";

/** Web and API conversations read their messages from the database: a message there is delivered once it is stored. */
export const deliveredWhenStored = (channel: string | null | undefined) => channel != null && channel !== "whatsapp";

/** Who a stored message goes to: its lead's WhatsApp keys and name, and when the lead last wrote. */
export interface DeliveryRecipient {
  lead_id: string;
  lead_name: string | null;
  wa_id: string | null;
  wa_user_id: string | null;
  last_inbound_at: Date | null;
}

/** What sending one stored message needs: the message, its recipient and its inbox. */
export interface Delivery extends DeliveryRecipient {
  id: string;
  text: string | null;
  payload: unknown;
  media_kind: string | null;
  storage_key: string | null;
  media_type: string | null;
  media_filename: string | null;
  inbox: Inbox;
}

/**
 * A delivery built from what the caller holds, for a message it stored without a file (the bot's
 * replies in receiveInbound: apply-bot.ts storeReplies), so nothing is read back to send it.
 */
export const builtDelivery = (message: { id: string; text: string | null; payload: unknown }, to: DeliveryRecipient, inbox: Inbox): Delivery => ({
  ...message,
  ...to,
  media_kind: null,
  storage_key: null,
  media_type: null,
  media_filename: null,
  inbox,
});

/**
 * What sending stored messages needs (message, conversation window, lead, inbox), in seq order.
 * Web and API conversations read their messages from the database, so those are delivered once
 * stored: marked here, in the caller's transaction (one UPDATE for all of them, none when every
 * message goes to WhatsApp), not one UPDATE per message after the commit.
 */
export async function loadDeliveries(tx: TenantTx, messageIds: string[]): Promise<Delivery[]> {
  const rows = await tx
    .selectFrom("messages as m")
    .innerJoin("conversations as c", "c.id", "m.conversation_id")
    .innerJoin("inboxes as i", "i.id", "c.inbox_id")
    .innerJoin("leads as l", "l.id", "c.lead_id")
    .leftJoin("media_objects as mo", "mo.message_id", "m.id")
    .select(["m.id", "m.text", "m.payload", "c.last_inbound_at", "l.wa_id", "l.wa_user_id", "l.name as lead_name", "l.id as lead_id"])
    .select(["mo.kind as media_kind", "mo.storage_key", "mo.content_type as media_type", "mo.filename as media_filename"])
    .select(["i.id as inbox_id", "i.tenant_id", "i.name", "i.channel", "i.public_key", "i.settings", "i.wa_phone_number_id", "i.webhook_key", "i.credentials_encrypted", "i.is_active", "i.created_at"])
    .where("m.id", "in", messageIds)
    .orderBy("m.seq")
    .execute();
  const stored = rows.filter((r) => deliveredWhenStored(r.channel)).map((r) => r.id);
  if (stored.length) await tx.updateTable("messages").set({ delivery_status: "delivered" }).where("id", "in", stored).execute();
  return rows.map((r) => {
    const { inbox_id, tenant_id, name, channel, public_key, settings, wa_phone_number_id, webhook_key, credentials_encrypted, is_active, created_at, ...d } = r;
    return { ...d, inbox: toInbox({ id: inbox_id, tenant_id, name, channel, public_key, settings, wa_phone_number_id, webhook_key, credentials_encrypted, is_active, created_at }) };
  });
}

/** The booking offer's WhatsApp button (Meta allows 20 characters). */
const BOOKING_BUTTON = "Escolher horário";

/**
 * Hands stored bot/agent messages to their channel. Web and API conversations read messages from
 * the database (SSE/polling), so loadDeliveries marked them delivered; WhatsApp goes out through
 * the Cloud API, as a template when the 24-hour window is closed.
 */
export async function deliverMessages(deps: AppDeps, tenantId: string, messageIds: string[]) {
  await sendDeliveries(deps, tenantId, await withTenant(deps.db, tenantId, (tx) => loadDeliveries(tx, messageIds)));
}

/** deliverMessages with the rows already read (inside the transaction that stored the messages). */
export async function sendDeliveries(deps: AppDeps, tenantId: string, rows: Delivery[]) {
  let templateSent = false;
  /** Inboxes whose business token Meta refused in this batch (190): their other messages are not attempted. */
  const revoked = new Set<string>();
  for (const r of rows) {
    const inbox = r.inbox;
    // Web and API: marked delivered by loadDeliveries.
    if (deliveredWhenStored(inbox.channel)) continue;
    const to = r.wa_id ? { phone: r.wa_id } : r.wa_user_id ? { userId: r.wa_user_id } : null;
    if (!to || !inbox.waPhoneNumberId) {
      await setStatus(deps, tenantId, r.id, { delivery_status: "delivered" });
      continue;
    }
    // Meta said the platform can no longer send for this number (account_update): nothing is attempted.
    const cut = inbox.settings.waDisconnected ?? (revoked.has(inbox.id) ? { reason: "token_revoked" as const } : undefined);
    if (cut) {
      await setStatus(deps, tenantId, r.id, { delivery_status: "failed", delivery_error: JSON.stringify({ code: "disconnected", title: WA_DISCONNECTED_TEXT[cut.reason] }) });
      continue;
    }
    const target = { ...numberOf(deps, inbox)!, to };
    // Synced templates must be approved; marketing ones need the ledger's marketing consent.
    const refusal = (t: { name: string; language: string }) => withTenant(deps.db, tenantId, (tx) => templateRefusal(tx, inbox.settings, t, { id: r.lead_id }));
    const payload = r.payload as { options?: ReplyOption[]; templateKey?: keyof typeof inbox.settings.templates; booking?: { url: string; label?: string }; flowForm?: FlowFormReply };
    let sent: { wamid: string };
    try {
      if (r.media_kind && r.storage_key) {
        // An agent's file: only inside the window (a template cannot carry it).
        if (!insideWindow(r.last_inbound_at, deps.now())) {
          await setStatus(deps, tenantId, r.id, { delivery_status: "failed", delivery_error: JSON.stringify({ code: "outside_window", title: "Fora da janela de 24 h: arquivos só podem ser enviados dentro dela" }) });
          continue;
        }
        const body = await deps.storage.get(r.storage_key);
        if (!body) throw Object.assign(new Error("Arquivo não encontrado no armazenamento"), { code: "media_missing" });
        sent = await deps.whatsapp.send(target, { kind: "media", mediaType: r.media_kind as "image", body, mimeType: r.media_type ?? "application/octet-stream", filename: r.media_filename ?? "arquivo", caption: r.text ?? undefined });
      } else if (payload.templateKey) {
        // An agent picked an approved template (the composer offers it outside the window).
        const template = inbox.settings.templates[payload.templateKey];
        if (!template) {
          await setStatus(deps, tenantId, r.id, { delivery_status: "failed", delivery_error: JSON.stringify({ code: "template_missing", title: "Template não configurado nesta caixa de entrada" }) });
          continue;
        }
        const refused = await refusal(template);
        if (refused) {
          await setStatus(deps, tenantId, r.id, { delivery_status: "failed", delivery_error: JSON.stringify(refused) });
          continue;
        }
        const params = template.params.map((p) => p.replaceAll("{name}", r.lead_name ?? ""));
        sent = await deps.whatsapp.send(target, { kind: "template", name: template.name, language: template.language, params });
      } else if (insideWindow(r.last_inbound_at, deps.now())) {
        sent = payload.booking
          ? await deps.whatsapp.send(target, { kind: "cta_url", text: (r.text ?? "").replace(payload.booking.url, "").replace(/[:\s]+$/, "") || BOOKING_BUTTON, buttonText: payload.booking.label ?? BOOKING_BUTTON, url: payload.booking.url })
          : payload.flowForm
            ? // The qualification as the inbox's WhatsApp Flow form (conversations/process.ts asFlowForm).
              await deps.whatsapp.send(target, { kind: "flow", text: r.text ?? "", flowId: payload.flowForm.flowId, flowToken: payload.flowForm.token, cta: payload.flowForm.cta, screen: payload.flowForm.screen, data: payload.flowForm.data })
          : payload.options?.length
            ? await deps.whatsapp.send(target, { kind: "options", text: r.text ?? "", options: payload.options })
            : await deps.whatsapp.send(target, { kind: "text", text: r.text ?? "" });
      } else {
        // Window closed: one approved template stands for the whole batch.
        const template = WINDOW_TEMPLATE_KEYS.map((k) => inbox.settings.templates[k]).find(Boolean);
        if (templateSent) {
          await setStatus(deps, tenantId, r.id, { delivery_status: "failed", delivery_error: JSON.stringify({ code: "outside_window", title: "Fora da janela de 24 h: o template aprovado foi enviado no lugar" }) });
          continue;
        }
        if (!template) {
          await setStatus(deps, tenantId, r.id, { delivery_status: "failed", delivery_error: JSON.stringify({ code: "outside_window", title: "Fora da janela de 24 h e sem template aprovado configurado" }) });
          continue;
        }
        const refused = await refusal(template);
        if (refused) {
          await setStatus(deps, tenantId, r.id, { delivery_status: "failed", delivery_error: JSON.stringify({ ...refused, title: `Fora da janela de 24 h: ${refused.title.charAt(0).toLowerCase()}${refused.title.slice(1)}` }) });
          templateSent = true;
          continue;
        }
        const params = template.params.map((p) => p.replaceAll("{name}", r.lead_name ?? "").replaceAll("{text}", r.text ?? ""));
        sent = await deps.whatsapp.send(target, { kind: "template", name: template.name, language: template.language, params });
        templateSent = true;
      }
    } catch (err) {
      const e = err as { code?: number | string; title?: string; message?: string };
      await setStatus(deps, tenantId, r.id, { delivery_status: "failed", delivery_error: JSON.stringify({ code: e.code ?? "error", title: e.title ?? e.message ?? "Falha no envio" }) });
      // Meta's 190 on the business token: the business revoked us without an account_update (token-revoked.ts).
      if (await markIfTokenRevoked(deps, tenantId, inbox, err)) revoked.add(inbox.id);
      continue;
    }
    await recordSent(deps, tenantId, r.id, sent.wamid);
  }
}

/**
 * A message Meta accepted is recorded `sent` with its wamid, which Meta's status webhooks find it
 * by. Outside the send's try: a database failure here must not record as failed a message the lead
 * got. A transient failure (isTransientDbError: a killed connection is the usual one) is tried once
 * more, on another connection; the UPDATE is idempotent. If that fails too, or the failure is not
 * transient, the message stays `pending` and the error goes to the caller, as any database failure
 * after the commit does.
 */
async function recordSent(deps: AppDeps, tenantId: string, id: string, wamid: string) {
  const values = { delivery_status: "sent", provider_message_id: wamid } as const;
  await setStatus(deps, tenantId, id, values).catch((err: unknown) => {
    if (!isTransientDbError(err)) throw err;
    return setStatus(deps, tenantId, id, values);
  });
}

const STATUSES = new Set(["sent", "delivered", "failed"]);

/**
 * Records a message's delivery in one round trip (the tenant binding and the UPDATE as one implicit
 * transaction) instead of BEGIN / UPDATE / COMMIT, grouped with the other replies' statuses
 * recorded at the same moment (groupedTenantStatement: one round trip and one commit for the
 * group). Still after the send: a reply sent but not recorded stays `pending`, as before.
 */
async function setStatus(deps: AppDeps, tenantId: string, id: string, values: { delivery_status: "sent" | "delivered" | "failed"; provider_message_id?: string; delivery_error?: string }) {
  await groupedTenantStatement(deps.db, tenantId, deliveryStatusSql(id, values));
}

/** The UPDATE setStatus sends, values as literals (the ids checked, the texts escaped). */
export function deliveryStatusSql(id: string, values: { delivery_status: string; provider_message_id?: string; delivery_error?: string }): string {
  const message = uuidLiteral("message", id);
  if (!STATUSES.has(values.delivery_status)) throw new Error(`delivery status: unknown status ${values.delivery_status}`);
  const set = [`delivery_status = '${values.delivery_status}'`];
  if (values.provider_message_id !== undefined) set.push(`provider_message_id = ${sqlLiteral(values.provider_message_id)}`);
  if (values.delivery_error !== undefined) set.push(`delivery_error = ${sqlLiteral(values.delivery_error)}`);
  return `update messages set ${set.join(", ")} where id = ${message}`;
}
