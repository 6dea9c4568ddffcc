import { sql } from "kysely";
import type { TenantTx } from "@vendaflow/db/with-tenant";
import type { CompanyInput, CompanyListInput } from "@vendaflow/validators/crm";
import { recordAudit, type AuditMeta } from "../audit/record";
import { DomainError } from "../errors";
import { decodeCursor, keysetPage } from "../keyset";
import { assertCanAssign, assertCanWork, type Actor } from "./access";
import { checkCustomValues } from "./custom-fields";
import { assertRef } from "./refs";
import { assertCustomFilter, createdAndCustomWheres } from "./list-filters";
import { searchCondition } from "./search-candidates";
import { recomputeForCompany } from "./lead-score/recompute";
import type { AfterCommit } from "../after-commit";

const cols = ["id", "name", "domain", "industry", "size", "website", "linkedin", "phone", "owner_id", "tags", "custom_fields", "created_at", "updated_at"] as const;

export async function listCompanies(tx: TenantTx, input: CompanyListInput) {
  let q = tx.selectFrom("companies").select(cols).where("deleted_at", "is", null);
  const match = await searchCondition(tx, "companies", "search", input.q);
  if (match) q = q.where(match);
  if (input.ownerId) q = q.where("owner_id", "=", input.ownerId);
  if (input.tag) q = q.where(sql<boolean>`tags @> array[${input.tag}]::text[]`);
  await assertCustomFilter(tx, "company", input.custom);
  for (const w of createdAndCustomWheres(null, input)) q = q.where(w);
  const cursor = decodeCursor(input.cursor);
  if (cursor) q = q.where((eb) => eb.or([eb("created_at", "<", cursor.at), eb.and([eb("created_at", "=", cursor.at), eb("id", "<", cursor.id)])]));
  const rows = await q.orderBy("created_at", "desc").orderBy("id", "desc").limit(input.limit + 1).execute();
  return keysetPage(rows, input.limit, (r) => r.created_at);
}

export async function getCompany(tx: TenantTx, id: string) {
  const row = await tx.selectFrom("companies").select(cols).where("id", "=", id).where("deleted_at", "is", null).executeTakeFirst();
  if (!row) throw new DomainError("NOT_FOUND", "Empresa não encontrada.");
  return row;
}

const uniqueDomain = (err: unknown): never => {
  if ((err as { code?: string }).code === "23505") throw new DomainError("CONFLICT", "Já existe uma empresa com este domínio.", { field: "domain" });
  throw err;
};

export async function saveCompany(tx: TenantTx, tenantId: string, actor: Actor, id: string | null, input: CompanyInput, meta: AuditMeta, after: AfterCommit | null = null) {
  const before = id ? await tx.selectFrom("companies").select(["owner_id", "custom_fields"]).where("id", "=", id).where("deleted_at", "is", null).forNoKeyUpdate().executeTakeFirst() : null;
  if (id && !before) throw new DomainError("NOT_FOUND", "Empresa não encontrada.");
  assertCanWork(actor, before?.owner_id ?? null);
  if (input.ownerId !== (before?.owner_id ?? null)) assertCanAssign(actor, input.ownerId);
  await assertRef(tx, "users", input.ownerId, "ownerId");
  const custom = await checkCustomValues(tx, "company", input.customFields, (before?.custom_fields ?? {}) as Record<string, unknown>);
  const values = {
    name: input.name,
    domain: input.domain,
    industry: input.industry,
    size: input.size,
    website: input.website,
    linkedin: input.linkedin,
    phone: input.phone,
    owner_id: input.ownerId,
    tags: input.tags,
    custom_fields: JSON.stringify(custom),
    updated_at: sql<Date>`now()`,
  };
  const row = id
    ? await tx.updateTable("companies").set(values).where("id", "=", id).returning("id").executeTakeFirstOrThrow().catch(uniqueDomain)
    : await tx.insertInto("companies").values({ tenant_id: tenantId, ...values }).returning("id").executeTakeFirstOrThrow().catch(uniqueDomain);
  if (id) await recomputeForCompany(tx, id, after); // size and custom fields are fit facts of its leads
  await recordAudit(tx, tenantId, meta, { action: id ? "company.update" : "company.create", entityType: "company", entityId: row.id, after: input });
  return row;
}

/** Soft delete (undo restores it); the company's contacts and deals keep pointing at it. */
export async function setCompanyDeleted(tx: TenantTx, tenantId: string, actor: Actor, id: string, deleted: boolean, meta: AuditMeta) {
  const row = await tx.selectFrom("companies").select(["owner_id", "name"]).where("id", "=", id).where("deleted_at", deleted ? "is" : "is not", null).forNoKeyUpdate().executeTakeFirst();
  if (!row) throw new DomainError("NOT_FOUND", "Empresa não encontrada.");
  assertCanWork(actor, row.owner_id);
  await tx.updateTable("companies").set({ deleted_at: deleted ? sql<Date>`now()` : null, updated_at: sql<Date>`now()` }).where("id", "=", id).execute().catch(uniqueDomain);
  await recordAudit(tx, tenantId, meta, { action: deleted ? "company.delete" : "company.restore", entityType: "company", entityId: id, before: { name: row.name } });
}
