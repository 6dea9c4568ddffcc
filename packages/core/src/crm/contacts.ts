import { sql } from "kysely";
import type { TenantTx } from "@vendaflow/db/with-tenant";
import type { ContactInput, ContactListInput } from "@vendaflow/validators/crm";
import { recordAudit, type AuditMeta } from "../audit/record";
import { DomainError } from "../errors";
import { decodeCursor, keysetPage } from "../keyset";
import { assertCanAssign, assertCanWork, type Actor } from "./access";
import { checkCustomValues } from "./custom-fields";
import { assertRef } from "./refs";
import { assertCustomFilter, createdAndCustomWheres } from "./list-filters";
import { searchCondition } from "./search-candidates";

const cols = ["c.id", "c.name", "c.email", "c.phone", "c.position", "c.linkedin", "c.company_id", "c.is_primary", "c.owner_id", "c.tags", "c.custom_fields", "c.created_at", "c.updated_at"] as const;

export async function listContacts(tx: TenantTx, input: ContactListInput) {
  let q = tx
    .selectFrom("contacts as c")
    .leftJoin("companies as co", (j) => j.onRef("co.id", "=", "c.company_id").on("co.deleted_at", "is", null))
    .select([...cols, "co.name as company_name"])
    .where("c.deleted_at", "is", null);
  const match = await searchCondition(tx, "contacts", "c.search", input.q, "c.phone");
  if (match) q = q.where(match);
  if (input.ownerId) q = q.where("c.owner_id", "=", input.ownerId);
  if (input.companyId) q = q.where("c.company_id", "=", input.companyId);
  if (input.tag) q = q.where(sql<boolean>`c.tags @> array[${input.tag}]::text[]`);
  await assertCustomFilter(tx, "contact", input.custom);
  for (const w of createdAndCustomWheres("c", input)) q = q.where(w);
  const cursor = decodeCursor(input.cursor);
  if (cursor) q = q.where((eb) => eb.or([eb("c.created_at", "<", cursor.at), eb.and([eb("c.created_at", "=", cursor.at), eb("c.id", "<", cursor.id)])]));
  const rows = await q.orderBy("c.created_at", "desc").orderBy("c.id", "desc").limit(input.limit + 1).execute();
  return keysetPage(rows, input.limit, (r) => r.created_at);
}

export async function getContact(tx: TenantTx, id: string) {
  const row = await tx
    .selectFrom("contacts as c")
    .leftJoin("companies as co", (j) => j.onRef("co.id", "=", "c.company_id").on("co.deleted_at", "is", null))
    .select([...cols, "co.name as company_name"])
    .where("c.id", "=", id)
    .where("c.deleted_at", "is", null)
    .executeTakeFirst();
  if (!row) throw new DomainError("NOT_FOUND", "Contato não encontrado.");
  return row;
}

export async function saveContact(tx: TenantTx, tenantId: string, actor: Actor, id: string | null, input: ContactInput, meta: AuditMeta) {
  const before = id ? await tx.selectFrom("contacts").select(["owner_id", "custom_fields"]).where("id", "=", id).where("deleted_at", "is", null).forNoKeyUpdate().executeTakeFirst() : null;
  if (id && !before) throw new DomainError("NOT_FOUND", "Contato não encontrado.");
  assertCanWork(actor, before?.owner_id ?? null);
  if (input.ownerId !== (before?.owner_id ?? null)) assertCanAssign(actor, input.ownerId);
  await assertRef(tx, "users", input.ownerId, "ownerId");
  await assertRef(tx, "companies", input.companyId, "companyId");
  const custom = await checkCustomValues(tx, "contact", input.customFields, (before?.custom_fields ?? {}) as Record<string, unknown>);
  const values = {
    name: input.name,
    email: input.email,
    phone: input.phone,
    position: input.position,
    linkedin: input.linkedin,
    company_id: input.companyId,
    is_primary: input.isPrimary,
    owner_id: input.ownerId,
    tags: input.tags,
    custom_fields: JSON.stringify(custom),
    updated_at: sql<Date>`now()`,
  };
  const row = id
    ? await tx.updateTable("contacts").set(values).where("id", "=", id).returning("id").executeTakeFirstOrThrow()
    : await tx.insertInto("contacts").values({ tenant_id: tenantId, ...values }).returning("id").executeTakeFirstOrThrow();
  await recordAudit(tx, tenantId, meta, { action: id ? "contact.update" : "contact.create", entityType: "contact", entityId: row.id, after: input });
  return row;
}

export async function setContactDeleted(tx: TenantTx, tenantId: string, actor: Actor, id: string, deleted: boolean, meta: AuditMeta) {
  const row = await tx.selectFrom("contacts").select(["owner_id", "name"]).where("id", "=", id).where("deleted_at", deleted ? "is" : "is not", null).forNoKeyUpdate().executeTakeFirst();
  if (!row) throw new DomainError("NOT_FOUND", "Contato não encontrado.");
  assertCanWork(actor, row.owner_id);
  await tx.updateTable("contacts").set({ deleted_at: deleted ? sql<Date>`now()` : null, updated_at: sql<Date>`now()` }).where("id", "=", id).execute();
  await recordAudit(tx, tenantId, meta, { action: deleted ? "contact.delete" : "contact.restore", entityType: "contact", entityId: id, before: { name: row.name } });
}
