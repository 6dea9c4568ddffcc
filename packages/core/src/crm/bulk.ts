import { sql } from "kysely";
import type { TenantTx } from "@vendaflow/db/with-tenant";
import { BULK_ALL_MAX, type BulkAction, type BulkEntity, type BulkFilter, type BulkInput } from "@vendaflow/validators/crm-bulk";
import type { CompanyListInput, ContactListInput, DealListInput, LeadListInput } from "@vendaflow/validators/crm";
import type { AfterCommit } from "../after-commit";
import { recordAudits, type AuditMeta } from "../audit/record";
import type { AppDeps } from "../deps";
import { DomainError } from "../errors";
import { notifyDealsAssigned } from "../notifications/notifications";
import { meetingLinesFollowDealOwner } from "./meeting-lines";
import { assertCanAssign, assertCanWork, type Actor } from "./access";
import { listCompanies } from "./companies";
import { listContacts } from "./contacts";
import { moveDeal } from "./deal-stage";
import { listDeals } from "./deals";
import { listLeads } from "./leads";
import { assertFilterRefs } from "./list-filters";
import { assertRef } from "./refs";

/**
 * Bulk actions on CRM lists: assign, tag, move stage, delete. All of them run inside the caller's
 * tenant transaction and check every record before the first write, so a selection with one
 * record the actor may not touch (another agent's, another tenant's, already deleted) changes
 * nothing and names that record. A stage move goes through moveDeal per deal (activity,
 * probability, automations); assign, tag and delete are one update each, with the audit rows
 * the single-record actions write.
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
  const rows = await tx.selectFrom("leads").select(["id", "stage", "converted_at"]).where("id", "in", ids).orderBy("id").forNoKeyUpdate().execute();
  const found = new Set(rows.map((r) => r.id));
  const missing = ids.find((id) => !found.has(id));
  if (missing) throw new DomainError("NOT_FOUND", "Lead não encontrado na seleção; nada foi alterado.", { field: "ids", id: missing });
  return rows;
}

/**
 * The ids of every record the list shows for this filter, read through the list's own query (so
 * "all matching" is exactly what the table would show) as one page of max + 1 rows: one query
 * instead of a page of PAGE_MAX at a time, each checking the custom field filter again.
 */
async function matchingIds(tx: TenantTx, tenantId: string, entity: BulkEntity, filter: BulkFilter, max: number): Promise<string[]> {
  const all = { cursor: undefined, limit: max + 1 };
  const page: { items: { id: string }[] } =
    entity === "lead"
      ? await listLeads(tx, tenantId, { ...(filter as LeadListInput), ...all })
      : entity === "company"
        ? await listCompanies(tx, { ...(filter as CompanyListInput), ...all })
        : entity === "contact"
          ? await listContacts(tx, { ...(filter as ContactListInput), ...all })
          : await listDeals(tx, { ...(filter as DealListInput), ...all });
  return page.items.map((r) => r.id);
}

/** How many records match a list's filter, for the "select all N" confirmation (`more` past the limit). */
export async function countMatching(tx: TenantTx, tenantId: string, entity: BulkEntity, filter: BulkFilter): Promise<{ count: number; more: boolean; max: number }> {
  await assertFilterRefs(tx, filter, "filter");
  const ids = await matchingIds(tx, tenantId, entity, filter, BULK_ALL_MAX);
  return { count: Math.min(ids.length, BULK_ALL_MAX), more: ids.length > BULK_ALL_MAX, max: BULK_ALL_MAX };
}

/** The selection: the ids sent, or every record matching the filter when that is still the count the user confirmed. */
async function resolveIds(tx: TenantTx, tenantId: string, input: BulkInput): Promise<string[]> {
  if (input.ids) return input.ids;
  const all = input.all!;
  await assertFilterRefs(tx, all.filter, "all.filter");
  const ids = await matchingIds(tx, tenantId, input.entity, all.filter, BULK_ALL_MAX);
  if (ids.length > BULK_ALL_MAX) throw new DomainError("BAD_REQUEST", `Mais de ${BULK_ALL_MAX.toLocaleString("pt-BR")} registros correspondem ao filtro; refine-o e tente de novo.`, { field: "all.filter" });
  if (ids.length !== all.count) {
    throw new DomainError("CONFLICT", `A lista mudou: agora ${ids.length === 1 ? "1 registro corresponde" : `${ids.length.toLocaleString("pt-BR")} registros correspondem`} ao filtro, não ${all.count.toLocaleString("pt-BR")}. Nada foi alterado; confirme de novo.`, { field: "all.count", count: ids.length });
  }
  return ids;
}

const addTag = (tag: string) => sql<string[]>`case when ${tag} = any(tags) then tags else array_append(tags, ${tag}) end`;

/** `after` carries the automations a stage move fires (one per deal, as a single move does). */
export async function bulkAction(tx: TenantTx, tenantId: string, actor: Actor, input: BulkInput, meta: AuditMeta, deps: Pick<AppDeps, "now">, after: AfterCommit | null = null): Promise<BulkResult> {
  if (actor.role === "viewer") throw new DomainError("FORBIDDEN", "Seu perfil só pode consultar o CRM.");
  const { entity, action } = input;
  const ids = await resolveIds(tx, tenantId, input);
  if (entity === "lead") return bulkLeads(tx, tenantId, ids, action, meta, deps);
  const table = tables[entity];
  await lockOwned(tx, entity, ids, actor);
  const now = deps.now();

  switch (action.type) {
    case "assign": {
      assertCanAssign(actor, action.ownerId);
      await assertRef(tx, "users", action.ownerId, "ownerId");
      // A deal's previous owner, for its booked meetings' lines (meeting-lines.ts).
      const previous = entity === "deal" ? new Map((await tx.selectFrom("deals").select(["id", "owner_id"]).where("id", "in", ids).execute()).map((d) => [d.id, d.owner_id])) : null;
      // Records the new owner already had are left alone: no audit row, no notification for them.
      const changed = (await tx.updateTable(table).set({ owner_id: action.ownerId, updated_at: now }).where("id", "in", ids).where("owner_id", "is distinct from", action.ownerId).returning("id").execute()).map((r) => r.id);
      await recordAudits(tx, tenantId, meta, changed.map((id) => ({ action: `${entity}.assign`, entityType: entity, entityId: id, after: { ownerId: action.ownerId, bulk: true } })));
      // One deal is named by its title; more are one notification with their count (no titles read).
      if (previous) await meetingLinesFollowDealOwner(tx, changed.map((id) => ({ dealId: id, from: previous.get(id) ?? null })), action.ownerId, now);
      const [only] = changed;
      if (entity === "deal" && only) {
        const deal = changed.length === 1 ? await tx.selectFrom("deals").select(["id", "title"]).where("id", "=", only).executeTakeFirstOrThrow() : { count: changed.length };
        await notifyDealsAssigned(tx, tenantId, action.ownerId, actor.userId, deal, now);
      }
      break;
    }
    case "tag": {
      await tx.updateTable(table).set({ tags: addTag(action.tag), updated_at: now }).where("id", "in", ids).execute();
      await recordAudits(tx, tenantId, meta, ids.map((id) => ({ action: `${entity}.tag`, entityType: entity, entityId: id, after: { tag: action.tag, bulk: true } })));
      break;
    }
    case "move": {
      if (entity !== "deal" || !action.stageId) throw new DomainError("BAD_REQUEST", "Só negócios mudam de etapa.", { field: "action.type" });
      for (const id of ids) await moveDeal(tx, tenantId, actor, { id, stageId: action.stageId }, meta, deps, after);
      break;
    }
    case "delete": {
      // The soft delete of setCompanyDeleted / setContactDeleted / setDealDeleted, for the rows
      // lockOwned already locked and checked: one update and the audit rows in batches, instead
      // of a select, an update and an insert per record.
      const label = entity === "deal" ? "title" : "name";
      const { rows: removed } = await sql<{ id: string; label: string }>`
        update ${sql.table(table)} set deleted_at = now(), updated_at = now() where id = any(${ids}::uuid[]) returning id, ${sql.ref(label)} as label`.execute(tx);
      await recordAudits(tx, tenantId, meta, removed.map((r) => ({ action: `${entity}.delete`, entityType: entity, entityId: r.id, before: { [label]: r.label } })));
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
    await recordAudits(tx, tenantId, meta, ids.map((id) => ({ action: "lead.tag", entityType: "lead", entityId: id, after: { tag: action.tag, bulk: true } })));
  } else if (action.type === "move" && action.leadStage) {
    // A converted lead's stage goes with its converted_at, contact and deal: moving it would make them disagree.
    const converted = rows.find((r) => r.converted_at);
    if (converted) throw new DomainError("BAD_REQUEST", "A seleção tem um lead já convertido, que não muda de etapa; nada foi alterado.", { field: "ids", id: converted.id });
    await tx.updateTable("leads").set({ stage: action.leadStage, updated_at: now }).where("id", "in", ids).execute();
    await recordAudits(tx, tenantId, meta, rows.map((r) => ({ action: "lead.stage", entityType: "lead", entityId: r.id, before: { stage: r.stage }, after: { stage: action.leadStage, bulk: true } })));
  } else {
    throw new DomainError("BAD_REQUEST", "Leads aceitam etiqueta e etapa em massa.", { field: "action.type" });
  }
  return { count: ids.length };
}
