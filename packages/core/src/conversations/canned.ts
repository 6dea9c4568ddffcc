import { sql } from "kysely";
import type { TenantTx } from "@vendaflow/db/with-tenant";
import type { CannedResponseInput } from "@vendaflow/validators/routing";
import { recordAudit, type AuditMeta } from "../audit/record";
import { DomainError } from "../errors";

export async function listCanned(tx: TenantTx) {
  return tx.selectFrom("canned_responses").select(["id", "shortcut", "title", "body", "updated_at"]).orderBy("shortcut").execute();
}

const conflict = (err: unknown) => {
  if ((err as { code?: string }).code === "23505") throw new DomainError("CONFLICT", "Já existe uma resposta com este atalho.", { field: "shortcut" });
  throw err;
};

export async function saveCanned(tx: TenantTx, tenantId: string, id: string | null, input: CannedResponseInput, meta: AuditMeta) {
  const row = id
    ? await tx.updateTable("canned_responses").set({ ...input, updated_at: sql<Date>`now()` }).where("id", "=", id).returning("id").executeTakeFirst().catch(conflict)
    : await tx.insertInto("canned_responses").values({ tenant_id: tenantId, ...input, created_by: meta.actorUserId ?? null }).returning("id").executeTakeFirst().catch(conflict);
  if (!row) throw new DomainError("NOT_FOUND", "Resposta pronta não encontrada.");
  await recordAudit(tx, tenantId, meta, { action: id ? "canned.update" : "canned.create", entityType: "canned_response", entityId: row.id, after: input });
  return row;
}

export async function deleteCanned(tx: TenantTx, tenantId: string, id: string, meta: AuditMeta) {
  const before = await tx.deleteFrom("canned_responses").where("id", "=", id).returning(["shortcut", "title", "body"]).executeTakeFirst();
  if (!before) throw new DomainError("NOT_FOUND", "Resposta pronta não encontrada.");
  await recordAudit(tx, tenantId, meta, { action: "canned.delete", entityType: "canned_response", entityId: id, before });
}

/** Fills {primeiro_nome}, {nome}, {email}, {empresa} and {agente} for one lead. */
export function renderCanned(body: string, vars: { leadName: string | null; email: string | null; company: string | null; agentName: string }) {
  const first = (vars.leadName ?? "").trim().split(/\s+/)[0] ?? "";
  return body
    .replaceAll("{primeiro_nome}", first)
    .replaceAll("{nome}", vars.leadName ?? "")
    .replaceAll("{email}", vars.email ?? "")
    .replaceAll("{empresa}", vars.company ?? "")
    .replaceAll("{agente}", vars.agentName);
}
