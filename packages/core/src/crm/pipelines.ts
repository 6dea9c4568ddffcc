import { sql } from "kysely";
import type { TenantTx } from "@vendaflow/db/with-tenant";
import type { LostReasonInput, PipelineInput, StageKind } from "@vendaflow/validators/crm";
import { recordAudit, type AuditMeta } from "../audit/record";
import { DomainError } from "../errors";

/** Pipelines with their ordered stages, and the tenant's list of lost reasons (admins manage both). */

export interface Stage {
  id: string;
  pipeline_id: string;
  name: string;
  position: number;
  probability: number;
  kind: StageKind;
}

export async function listPipelines(tx: TenantTx) {
  const pipelines = await tx.selectFrom("pipelines").select(["id", "name", "is_default"]).orderBy("is_default", "desc").orderBy("name").execute();
  const stages = (await tx.selectFrom("pipeline_stages").select(["id", "pipeline_id", "name", "position", "probability", "kind"]).orderBy("position").execute()) as Stage[];
  return pipelines.map((p) => ({ ...p, stages: stages.filter((s) => s.pipeline_id === p.id) }));
}

export async function getStage(tx: TenantTx, stageId: string): Promise<Stage | null> {
  const row = await tx.selectFrom("pipeline_stages").select(["id", "pipeline_id", "name", "position", "probability", "kind"]).where("id", "=", stageId).executeTakeFirst();
  return (row as Stage | undefined) ?? null;
}

/** The default pipeline and its first open stage: where new and converted deals start. */
export async function defaultEntry(tx: TenantTx, pipelineId?: string | null): Promise<{ pipelineId: string; stage: Stage }> {
  let q = tx.selectFrom("pipelines").select("id");
  q = pipelineId ? q.where("id", "=", pipelineId) : q.where("is_default", "=", true);
  const p = await q.executeTakeFirst();
  if (!p) throw new DomainError(pipelineId ? "BAD_REQUEST" : "PRECONDITION_FAILED", pipelineId ? "Funil não encontrado neste espaço." : "Nenhum funil padrão configurado.", { field: "pipelineId" });
  const stage = await tx
    .selectFrom("pipeline_stages")
    .select(["id", "pipeline_id", "name", "position", "probability", "kind"])
    .where("pipeline_id", "=", p.id)
    .where("kind", "=", "open")
    .orderBy("position")
    .executeTakeFirst();
  if (!stage) throw new DomainError("PRECONDITION_FAILED", "O funil não tem etapa aberta.");
  return { pipelineId: p.id, stage: stage as Stage };
}

const uniqueName = (err: unknown): never => {
  if ((err as { code?: string }).code === "23505") throw new DomainError("CONFLICT", "Já existe um funil com este nome.", { field: "name" });
  throw err;
};

/**
 * Creates or updates a pipeline and its stages in board order. Stages keep their ids (and deals);
 * a stage left out is removed only when no deal is in it; a stage holding deals keeps its kind.
 */
export async function savePipeline(tx: TenantTx, tenantId: string, id: string | null, input: PipelineInput, meta: AuditMeta) {
  if (input.isDefault) {
    // One default per tenant (partial unique index): clear the others first.
    await tx.updateTable("pipelines").set({ is_default: false }).where("is_default", "=", true).$if(!!id, (q) => q.where("id", "!=", id!)).execute();
  }
  const row = id
    ? await tx.updateTable("pipelines").set({ name: input.name, updated_at: sql<Date>`now()`, ...(input.isDefault ? { is_default: true } : {}) }).where("id", "=", id).returning(["id", "is_default"]).executeTakeFirst().catch(uniqueName)
    : await tx.insertInto("pipelines").values({ tenant_id: tenantId, name: input.name, is_default: input.isDefault }).returning(["id", "is_default"]).executeTakeFirst().catch(uniqueName);
  if (!row) throw new DomainError("NOT_FOUND", "Funil não encontrado.");
  if (id && !input.isDefault && row.is_default) {
    // Unsetting the default directly would leave the tenant without one: choose another as default instead.
    throw new DomainError("BAD_REQUEST", "Marque outro funil como padrão em vez de desmarcar este.", { field: "isDefault" });
  }

  const existing = await tx.selectFrom("pipeline_stages").select(["id", "kind", "name"]).where("pipeline_id", "=", row.id).execute();
  const used = new Set(
    (await tx.selectFrom("deals").select("stage_id").distinct().where("pipeline_id", "=", row.id).execute()).map((d) => d.stage_id),
  );
  input.stages.forEach((s, i) => {
    if (!s.id) return;
    const old = existing.find((e) => e.id === s.id);
    if (!old) throw new DomainError("BAD_REQUEST", "Etapa de outro funil.", { field: `stages.${i}.id` });
    if (old.kind !== s.kind && used.has(s.id)) throw new DomainError("BAD_REQUEST", `A etapa "${old.name}" tem negócios: o tipo dela não pode mudar.`, { field: `stages.${i}.kind` });
  });
  const kept = new Set(input.stages.flatMap((s) => (s.id ? [s.id] : [])));
  const removed = existing.filter((e) => !kept.has(e.id));
  const blocked = removed.find((e) => used.has(e.id));
  if (blocked) throw new DomainError("CONFLICT", `A etapa "${blocked.name}" tem negócios: mova-os antes de removê-la.`, { field: "stages" });
  if (removed.length) await tx.deleteFrom("pipeline_stages").where("id", "in", removed.map((e) => e.id)).execute();

  // Positions swap freely inside the transaction; uniqueness is checked at commit.
  await sql`set constraints pipeline_stages_position_uq deferred`.execute(tx);
  for (const [position, s] of input.stages.entries()) {
    const values = { name: s.name, probability: s.probability, kind: s.kind, position, updated_at: sql<Date>`now()` };
    if (s.id) await tx.updateTable("pipeline_stages").set(values).where("id", "=", s.id).execute();
    else await tx.insertInto("pipeline_stages").values({ tenant_id: tenantId, pipeline_id: row.id, ...values }).execute();
  }
  await recordAudit(tx, tenantId, meta, { action: id ? "pipeline.update" : "pipeline.create", entityType: "pipeline", entityId: row.id, after: input });
  return { id: row.id };
}

export async function deletePipeline(tx: TenantTx, tenantId: string, id: string, meta: AuditMeta) {
  const p = await tx.selectFrom("pipelines").select(["name", "is_default"]).where("id", "=", id).executeTakeFirst();
  if (!p) throw new DomainError("NOT_FOUND", "Funil não encontrado.");
  if (p.is_default) throw new DomainError("BAD_REQUEST", "O funil padrão não pode ser removido.");
  const deal = await tx.selectFrom("deals").select("id").where("pipeline_id", "=", id).limit(1).executeTakeFirst();
  if (deal) throw new DomainError("CONFLICT", "O funil tem negócios: mova-os antes de removê-lo.");
  await tx.deleteFrom("pipelines").where("id", "=", id).execute();
  await recordAudit(tx, tenantId, meta, { action: "pipeline.delete", entityType: "pipeline", entityId: id, before: { name: p.name } });
}

export async function listLostReasons(tx: TenantTx, opts: { includeInactive?: boolean } = {}) {
  let q = tx.selectFrom("lost_reasons").select(["id", "name", "position", "is_active"]).orderBy("position").orderBy("name");
  if (!opts.includeInactive) q = q.where("is_active", "=", true);
  return q.execute();
}

const uniqueReason = (err: unknown): never => {
  if ((err as { code?: string }).code === "23505") throw new DomainError("CONFLICT", "Este motivo já existe.", { field: "name" });
  throw err;
};

/** Reasons are never deleted (lost deals point at them); deactivating hides them from new losses. */
export async function saveLostReason(tx: TenantTx, tenantId: string, id: string | null, input: LostReasonInput, meta: AuditMeta) {
  const values = { name: input.name, position: input.position, is_active: input.isActive };
  const row = id
    ? await tx.updateTable("lost_reasons").set(values).where("id", "=", id).returning("id").executeTakeFirst().catch(uniqueReason)
    : await tx.insertInto("lost_reasons").values({ tenant_id: tenantId, ...values }).returning("id").executeTakeFirst().catch(uniqueReason);
  if (!row) throw new DomainError("NOT_FOUND", "Motivo não encontrado.");
  await recordAudit(tx, tenantId, meta, { action: id ? "lost_reason.update" : "lost_reason.create", entityType: "lost_reason", entityId: row.id, after: input });
  return row;
}
