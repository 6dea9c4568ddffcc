import { sql } from "kysely";
import type { TenantTx } from "@vendaflow/db/with-tenant";
import type { DealInput, DealListInput } from "@vendaflow/validators/crm";
import { recordAudit, type AuditMeta } from "../audit/record";
import type { AppDeps } from "../deps";
import { DomainError } from "../errors";
import { notifyDealsAssigned } from "../notifications/notifications";
import { meetingLinesFollowDealOwner } from "./meeting-lines";
import { decodeCursor, keysetPage } from "../keyset";
import { assertCanAssign, assertCanWork, type Actor } from "./access";
import { logActivity } from "./activities";
import { checkCustomValues } from "./custom-fields";
import { defaultEntry, getStage } from "./pipelines";
import { assertRef } from "./refs";
import { assertCustomFilter, createdAndCustomWheres } from "./list-filters";
import { searchCondition } from "./search-candidates";

const cols = [
  "d.id",
  "d.title",
  "d.value_cents",
  "d.currency",
  "d.pipeline_id",
  "d.stage_id",
  "d.probability",
  "d.owner_id",
  "d.company_id",
  "d.contact_id",
  "d.lead_id",
  "d.conversation_id",
  "d.status",
  "d.won_at",
  "d.lost_at",
  "d.lost_reason_id",
  "d.lost_note",
  "d.stage_changed_at",
  "d.tags",
  "d.custom_fields",
  "d.created_at",
  "d.updated_at",
] as const;

/** Deals as every read shows them (stage, company, contact and owner names), deleted ones left out. */
export function dealsQuery(tx: TenantTx) {
  return tx
    .selectFrom("deals as d")
    .innerJoin("pipeline_stages as s", "s.id", "d.stage_id")
    .leftJoin("companies as co", (j) => j.onRef("co.id", "=", "d.company_id").on("co.deleted_at", "is", null))
    .leftJoin("contacts as ct", (j) => j.onRef("ct.id", "=", "d.contact_id").on("ct.deleted_at", "is", null))
    .leftJoin("users as u", "u.id", "d.owner_id")
    .select([...cols, sql<string | null>`d.expected_close_date::text`.as("expected_close_date"), "s.name as stage_name", "co.name as company_name", "ct.name as contact_name", "u.name as owner_name"])
    .where("d.deleted_at", "is", null);
}

export async function listDeals(tx: TenantTx, input: DealListInput) {
  let q = dealsQuery(tx);
  const match = await searchCondition(tx, "deals", "d.search", input.q);
  if (match) q = q.where(match);
  if (input.pipelineId) q = q.where("d.pipeline_id", "=", input.pipelineId);
  if (input.stageId) q = q.where("d.stage_id", "=", input.stageId);
  if (input.status) q = q.where("d.status", "=", input.status);
  if (input.ownerId) q = q.where("d.owner_id", "=", input.ownerId);
  if (input.companyId) q = q.where("d.company_id", "=", input.companyId);
  if (input.contactId) q = q.where("d.contact_id", "=", input.contactId);
  if (input.tag) q = q.where(sql<boolean>`d.tags @> array[${input.tag}]::text[]`);
  await assertCustomFilter(tx, "deal", input.custom);
  for (const w of createdAndCustomWheres("d", input)) q = q.where(w);
  const cursor = decodeCursor(input.cursor);
  if (cursor) q = q.where((eb) => eb.or([eb("d.created_at", "<", cursor.at), eb.and([eb("d.created_at", "=", cursor.at), eb("d.id", "<", cursor.id)])]));
  const rows = await q.orderBy("d.created_at", "desc").orderBy("d.id", "desc").limit(input.limit + 1).execute();
  return keysetPage(rows, input.limit, (r) => r.created_at);
}

export async function getDeal(tx: TenantTx, id: string) {
  const row = await dealsQuery(tx).where("d.id", "=", id).executeTakeFirst();
  if (!row) throw new DomainError("NOT_FOUND", "Negócio não encontrado.");
  return row;
}

/** Resolves where a deal sits: the stage must belong to the pipeline (another pipeline's stage is refused). */
async function placement(tx: TenantTx, pipelineId: string | null, stageId: string | null) {
  if (!stageId) return defaultEntry(tx, pipelineId);
  const stage = await getStage(tx, stageId);
  if (!stage) throw new DomainError("BAD_REQUEST", "Etapa não encontrada neste espaço.", { field: "stageId" });
  if (pipelineId && stage.pipeline_id !== pipelineId) throw new DomainError("BAD_REQUEST", "A etapa não pertence a este funil.", { field: "stageId" });
  return { pipelineId: stage.pipeline_id, stage };
}

async function checkRefs(tx: TenantTx, input: DealInput) {
  await assertRef(tx, "users", input.ownerId, "ownerId");
  await assertRef(tx, "companies", input.companyId, "companyId");
  await assertRef(tx, "contacts", input.contactId, "contactId");
  await assertRef(tx, "leads", input.leadId, "leadId");
}

export async function createDeal(
  tx: TenantTx,
  tenantId: string,
  actor: Actor,
  input: DealInput,
  meta: AuditMeta,
  deps: Pick<AppDeps, "now">,
  extra: { conversationId?: string | null } = {},
) {
  assertCanWork(actor, null);
  assertCanAssign(actor, input.ownerId);
  await checkRefs(tx, input);
  const { pipelineId, stage } = await placement(tx, input.pipelineId, input.stageId);
  if (stage.kind === "lost") throw new DomainError("BAD_REQUEST", "Um negócio novo não começa perdido.", { field: "stageId" });
  const custom = await checkCustomValues(tx, "deal", input.customFields);
  const now = deps.now();
  const row = await tx
    .insertInto("deals")
    .values({
      tenant_id: tenantId,
      pipeline_id: pipelineId,
      stage_id: stage.id,
      title: input.title,
      value_cents: input.valueCents,
      probability: stage.probability,
      expected_close_date: input.expectedCloseDate,
      owner_id: input.ownerId,
      company_id: input.companyId,
      contact_id: input.contactId,
      lead_id: input.leadId,
      conversation_id: extra.conversationId ?? null,
      status: stage.kind,
      won_at: stage.kind === "won" ? now : null,
      stage_changed_at: now,
      tags: input.tags,
      custom_fields: JSON.stringify(custom),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await recordAudit(tx, tenantId, meta, { action: "deal.create", entityType: "deal", entityId: row.id, after: input });
  await notifyDealsAssigned(tx, tenantId, input.ownerId, actor.userId, { id: row.id, title: input.title }, now);
  return row;
}

/** Edits a deal's own fields; its stage changes through moveDeal / winDeal / loseDeal. */
export async function updateDeal(tx: TenantTx, tenantId: string, actor: Actor, id: string, input: DealInput, meta: AuditMeta) {
  const before = await tx.selectFrom("deals").select(["owner_id", "custom_fields", "pipeline_id", "stage_id"]).where("id", "=", id).where("deleted_at", "is", null).forNoKeyUpdate().executeTakeFirst();
  if (!before) throw new DomainError("NOT_FOUND", "Negócio não encontrado.");
  assertCanWork(actor, before.owner_id);
  if (input.ownerId !== before.owner_id) assertCanAssign(actor, input.ownerId);
  if ((input.pipelineId && input.pipelineId !== before.pipeline_id) || (input.stageId && input.stageId !== before.stage_id)) {
    throw new DomainError("BAD_REQUEST", "Mude a etapa movendo o negócio no funil.", { field: "stageId" });
  }
  await checkRefs(tx, input);
  const custom = await checkCustomValues(tx, "deal", input.customFields, before.custom_fields as Record<string, unknown>);
  await tx
    .updateTable("deals")
    .set({
      title: input.title,
      value_cents: input.valueCents,
      expected_close_date: input.expectedCloseDate,
      owner_id: input.ownerId,
      company_id: input.companyId,
      contact_id: input.contactId,
      lead_id: input.leadId,
      tags: input.tags,
      custom_fields: JSON.stringify(custom),
      updated_at: sql<Date>`now()`,
    })
    .where("id", "=", id)
    .execute();
  await recordAudit(tx, tenantId, meta, { action: "deal.update", entityType: "deal", entityId: id, after: input });
  if (input.ownerId !== before.owner_id) {
    await meetingLinesFollowDealOwner(tx, [{ dealId: id, from: before.owner_id }], input.ownerId);
    await notifyDealsAssigned(tx, tenantId, input.ownerId, actor.userId, { id, title: input.title });
  }
  return { id };
}

export async function setDealDeleted(tx: TenantTx, tenantId: string, actor: Actor, id: string, deleted: boolean, meta: AuditMeta) {
  const row = await tx.selectFrom("deals").select(["owner_id", "title"]).where("id", "=", id).where("deleted_at", deleted ? "is" : "is not", null).forNoKeyUpdate().executeTakeFirst();
  if (!row) throw new DomainError("NOT_FOUND", "Negócio não encontrado.");
  assertCanWork(actor, row.owner_id);
  await tx.updateTable("deals").set({ deleted_at: deleted ? sql<Date>`now()` : null, updated_at: sql<Date>`now()` }).where("id", "=", id).execute();
  await recordAudit(tx, tenantId, meta, { action: deleted ? "deal.delete" : "deal.restore", entityType: "deal", entityId: id, before: { title: row.title } });
  if (!deleted) await logActivity(tx, tenantId, { type: "note", systemEvent: "deal_restored", subject: "Negócio restaurado", dealId: id, createdBy: meta.actorUserId ?? null });
}
