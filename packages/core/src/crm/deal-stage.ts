import type { TenantTx } from "@vendaflow/db/with-tenant";
import type { DealLoseInput, DealMoveInput, StageKind } from "@vendaflow/validators/crm";
import type { AfterCommit } from "../after-commit";
import { recordAudit, type AuditMeta } from "../audit/record";
import { fireAutomations } from "../automations/fire";
import type { AppDeps } from "../deps";
import { DomainError } from "../errors";
import { assertCanWork, type Actor } from "./access";
import { logActivity } from "./activities";
import { getStage, type Stage } from "./pipelines";

/**
 * Stage changes of a deal: move, win, lose. Each locks the deal row first (FOR NO KEY UPDATE, so
 * foreign-key checks of activities pointing at it do not wait), so concurrent moves of one deal
 * run one after the other and each sees the stage the previous one left; the last one wins and
 * every move is logged from the stage it really left.
 */

async function lockDeal(tx: TenantTx, id: string) {
  const deal = await tx
    .selectFrom("deals")
    .select(["id", "pipeline_id", "stage_id", "owner_id", "status", "title"])
    .where("id", "=", id)
    .where("deleted_at", "is", null)
    .forNoKeyUpdate()
    .executeTakeFirst();
  if (!deal) throw new DomainError("NOT_FOUND", "Negócio não encontrado.");
  return deal;
}

async function stageOfKind(tx: TenantTx, pipelineId: string, kind: StageKind): Promise<Stage> {
  const s = await tx.selectFrom("pipeline_stages").select(["id", "pipeline_id", "name", "position", "probability", "kind"]).where("pipeline_id", "=", pipelineId).where("kind", "=", kind).orderBy("position").executeTakeFirst();
  if (!s) throw new DomainError("PRECONDITION_FAILED", kind === "won" ? "O funil não tem etapa de ganho." : "O funil não tem etapa de perda.");
  return s as Stage;
}

interface Transition {
  to: Stage;
  lost?: { reasonId: string; reasonName: string; note: string | null };
}

async function applyTransition(tx: TenantTx, tenantId: string, deal: Awaited<ReturnType<typeof lockDeal>>, t: Transition, meta: AuditMeta, now: Date, after: AfterCommit | null) {
  const from = (await getStage(tx, deal.stage_id))!;
  await tx
    .updateTable("deals")
    .set({
      stage_id: t.to.id,
      probability: t.to.probability,
      status: t.to.kind,
      won_at: t.to.kind === "won" ? now : null,
      lost_at: t.to.kind === "lost" ? now : null,
      lost_reason_id: t.lost?.reasonId ?? null,
      lost_note: t.lost?.note ?? null,
      stage_changed_at: now,
      updated_at: now,
    })
    .where("id", "=", deal.id)
    .execute();
  const event = t.to.kind === "won" ? "deal_won" : t.to.kind === "lost" ? "deal_lost" : "stage_changed";
  const subject =
    t.to.kind === "won" ? `Negócio ganho (${from.name} → ${t.to.name})` : t.to.kind === "lost" ? `Negócio perdido: ${t.lost!.reasonName}` : `Etapa alterada: ${from.name} → ${t.to.name}`;
  const data = { fromStageId: from.id, fromStage: from.name, toStageId: t.to.id, toStage: t.to.name, probability: t.to.probability, ...(t.lost ? { lostReasonId: t.lost.reasonId, lostReason: t.lost.reasonName, note: t.lost.note } : {}) };
  await logActivity(tx, tenantId, { type: "note", systemEvent: event, subject, dealId: deal.id, createdBy: meta.actorUserId ?? null, data, at: now });
  await recordAudit(tx, tenantId, meta, { action: `deal.${event === "stage_changed" ? "move" : event === "deal_won" ? "win" : "lose"}`, entityType: "deal", entityId: deal.id, before: { stageId: from.id, status: deal.status }, after: data });
  if (after) await fireAutomations(tx, tenantId, { trigger: event, entityId: deal.id, data: { from_stage: from.name, to_stage: t.to.name, ...(t.lost ? { lost_reason: t.lost.reasonName } : {}) } }, after);
  return { id: deal.id, stageId: t.to.id, status: t.to.kind, probability: t.to.probability, fromStageId: from.id, event };
}

export async function moveDeal(tx: TenantTx, tenantId: string, actor: Actor, input: DealMoveInput, meta: AuditMeta, deps: Pick<AppDeps, "now">, after: AfterCommit | null = null) {
  const deal = await lockDeal(tx, input.id);
  assertCanWork(actor, deal.owner_id);
  if (input.fromStageId && input.fromStageId !== deal.stage_id) {
    throw new DomainError("CONFLICT", "Este negócio acabou de ser movido por outra pessoa. Atualize o quadro.", { field: "stageId" });
  }
  const to = await getStage(tx, input.stageId);
  if (!to || to.pipeline_id !== deal.pipeline_id) throw new DomainError("BAD_REQUEST", "A etapa não pertence ao funil deste negócio.", { field: "stageId" });
  if (to.id === deal.stage_id) return { id: deal.id, stageId: to.id, status: to.kind, probability: to.probability, fromStageId: to.id, event: null };
  if (to.kind === "lost") throw new DomainError("BAD_REQUEST", "Informe o motivo da perda.", { field: "lostReasonId" });
  return applyTransition(tx, tenantId, deal, { to }, meta, deps.now(), after);
}

export async function winDeal(tx: TenantTx, tenantId: string, actor: Actor, id: string, meta: AuditMeta, deps: Pick<AppDeps, "now">, after: AfterCommit | null = null) {
  const deal = await lockDeal(tx, id);
  assertCanWork(actor, deal.owner_id);
  if (deal.status === "won") throw new DomainError("CONFLICT", "Este negócio já está ganho.");
  return applyTransition(tx, tenantId, deal, { to: await stageOfKind(tx, deal.pipeline_id, "won") }, meta, deps.now(), after);
}

export async function loseDeal(tx: TenantTx, tenantId: string, actor: Actor, input: DealLoseInput, meta: AuditMeta, deps: Pick<AppDeps, "now">, after: AfterCommit | null = null) {
  const deal = await lockDeal(tx, input.id);
  assertCanWork(actor, deal.owner_id);
  if (deal.status === "lost") throw new DomainError("CONFLICT", "Este negócio já está perdido.");
  const reason = await tx.selectFrom("lost_reasons").select(["id", "name"]).where("id", "=", input.lostReasonId).where("is_active", "=", true).executeTakeFirst();
  if (!reason) throw new DomainError("BAD_REQUEST", "Escolha um motivo de perda da lista.", { field: "lostReasonId" });
  const to = await stageOfKind(tx, deal.pipeline_id, "lost");
  return applyTransition(tx, tenantId, deal, { to, lost: { reasonId: reason.id, reasonName: reason.name, note: input.note } }, meta, deps.now(), after);
}
