import { sql } from "kysely";
import type { Json } from "@vendaflow/db/types";
import type { ContactCardActionInput } from "@vendaflow/validators/agent";
import { email as emailSchema, normalizePhone, phoneVariants } from "@vendaflow/validators/crm";
import type { ContactCard } from "@vendaflow/validators/whatsapp";
import { recordAudit, type AuditMeta } from "../audit/record";
import { fireAutomations } from "../automations/fire";
import { updateLeadDetails } from "../crm/lead-details";
import { DomainError } from "../errors";
import type { AgentAction } from "./agent-actions";
import { assertCanHandle } from "./permissions";

type Field = "name" | "email" | "phone";

export interface ContactCardResult {
  leadId: string;
  /** A new lead was made from the card. */
  created: boolean;
  /** create: a lead with this phone, WhatsApp id or e-mail already existed, and is the one returned. */
  existing: boolean;
  /** complete: the fields written into the lead (they were empty). */
  filled: Field[];
  /** complete: the fields the lead already had with another value, left as they were. */
  kept: Field[];
}

/** The card's chosen values, checked and normalised (phone as E.164 through the CRM's normalizePhone). Pure. */
export function pickFromCard(card: ContactCard, input: Pick<ContactCardActionInput, "name" | "phone" | "email">): { name?: string; phone?: string; waId?: string; email?: string } {
  const out: { name?: string; phone?: string; waId?: string; email?: string } = {};
  if (input.name) {
    const name = card.name?.trim();
    if (!name) throw new DomainError("BAD_REQUEST", "Este cartão não tem nome.", { field: "name" });
    out.name = name.slice(0, 255);
  }
  if (input.phone !== null) {
    const p = card.phones[input.phone];
    if (!p) throw new DomainError("BAD_REQUEST", "Telefone não encontrado no cartão.", { field: "phone" });
    const phone = normalizePhone(p.phone) ?? (p.waId ? normalizePhone(`+${p.waId}`) : null);
    if (!phone) throw new DomainError("BAD_REQUEST", `Telefone do cartão inválido: ${p.phone.slice(0, 40)}`, { field: "phone" });
    out.phone = phone;
    if (p.waId && /^\d{8,15}$/.test(p.waId)) out.waId = p.waId;
  }
  if (input.email !== null) {
    const e = card.emails[input.email];
    if (!e) throw new DomainError("BAD_REQUEST", "E-mail não encontrado no cartão.", { field: "email" });
    const parsed = emailSchema.safeParse(e.email);
    if (!parsed.success) throw new DomainError("BAD_REQUEST", "E-mail do cartão inválido.", { field: "email" });
    out.email = parsed.data;
  }
  return out;
}

/**
 * "Adicionar ao lead" on a contact card a lead sent (issue 15, item 6), inside the agent's tenant
 * transaction (RLS: another tenant's message is not found). `complete` writes the chosen fields
 * into this conversation's lead where it has none (never overwriting: what differs is reported as
 * kept), through the lead-details path and its audit. `create` makes a new lead for the person on
 * the card (source manual, `source_details.via = contact_card`), unless a lead with that phone (either
 * spelling of a Brazilian mobile), WhatsApp id or e-mail exists, which is returned instead. The
 * message row is locked and remembers the lead made from each card, so a repeated click or a retry
 * returns the same lead and never makes two.
 */
export async function addContactCard(a: Pick<AgentAction, "tx" | "tenantId" | "actor" | "now" | "after">, meta: AuditMeta, input: ContactCardActionInput): Promise<ContactCardResult> {
  const { tx, tenantId, now } = a;
  const msg = await tx
    .selectFrom("messages as m")
    .innerJoin("conversations as c", "c.id", "m.conversation_id")
    .select(["m.id", "m.sender", "m.content_type", "m.payload", "c.id as conversation_id", "c.lead_id", "c.assigned_to", "c.team_id"])
    .where("m.id", "=", input.messageId)
    .forUpdate("m")
    .executeTakeFirst();
  if (!msg) throw new DomainError("NOT_FOUND", "Mensagem não encontrada.");
  await assertCanHandle(tx, a.actor, msg);
  const payload = (msg.payload ?? {}) as { contacts?: ContactCard[]; cardLeads?: Record<string, string> };
  if (msg.sender !== "lead" || msg.content_type !== "contacts" || !Array.isArray(payload.contacts)) throw new DomainError("BAD_REQUEST", "Esta mensagem não é um cartão de contato.");
  const card = payload.contacts[input.card];
  if (!card) throw new DomainError("BAD_REQUEST", "Cartão não encontrado na mensagem.", { field: "card" });
  const picked = pickFromCard({ ...card, phones: card.phones ?? [], emails: card.emails ?? [] }, input);
  const fields = (["name", "email", "phone"] as const).filter((f) => picked[f] !== undefined);
  const auditCard = (leadId: string, after: Record<string, unknown>) =>
    recordAudit(tx, tenantId, meta, { action: "lead.contact_card", entityType: "lead", entityId: leadId, after: { messageId: msg.id, conversationId: msg.conversation_id, card: input.card, mode: input.mode, ...after } });

  if (input.mode === "complete") {
    const lead = await tx.selectFrom("leads").select(["name", "email", "phone"]).where("id", "=", msg.lead_id).executeTakeFirstOrThrow();
    const filled = fields.filter((f) => !lead[f]);
    const kept = fields.filter((f) => lead[f] && lead[f] !== picked[f]);
    if (filled.length) {
      await updateLeadDetails(tx, tenantId, a.actor, msg.lead_id, Object.fromEntries(filled.map((f) => [f, picked[f]])), meta, now);
      await auditCard(msg.lead_id, { filled, kept });
    }
    return { leadId: msg.lead_id, created: false, existing: false, filled, kept };
  }

  const remember = (leadId: string) =>
    tx
      .updateTable("messages")
      .set({ payload: sql<Json>`payload || jsonb_build_object('cardLeads', coalesce(payload->'cardLeads', '{}'::jsonb) || jsonb_build_object(${String(input.card)}::text, ${leadId}::text))` })
      .where("id", "=", msg.id)
      .execute();
  const before = payload.cardLeads?.[String(input.card)];
  if (before) {
    const still = await tx.selectFrom("leads").select("id").where("id", "=", before).executeTakeFirst();
    if (still) return { leadId: before, created: false, existing: true, filled: [], kept: [] };
  }
  // The person may be a lead already: by either spelling of the phone, the WhatsApp id, or the e-mail.
  const match = await tx
    .selectFrom("leads")
    .select("id")
    .where("anonymised_at", "is", null)
    .where((eb) =>
      eb.or([
        ...(picked.phone ? [eb("phone", "in", phoneVariants(picked.phone))] : []),
        ...(picked.waId ? [eb("wa_id", "=", picked.waId)] : []),
        ...(picked.email ? [eb("email_key", "=", picked.email)] : []),
        ...(!picked.phone && !picked.waId && !picked.email ? [sql<boolean>`false`] : []),
      ]),
    )
    .orderBy("created_at")
    .limit(1)
    .executeTakeFirst();
  if (match) {
    await remember(match.id);
    return { leadId: match.id, created: false, existing: true, filled: [], kept: [] };
  }
  const created = await tx
    .insertInto("leads")
    .values({
      tenant_id: tenantId,
      source: "manual",
      name: picked.name ?? null,
      email: picked.email ?? null,
      phone: picked.phone ?? null,
      wa_id: picked.waId ?? null,
      source_details: JSON.stringify({ via: "contact_card", fromLeadId: msg.lead_id, messageId: msg.id }),
      created_at: now,
      updated_at: now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await remember(created.id);
  await recordAudit(tx, tenantId, meta, { action: "lead.create", entityType: "lead", entityId: created.id, after: { ...Object.fromEntries(fields.map((f) => [f, picked[f]])), source: "manual", via: "contact_card" } });
  await auditCard(created.id, { fields });
  await fireAutomations(tx, tenantId, { trigger: "lead_created", entityId: created.id, data: { source: "manual" } }, a.after);
  return { leadId: created.id, created: true, existing: false, filled: [], kept: [] };
}
