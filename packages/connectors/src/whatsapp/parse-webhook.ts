import {
  isDeliveryStatus,
  mediaTypes,
  whatsAppAccountUpdateSchema,
  whatsAppContactSchema,
  whatsAppEchoSchema,
  whatsAppEnvelopeSchema,
  whatsAppHistoryMessageSchema,
  whatsAppHistoryThreadSchema,
  whatsAppInboundMessageSchema,
  whatsAppMetadataSchema,
  whatsAppStatusSchema,
  whatsAppTemplateStatusSchema,
  waIdSchema,
  waUserIdSchema,
  type AdReferral,
  type ContactCard,
  type WhatsAppContact,
  type WhatsAppContent,
  type WhatsAppError,
  type WhatsAppEvent,
  type WhatsAppMediaType,
  type WhatsAppMessageBody,
  type WhatsAppParseIssue,
  type WhatsAppUser,
} from "@vendaflow/validators/whatsapp";
import { sanitizeForPostgres } from "@vendaflow/validators/sanitize";
import type { z } from "zod";

// Flattens Meta's entry[].changes[].value batches into one event per message, status, echo,
// history message or template update. Never throws: an element that does not fit its shape
// becomes an issue (logged and recorded by the caller) and the rest of the batch goes on.

const toDate = (unixSeconds: string | number) => new Date(Number(unixSeconds) * 1000);

const isMediaType = (type: string): type is WhatsAppMediaType => (mediaTypes as readonly string[]).includes(type);

function defined<T extends object>(obj: T): T {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined && v !== "")) as T;
}

const describeIssues = (error: z.ZodError) => error.issues.map((i) => `${i.path.join(".") || "(raiz)"}: ${i.message}`).join("; ");

const errorText = (e: WhatsAppError | undefined) => (e ? `${e.code}: ${e.error_data?.details ?? e.message ?? e.title ?? ""}`.trim() : undefined);

function contactCard(c: NonNullable<WhatsAppMessageBody["contacts"]>[number]): ContactCard {
  const name = c.name?.formatted_name ?? ([c.name?.first_name, c.name?.last_name].filter(Boolean).join(" ") || undefined);
  return defined({
    name,
    phones: (c.phones ?? []).filter((p) => p.phone || p.wa_id).map((p) => defined({ phone: p.phone ?? `+${p.wa_id}`, waId: p.wa_id, type: p.type })),
    emails: (c.emails ?? []).filter((e) => e.email).map((e) => defined({ email: e.email!, type: e.type })),
    company: c.org?.company,
    title: c.org?.title,
  });
}

function parseJsonObject(text: string | undefined): Record<string, unknown> | null {
  if (!text) return null;
  try {
    const v: unknown = JSON.parse(text);
    return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** What one message body says, for every type we read; anything else is kept as unsupported. */
export function toContent(message: WhatsAppMessageBody, changeErrors?: WhatsAppError[]): WhatsAppContent {
  const { type } = message;
  const error = errorText(message.errors?.[0] ?? changeErrors?.[0]);
  const unsupported = (originalType: string): WhatsAppContent => defined({ type: "unsupported" as const, originalType, error });
  if (type === "text") return message.text ? { type: "text", text: message.text.body } : unsupported(type);
  if (type === "interactive") {
    const i = message.interactive;
    if (!i) return unsupported(type);
    if (i.type === "button_reply" && i.button_reply) return { type: "button_reply", id: i.button_reply.id, title: i.button_reply.title };
    if (i.type === "list_reply" && i.list_reply) return { type: "list_reply", id: i.list_reply.id, title: i.list_reply.title };
    if (i.type === "nfm_reply" && i.nfm_reply) {
      const response = parseJsonObject(i.nfm_reply.response_json);
      if (response) {
        const { flow_token, ...answers } = response;
        return defined({ type: "flow_reply" as const, response: answers, flowToken: typeof flow_token === "string" ? flow_token : undefined, body: i.nfm_reply.body });
      }
    }
    return unsupported(`interactive.${i.type}`);
  }
  // A template's quick-reply button: its payload plays the part of the option id.
  if (type === "button") return message.button ? { type: "button_reply", id: message.button.payload, title: message.button.text } : unsupported(type);
  if (isMediaType(type)) {
    const media = message[type];
    if (!media) return unsupported(type);
    return defined({ type: "media" as const, mediaType: type, mediaId: media.id, mimeType: media.mime_type, sha256: media.sha256, caption: media.caption, filename: media.filename, voice: media.voice });
  }
  if (type === "location" && message.location) {
    const { latitude, longitude, name, address } = message.location;
    return defined({ type: "location" as const, latitude, longitude, name, address });
  }
  if (type === "reaction" && message.reaction) return { type: "reaction", emoji: message.reaction.emoji ?? "", messageId: message.reaction.message_id };
  if (type === "contacts" && message.contacts) return { type: "contacts", contacts: message.contacts.map(contactCard) };
  if (type === "order" && message.order) {
    const items = message.order.product_items.map((p) => ({ productRetailerId: p.product_retailer_id, quantity: p.quantity, itemPrice: p.item_price, currency: p.currency }));
    return defined({ type: "order" as const, catalogId: message.order.catalog_id, text: message.order.text, items });
  }
  return unsupported(type);
}

function referralOf(r: z.output<typeof whatsAppInboundMessageSchema>["referral"]): AdReferral | undefined {
  if (!r) return undefined;
  const ad = defined({ sourceType: r.source_type, sourceId: r.source_id, sourceUrl: r.source_url, headline: r.headline, body: r.body, mediaType: r.media_type, ctwaClid: r.ctwa_clid });
  return Object.keys(ad).length ? ad : undefined;
}

/** The sender's identity: the message's own fields, completed by its entry in contacts[]. */
function userOf(ids: { waId?: string; userId?: string; parentUserId?: string }, contacts: WhatsAppContact[]): WhatsAppUser {
  const contact =
    contacts.find((c) => (ids.userId && c.user_id === ids.userId) || (ids.waId && c.wa_id === ids.waId)) ?? (contacts.length === 1 ? contacts[0] : undefined);
  return defined({
    waId: ids.waId ?? contact?.wa_id,
    userId: ids.userId ?? contact?.user_id,
    parentUserId: ids.parentUserId ?? contact?.parent_user_id,
    username: contact?.profile?.username,
    profileName: contact?.profile?.name,
  });
}

const identified = (u: WhatsAppUser) => Boolean(u.waId || u.userId);

interface Sink {
  events: WhatsAppEvent[];
  issues: WhatsAppParseIssue[];
}

function arrayAt(value: Record<string, unknown>, key: string, path: string, sink: Sink, phoneNumberId?: string): unknown[] {
  const v = value[key];
  if (v === undefined) return [];
  if (Array.isArray(v)) return v;
  sink.issues.push(defined({ path: `${path}.${key}`, reason: "Esperava uma lista.", phoneNumberId }));
  return [];
}

const idOf = (raw: unknown) => (raw && typeof raw === "object" && typeof (raw as { id?: unknown }).id === "string" ? (raw as { id: string }).id.slice(0, 128) : undefined);

function messagesChange(value: Record<string, unknown>, phoneNumberId: string, path: string, sink: Sink) {
  const contacts: WhatsAppContact[] = [];
  arrayAt(value, "contacts", path, sink, phoneNumberId).forEach((raw, i) => {
    const c = whatsAppContactSchema.safeParse(raw);
    if (c.success) contacts.push(c.data);
    else sink.issues.push({ path: `${path}.contacts.${i}`, reason: describeIssues(c.error), phoneNumberId });
  });
  const changeErrors = Array.isArray(value.errors) ? (value.errors as WhatsAppError[]).filter((e) => e && typeof e.code === "number") : undefined;

  arrayAt(value, "messages", path, sink, phoneNumberId).forEach((raw, i) => {
    const where = `${path}.messages.${i}`;
    const parsed = whatsAppInboundMessageSchema.safeParse(raw);
    if (!parsed.success) return sink.issues.push(defined({ path: where, reason: describeIssues(parsed.error), phoneNumberId, id: idOf(raw) }));
    const m = parsed.data;
    const user = userOf({ waId: m.from, userId: m.from_user_id, parentUserId: m.from_parent_user_id }, contacts);
    if (!identified(user)) return sink.issues.push({ path: where, reason: "Mensagem sem remetente (from / from_user_id).", phoneNumberId, id: m.id });
    const base = { phoneNumberId, wamid: m.id, user, timestamp: toDate(m.timestamp) };
    if (m.type === "edit" && m.edit) return sink.events.push({ kind: "edit", ...base, by: "lead", originalWamid: m.edit.original_message_id, content: toContent(m.edit.message) });
    if (m.type === "revoke" && m.revoke) return sink.events.push({ kind: "revoke", ...base, by: "lead", originalWamid: m.revoke.original_message_id });
    if (m.type === "system") {
      const s = m.system;
      const change = s?.type === "user_changed_number" || s?.type === "customer_changed_number" ? "number" : s?.type === "user_changed_user_id" ? "user_id" : null;
      if (!s || !change) return sink.issues.push(defined({ path: where, reason: `Mensagem de sistema não tratada (${s?.type ?? "sem tipo"}).`, phoneNumberId, id: m.id }));
      const next = defined({ waId: change === "number" ? s.wa_id : undefined, userId: s.user_id, parentUserId: s.parent_user_id });
      if (!identified(next)) return sink.issues.push({ path: where, reason: "Troca de número/id sem o novo identificador.", phoneNumberId, id: m.id });
      return sink.events.push(defined({ kind: "identity_change" as const, ...base, change, next, body: s.body }));
    }
    sink.events.push(defined({ kind: "message" as const, ...base, content: toContent(m, changeErrors), referral: referralOf(m.referral) }));
  });

  arrayAt(value, "statuses", path, sink, phoneNumberId).forEach((raw, i) => {
    const parsed = whatsAppStatusSchema.safeParse(raw);
    if (!parsed.success) return sink.issues.push(defined({ path: `${path}.statuses.${i}`, reason: describeIssues(parsed.error), phoneNumberId, id: idOf(raw) }));
    const s = parsed.data;
    // Statuses outside the delivery lifecycle (e.g. "played") carry nothing the inbox tracks.
    if (!isDeliveryStatus(s.status)) return;
    const first = s.errors?.[0];
    const message = first?.error_data?.details ?? first?.message;
    const recipient = userOf({ waId: s.recipient_id, userId: s.recipient_user_id, parentUserId: s.parent_recipient_user_id ?? s.recipient_parent_user_id }, contacts);
    sink.events.push(
      defined({
        kind: "status" as const,
        phoneNumberId,
        wamid: s.id,
        status: s.status,
        recipient,
        timestamp: toDate(s.timestamp),
        pricing: s.pricing ? defined({ category: s.pricing.category, billable: s.pricing.billable ?? true, pricingModel: s.pricing.pricing_model }) : undefined,
        error: first ? defined({ code: first.code, title: first.title ?? first.message ?? `Erro ${first.code}`, message }) : undefined,
      }),
    );
  });
}

function echoesChange(value: Record<string, unknown>, phoneNumberId: string, path: string, sink: Sink) {
  const contacts = arrayAt(value, "contacts", path, sink, phoneNumberId).flatMap((raw) => {
    const c = whatsAppContactSchema.safeParse(raw);
    return c.success ? [c.data] : [];
  });
  arrayAt(value, "message_echoes", path, sink, phoneNumberId).forEach((raw, i) => {
    const where = `${path}.message_echoes.${i}`;
    const parsed = whatsAppEchoSchema.safeParse(raw);
    if (!parsed.success) return sink.issues.push(defined({ path: where, reason: describeIssues(parsed.error), phoneNumberId, id: idOf(raw) }));
    const e = parsed.data;
    const user = userOf({ waId: e.to, userId: e.to_user_id, parentUserId: e.to_parent_user_id }, contacts);
    if (!identified(user)) return sink.issues.push({ path: where, reason: "Eco sem destinatário (to / to_user_id).", phoneNumberId, id: e.id });
    const base = { phoneNumberId, wamid: e.id, user, timestamp: toDate(e.timestamp) };
    if (e.type === "edit" && e.edit) return sink.events.push({ kind: "edit", ...base, by: "business", originalWamid: e.edit.original_message_id, content: toContent(e.edit.message) });
    if (e.type === "revoke" && e.revoke) return sink.events.push({ kind: "revoke", ...base, by: "business", originalWamid: e.revoke.original_message_id });
    sink.events.push({ kind: "echo", ...base, content: toContent(e) });
  });
}

function historyChange(value: Record<string, unknown>, phoneNumberId: string, displayNumber: string | undefined, path: string, sink: Sink) {
  arrayAt(value, "history", path, sink, phoneNumberId).forEach((chunk, c) => {
    if (!chunk || typeof chunk !== "object") return;
    const chunkPath = `${path}.history.${c}`;
    const errors = (chunk as { errors?: unknown }).errors;
    // The business declined to share its history (e.g. 2593109): nothing to import.
    if (Array.isArray(errors) && errors.length) return sink.issues.push({ path: chunkPath, reason: `Histórico não compartilhado: ${JSON.stringify(errors[0]).slice(0, 300)}`, phoneNumberId });
    arrayAt(chunk as Record<string, unknown>, "threads", chunkPath, sink, phoneNumberId).forEach((rawThread, t) => {
      const threadPath = `${chunkPath}.threads.${t}`;
      const thread = whatsAppHistoryThreadSchema.safeParse(rawThread);
      if (!thread.success) return sink.issues.push({ path: threadPath, reason: describeIssues(thread.error), phoneNumberId });
      const phone = waIdSchema.safeParse(thread.data.id);
      const bsuid = waUserIdSchema.safeParse(thread.data.id);
      const user: WhatsAppUser = defined({ waId: phone.success ? phone.data : undefined, userId: thread.data.user_id ?? (bsuid.success ? bsuid.data : undefined) });
      if (!identified(user)) return sink.issues.push({ path: threadPath, reason: "Conversa do histórico sem número ou id do usuário.", phoneNumberId });
      thread.data.messages.forEach((raw, i) => {
        const parsed = whatsAppHistoryMessageSchema.safeParse(raw);
        if (!parsed.success) return sink.issues.push(defined({ path: `${threadPath}.messages.${i}`, reason: describeIssues(parsed.error), phoneNumberId, id: idOf(raw) }));
        const m = parsed.data;
        const fromBusiness = m.history_context?.from_me === true || (m.from !== undefined && m.from !== thread.data.id && (m.from === displayNumber || m.to !== undefined));
        sink.events.push({ kind: "history", phoneNumberId, wamid: m.id, user, fromBusiness, timestamp: toDate(m.timestamp), content: toContent(m) });
      });
    });
  });
}

/** A restriction's expiration as an ISO time: Meta's epoch seconds, or a date string; undefined when unreadable. */
function expiryOf(v: number | string | undefined): string | undefined {
  if (typeof v === "string" && /^\d{1,12}$/.test(v)) v = Number(v);
  const ms = typeof v === "number" ? v * 1000 : typeof v === "string" ? Date.parse(v.replace(/([+-]\d{2})(\d{2})$/, "$1:$2")) : NaN;
  return Number.isFinite(ms) && ms > 0 ? new Date(ms).toISOString() : undefined;
}

/** Reads a webhook body (already JSON-parsed); returns its events in payload order and what it skipped. */
export function parseWebhook(body: unknown): { events: WhatsAppEvent[]; issues: WhatsAppParseIssue[] } {
  const sink: Sink = { events: [], issues: [] };
  const envelope = whatsAppEnvelopeSchema.safeParse(sanitizeForPostgres(body));
  if (!envelope.success) return { events: [], issues: [{ path: "", reason: describeIssues(envelope.error) }] };
  if (envelope.data.object !== "whatsapp_business_account") return { events: [], issues: [{ path: "object", reason: `Objeto não tratado: ${envelope.data.object.slice(0, 60)}` }] };
  envelope.data.entry.forEach((entry, e) => {
    entry.changes.forEach((change, c) => {
      const path = `entry.${e}.changes.${c}.value`;
      const value = change.value && typeof change.value === "object" ? (change.value as Record<string, unknown>) : null;
      if (!value) return sink.issues.push({ path, reason: `Mudança "${change.field}" sem value.` });
      if (change.field === "message_template_status_update") {
        const t = whatsAppTemplateStatusSchema.safeParse(value);
        if (!t.success) return sink.issues.push({ path, reason: describeIssues(t.error) });
        const d = t.data;
        return sink.events.push(
          defined({ kind: "template_status" as const, wabaId: entry.id, templateId: d.message_template_id, name: d.message_template_name, language: d.message_template_language, status: d.event, reason: d.reason ?? undefined, category: d.message_template_category }),
        );
      }
      if (change.field === "account_update") {
        const u = whatsAppAccountUpdateSchema.safeParse(value);
        if (!u.success) return sink.issues.push({ path, reason: describeIssues(u.error) });
        // PARTNER_* name the customer's WABA in waba_info (their entry is the partner's business): never guessed from the entry.
        const wabaId = u.data.waba_info?.waba_id ?? (u.data.event.startsWith("PARTNER_") ? undefined : entry.id);
        if (!wabaId) return sink.issues.push({ path, reason: `account_update ${u.data.event.slice(0, 60)} sem waba_info.waba_id.` });
        const time = Number((entry as { time?: unknown }).time);
        const restrictions = u.data.restriction_info?.map((r) => defined({ type: r.restriction_type, expiresAt: expiryOf(r.expiration) }));
        return sink.events.push(
          defined({ kind: "account_update" as const, wabaId, event: u.data.event, banState: u.data.ban_info?.waba_ban_state, violationType: u.data.violation_info?.violation_type, restrictions, at: Number.isFinite(time) && time > 0 ? toDate(time) : new Date() }),
        );
      }
      if (change.field !== "messages" && change.field !== "smb_message_echoes" && change.field !== "history") return; // fields we do not subscribe to act on
      const metadata = whatsAppMetadataSchema.safeParse(value.metadata);
      if (!metadata.success) return sink.issues.push({ path: `${path}.metadata`, reason: describeIssues(metadata.error) });
      const phoneNumberId = metadata.data.phone_number_id;
      if (change.field === "messages") messagesChange(value, phoneNumberId, path, sink);
      else if (change.field === "smb_message_echoes") echoesChange(value, phoneNumberId, path, sink);
      else historyChange(value, phoneNumberId, metadata.data.display_phone_number, path, sink);
    });
  });
  return sink;
}
