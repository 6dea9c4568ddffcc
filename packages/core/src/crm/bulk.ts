import { sql } from "kysely";
import type { TenantTx } from "@vendaflow/db/with-tenant";
import type { BulkAction, BulkInput } from "@vendaflow/validators/crm-bulk";
import type { AfterCommit } from "../after-commit";
import { recordAudit, type AuditMeta } from "../audit/record";
import type { AppDeps } from "../deps";
import { DomainError } from "../errors";
import { assertCanAssign, assertCanWork, type Actor } from "./access";
import { setCompanyDeleted } from "./companies";
import { setContactDeleted } from "./contacts";
import { moveDeal } from "./deal-stage";
import { setDealDeleted } from "./deals";
import { assertRef } from "./refs";

/**
 * Bulk actions on CRM lists: assign, tag, move stage, delete. All of them run inside the caller's
 * tenant transaction and check every record before the first write, so a selection with one
 * record the actor may not touch (another agent's, another tenant's, already deleted) changes
 * nothing and names that record. Per-record side effects (audit rows, stage activities, soft
 * delete) go through the same functions the single-record actions use.
 */

type Owned = "companies" | "contacts" | "deals";
const tables = { company: "companies", contact: "contacts", deal: "deals" } as const satisfies Record<string, Owned>;
const noun = { company: "Empresa", contact: "Contato", deal: "Negócio", lead: "Lead" } as const;

export interface BulkResult {
  count: number;
}

/** Locks the selected rows (FOR NO KEY UPDATE) and refuses the batch if any is missing or not the actor's to work. */
async function lockOwned(tx: TenantTx, entity: keyof typeof tables, ids: string[], actor: Actor) {
  const rows = await tx
    .selectFrom(tables[entity])
    .select(["id", "owner_id"])
    .where("id", "in", ids)
    .where("deleted_at", "is", null)
    .orderBy("id")
    .forNoKeyUpdate()
    .execute();
  const found = new Set(rows.map((r) => r.id));
  const missing = ids.find((id) => !found.has(id));
  if (missing) throw new DomainError("NOT_FOUND", `${noun[entity]} não encontrado na seleção; nada foi alterado.`, { field: "ids", id: missing });
  for (const r of rows) assertCanWork(actor, r.owner_id);
  return rows;
}

async function lockLeads(tx: TenantTx, ids: string[]) {
  const rows = await tx.selectFrom("leads").select(["id", "stage"]).where("id", "in", ids).orderBy("id").forNoKeyUpdate().execute();
  const found = new Set(rows.map((r) => r.id));
  const missing = ids.find((id) => !found.has(id));
  if (missing) throw new DomainError("NOT_FOUND", "Lead não encontrado na seleção; nada foi alterado.", { field: "ids", id: missing });
  return rows;
}

const addTag = (tag: string) => sql<string[]>`case when ${tag} = any(tags) then tags else array_append(tags, ${tag}) end`;

/** `after` carries the automations a stage move fires (one per deal, as a single move does). */
export async function bulkAction(tx: TenantTx, tenantId: string, actor: Actor, input: BulkInput, meta: AuditMeta, deps: Pick<AppDeps, "now">, after: AfterCommit | null = null): Promise<BulkResult> {
  if (actor.role === "viewer") throw new DomainError("FORBIDDEN", "Seu perfil só pode consultar o CRM.");
  const { entity, ids, action } = input;
  if (entity === "lead") return bulkLeads(tx, tenantId, ids, action, meta, deps);
  const table = tables[entity];
  await lockOwned(tx, entity, ids, actor);
  const now = deps.now();

  switch (action.type) {
    case "assign": {
      assertCanAssign(actor, action.ownerId);
      await assertRef(tx, "users", action.ownerId, "ownerId");
      await tx.updateTable(table).set({ owner_id: action.ownerId, updated_at: now }).where("id", "in", ids).execute();
      for (const id of ids) await recordAudit(tx, tenantId, meta, { action: `${entity}.assign`, entityType: entity, entityId: id, after: { ownerId: action.ownerId, bulk: true } });
      break;
    }
    case "tag": {
      await tx.updateTable(table).set({ tags: addTag(action.tag), updated_at: now }).where("id", "in", ids).execute();
      for (const id of ids) await recordAudit(tx, tenantId, meta, { action: `${entity}.tag`, entityType: entity, entityId: id, after: { tag: action.tag, bulk: true } });
      break;
    }
    case "move": {
      if (entity !== "deal" || !action.stageId) throw new DomainError("BAD_REQUEST", "Só negócios mudam de etapa.", { field: "action.type" });
      for (const id of ids) await moveDeal(tx, tenantId, actor, { id, stageId: action.stageId }, meta, deps, after);
      break;
    }
    case "delete": {
      const remove = entity === "company" ? setCompanyDeleted : entity === "contact" ? setContactDeleted : setDealDeleted;
      for (const id of ids) await remove(tx, tenantId, actor, id, true, meta);
      break;
    }
  }
  return { count: ids.length };
}

async function bulkLeads(tx: TenantTx, tenantId: string, ids: string[], action: BulkAction, meta: AuditMeta, deps: Pick<AppDeps, "now">): Promise<BulkResult> {
  const rows = await lockLeads(tx, ids);
  const now = deps.now();
  if (action.type === "tag") {
    await tx.updateTable("leads").set({ tags: addTag(action.tag), updated_at: now }).where("id", "in", ids).execute();
    for (const id of ids) await recordAudit(tx, tenantId, meta, { action: "lead.tag", entityType: "lead", entityId: id, after: { tag: action.tag, bulk: true } });
  } else if (action.type === "move" && action.leadStage) {
    await tx.updateTable("leads").set({ stage: action.leadStage, updated_at: now }).where("id", "in", ids).execute();
    for (const r of rows) await recordAudit(tx, tenantId, meta, { action: "lead.stage", entityType: "lead", entityId: r.id, before: { stage: r.stage }, after: { stage: action.leadStage, bulk: true } });
  } else {
    throw new DomainError("BAD_REQUEST", "Leads aceitam etiqueta e etapa em massa.", { field: "action.type" });
  }
  return { count: ids.length };
}
