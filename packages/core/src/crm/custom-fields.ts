import { sql } from "kysely";
import type { TenantTx } from "@vendaflow/db/with-tenant";
import {
  customValuesSchema,
  type CustomFieldDef,
  type CustomFieldEntity,
  type CustomFieldInput,
  type CustomFieldType,
  type CustomFieldValues,
} from "@vendaflow/validators/custom-fields";
import { recordAudit, type AuditMeta } from "../audit/record";
import { DomainError } from "../errors";

/** Custom field definitions (admins) and the checking of values against them (every write). */

export async function listCustomFields(tx: TenantTx, entityType?: CustomFieldEntity, opts: { includeArchived?: boolean } = {}) {
  let q = tx
    .selectFrom("custom_fields")
    .select(["id", "entity_type", "label", "field_type", "options", "is_required", "position", "archived_at"])
    .orderBy("entity_type")
    .orderBy("position")
    .orderBy("created_at");
  if (entityType) q = q.where("entity_type", "=", entityType);
  if (!opts.includeArchived) q = q.where("archived_at", "is", null);
  return q.execute();
}

export async function activeDefs(tx: TenantTx, entityType: CustomFieldEntity): Promise<CustomFieldDef[]> {
  const rows = await listCustomFields(tx, entityType);
  return rows.map((r) => ({ id: r.id, label: r.label, fieldType: r.field_type as CustomFieldType, options: r.options as string[], isRequired: r.is_required }));
}

/**
 * Checks values against the entity's active definitions and returns what to store: the stored
 * values (archived fields' values are kept as they are) merged with the patch; required fields
 * must hold a value after the merge. Errors name the field: `customFields.<id>`.
 */
export async function checkCustomValues(
  tx: TenantTx,
  entityType: CustomFieldEntity,
  patch: Record<string, unknown>,
  stored: Record<string, unknown> = {},
): Promise<CustomFieldValues> {
  const defs = await activeDefs(tx, entityType);
  const active = new Set(defs.map((d) => d.id));
  const current = Object.fromEntries(Object.entries(stored).filter(([k]) => active.has(k)));
  const parsed = customValuesSchema(defs).safeParse({ ...current, ...patch });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new DomainError("BAD_REQUEST", issue.message, { field: ["customFields", ...issue.path.map(String)].join(".") });
  }
  const kept = Object.fromEntries(Object.entries(stored).filter(([k]) => !active.has(k))) as CustomFieldValues;
  const merged: CustomFieldValues = { ...kept, ...parsed.data };
  for (const [k, v] of Object.entries(merged)) if (v === null) delete merged[k];
  return merged;
}

const conflict = (err: unknown): never => {
  if ((err as { code?: string }).code === "23505") throw new DomainError("CONFLICT", "Já existe um campo com este nome.", { field: "label" });
  throw err;
};

export async function saveCustomField(tx: TenantTx, tenantId: string, id: string | null, input: CustomFieldInput, meta: AuditMeta) {
  const values = {
    entity_type: input.entityType,
    label: input.label,
    field_type: input.fieldType,
    options: JSON.stringify(input.options),
    is_required: input.isRequired,
    position: input.position,
    updated_at: sql<Date>`now()`,
  };
  if (id) {
    // The type and entity of a field are fixed once values may exist: changing them would strand those values.
    const before = await tx.selectFrom("custom_fields").select(["entity_type", "field_type", "options"]).where("id", "=", id).executeTakeFirst();
    if (!before) throw new DomainError("NOT_FOUND", "Campo não encontrado.");
    if (before.entity_type !== input.entityType || before.field_type !== input.fieldType) {
      throw new DomainError("BAD_REQUEST", "O tipo de um campo não muda depois de criado; crie outro campo.", { field: "fieldType" });
    }
  }
  const row = id
    ? await tx.updateTable("custom_fields").set(values).where("id", "=", id).returning("id").executeTakeFirst().catch(conflict)
    : await tx.insertInto("custom_fields").values({ tenant_id: tenantId, ...values }).returning("id").executeTakeFirst().catch(conflict);
  if (!row) throw new DomainError("NOT_FOUND", "Campo não encontrado.");
  await recordAudit(tx, tenantId, meta, { action: id ? "custom_field.update" : "custom_field.create", entityType: "custom_field", entityId: row.id, after: input });
  return row;
}

/** Archives (hides) a field: stored values stay, so unarchiving brings them back. */
export async function setCustomFieldArchived(tx: TenantTx, tenantId: string, id: string, archived: boolean, meta: AuditMeta) {
  const row = await tx
    .updateTable("custom_fields")
    .set({ archived_at: archived ? sql<Date>`now()` : null, updated_at: sql<Date>`now()` })
    .where("id", "=", id)
    .returning(["id", "label"])
    .executeTakeFirst()
    .catch(conflict);
  if (!row) throw new DomainError("NOT_FOUND", "Campo não encontrado.");
  await recordAudit(tx, tenantId, meta, { action: archived ? "custom_field.archive" : "custom_field.restore", entityType: "custom_field", entityId: id, before: { label: row.label } });
  return row;
}
