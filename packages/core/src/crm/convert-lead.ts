import { sql } from "kysely";
import type { TenantTx } from "@vendaflow/db/with-tenant";
import { normalizePhone, phoneVariants, type ConvertLeadInput } from "@vendaflow/validators/crm";
import type { FlowBands } from "@vendaflow/validators/flow";
import { recordAudit, type AuditMeta } from "../audit/record";
import { recordEvent } from "../conversations/events";
import type { AppDeps } from "../deps";
import { DomainError } from "../errors";
import { loadFlow } from "../flows/store";
import { assertCanAssign, assertCanWork, type Actor } from "./access";
import { logActivity } from "./activities";
import { companyDomainOf, nameFromDomain } from "./free-mail";
import { defaultEntry } from "./pipelines";
import { assertRef } from "./refs";
import { suggestedValueCents } from "./suggested-value";
import { recomputeLeadScore } from "./lead-score/recompute";
import type { AfterCommit } from "../after-commit";
import { meetingsJoinConvertedDeal } from "./meeting-lines";

/**
 * Lead → deal, all in the caller's transaction (nothing half-written): find or create the company
 * (by the e-mail's domain unless it is a free-mail provider, else by the name the lead gave), find
 * or create the contact (same e-mail, or the same phone with or without the ninth digit), open a
 * deal in the default pipeline's first stage valued at the BANT budget, mark the lead converted,
 * log the activity, link the lead's latest conversation and bring its booked meetings (meeting-lines.ts).
 */
export async function convertLead(tx: TenantTx, tenantId: string, actor: Actor, input: ConvertLeadInput, meta: AuditMeta, deps: Pick<AppDeps, "now">, after: AfterCommit | null = null) {
  const lead = await tx
    .selectFrom("leads")
    .select(["id", "name", "email", "phone", "company", "bant_data", "converted_at", "tags"])
    .where("id", "=", input.leadId)
    .forNoKeyUpdate()
    .executeTakeFirst();
  if (!lead) throw new DomainError("NOT_FOUND", "Lead não encontrado.");
  if (lead.converted_at) {
    const deal = await tx.selectFrom("deals").select("id").where("lead_id", "=", lead.id).where("deleted_at", "is", null).orderBy("created_at").executeTakeFirst();
    throw new DomainError("CONFLICT", "Este lead já foi convertido.", { dealId: deal?.id ?? null });
  }
  assertCanWork(actor, null);
  const ownerId = input.ownerId === undefined ? (actor.role === "viewer" ? null : actor.userId) : input.ownerId;
  assertCanAssign(actor, ownerId);
  await assertRef(tx, "users", ownerId, "ownerId");
  const now = deps.now();

  const conversation = await tx
    .selectFrom("conversations")
    .select(["id", "flow_id", "assigned_to"])
    .where("lead_id", "=", lead.id)
    .orderBy("last_message_at", "desc")
    .orderBy("id", "desc")
    .executeTakeFirst();

  // Company: the e-mail's domain, or the company name the lead typed.
  const domain = companyDomainOf(lead.email);
  let companyId: string | null = null;
  let companyName: string | null = null;
  let companyCreated = false;
  if (domain || lead.company?.trim()) {
    const found = await tx
      .selectFrom("companies")
      .select(["id", "name"])
      .where("deleted_at", "is", null)
      // Lower-cased by Postgres like the stored key: JS's toLowerCase differs for a few letters
      // (İ becomes two code points, a final Σ becomes ς), so such a name would miss its company.
      .where((eb) => (domain ? eb("domain", "=", domain) : eb("name_key", "=", sql<string>`lower(${lead.company!.trim()})`)))
      .orderBy("created_at")
      .executeTakeFirst();
    if (found) [companyId, companyName] = [found.id, found.name];
    else {
      companyName = (lead.company?.trim() || nameFromDomain(domain!)).slice(0, 255);
      const created = await tx
        .insertInto("companies")
        .values({ tenant_id: tenantId, name: companyName, domain, owner_id: ownerId })
        .returning("id")
        .executeTakeFirstOrThrow();
      [companyId, companyCreated] = [created.id, true];
    }
  }

  // Contact: same e-mail or same phone (both spellings of a Brazilian mobile).
  const phone = lead.phone ? normalizePhone(lead.phone) : null;
  const email = lead.email?.trim().toLowerCase() || null;
  let contactId: string | null = null;
  if (email || phone) {
    const found = await tx
      .selectFrom("contacts")
      .select(["id", "company_id"])
      .where("deleted_at", "is", null)
      .where((eb) => eb.or([...(email ? [eb("email_key", "=", email)] : []), ...(phone ? [eb("phone", "in", phoneVariants(phone))] : [])]))
      .orderBy("created_at")
      .executeTakeFirst();
    if (found) {
      contactId = found.id;
      if (!found.company_id && companyId) await tx.updateTable("contacts").set({ company_id: companyId, updated_at: now }).where("id", "=", found.id).execute();
    }
  }
  if (!contactId) {
    const created = await tx
      .insertInto("contacts")
      .values({ tenant_id: tenantId, name: (lead.name?.trim() || email || phone || "Contato sem nome").slice(0, 255), email, phone, company_id: companyId, owner_id: ownerId, is_primary: companyCreated })
      .returning("id")
      .executeTakeFirstOrThrow();
    contactId = created.id;
  }

  // Value: the BANT budget, read with the bands of the flow the lead answered.
  const budget = (lead.bant_data as { budget?: { value: string | number | null; optionId?: string; stepId?: string } }).budget;
  let bands: FlowBands | undefined;
  if (budget && conversation?.flow_id) {
    const flow = await loadFlow(tx, conversation.flow_id).catch(() => null);
    bands = flow?.steps.find((s) => s.id === budget.stepId || s.field === "budget")?.bands;
  }
  const valueCents = input.valueCents ?? suggestedValueCents(budget, bands) ?? 0;

  const { pipelineId, stage } = await defaultEntry(tx);
  const title = input.title ?? (companyName ? `${companyName}${lead.name ? ` — ${lead.name}` : ""}` : (lead.name ?? "Novo negócio")).slice(0, 255);
  const deal = await tx
    .insertInto("deals")
    .values({
      tenant_id: tenantId,
      pipeline_id: pipelineId,
      stage_id: stage.id,
      title,
      value_cents: valueCents,
      probability: stage.probability,
      owner_id: ownerId,
      company_id: companyId,
      contact_id: contactId,
      lead_id: lead.id,
      conversation_id: conversation?.id ?? null,
      status: "open",
      stage_changed_at: now,
      tags: lead.tags,
    })
    .returning("id")
    .executeTakeFirstOrThrow();

  await meetingsJoinConvertedDeal(tx, lead.id, { id: deal.id, ownerId }, now);
  await tx.updateTable("leads").set({ stage: "converted", converted_at: now, contact_id: contactId, company_id: companyId, updated_at: now }).where("id", "=", lead.id).execute();
  await recomputeLeadScore(tx, lead.id, { after }); // the company's size and fields now count
  await logActivity(tx, tenantId, {
    type: "note",
    systemEvent: "lead_converted",
    subject: `Lead convertido em negócio: ${title}`,
    dealId: deal.id,
    leadId: lead.id,
    contactId,
    companyId,
    createdBy: meta.actorUserId ?? null,
    data: { valueCents, conversationId: conversation?.id ?? null, companyCreated },
    at: now,
  });
  if (conversation) {
    await recordEvent(tx, tenantId, { conversationId: conversation.id, kind: "lead_converted", data: { dealId: deal.id }, actorUserId: meta.actorUserId ?? null });
  }
  await recordAudit(tx, tenantId, meta, { action: "lead.convert", entityType: "lead", entityId: lead.id, after: { dealId: deal.id, companyId, contactId, valueCents } });
  return { dealId: deal.id, companyId, contactId, valueCents, conversationId: conversation?.id ?? null };
}
