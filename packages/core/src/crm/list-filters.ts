import { sql, type RawBuilder } from "kysely";
import type { TenantTx } from "@vendaflow/db/with-tenant";
import type { CreatedAndCustomFilter } from "@vendaflow/validators/crm";
import type { CustomFieldEntity, CustomFieldType } from "@vendaflow/validators/custom-fields";
import { isUuid } from "@vendaflow/validators/uuid";
import { DomainError } from "../errors";

/** What each field type stores in custom_fields (jsonb), so a filter value must be of that type. */
const storedAs: Record<CustomFieldType, "string" | "number" | "boolean"> = {
  text: "string",
  date: "string",
  select: "string",
  multiselect: "string",
  number: "number",
  currency: "number",
  boolean: "boolean",
};

/**
 * The custom field filters' fields must be the entity's own custom fields in this tenant (RLS
 * scopes the lookup), and each value typed as the field stores it; otherwise BAD_REQUEST on `custom`.
 */
export async function assertCustomFilter(tx: TenantTx, entityType: CustomFieldEntity, custom: CreatedAndCustomFilter["custom"]) {
  if (!custom?.length) return;
  const ids = [...new Set(custom.map((c) => c.fieldId))];
  const defs = await tx.selectFrom("custom_fields").select(["id", "field_type"]).where("entity_type", "=", entityType).where("id", "in", ids).execute();
  const types = new Map(defs.map((d) => [d.id, d.field_type as CustomFieldType]));
  custom.forEach((c, i) => {
    const type = types.get(c.fieldId);
    if (!type) throw new DomainError("BAD_REQUEST", "Campo personalizado não encontrado.", { field: `custom.${i}.fieldId` });
    if (typeof c.value !== storedAs[type]) throw new DomainError("BAD_REQUEST", "Valor incompatível com o tipo do campo personalizado.", { field: `custom.${i}.value` });
  });
}

/**
 * The where clauses of a CRM list's creation date range (from inclusive, to exclusive) and custom
 * field values, on the table `alias` (or unqualified columns): every list query applies them.
 */
export function createdAndCustomWheres(alias: string | null, input: CreatedAndCustomFilter): RawBuilder<boolean>[] {
  const col = (c: string) => sql.ref(alias ? `${alias}.${c}` : c);
  const wheres: RawBuilder<boolean>[] = [];
  if (input.createdFrom) wheres.push(sql<boolean>`${col("created_at")} >= ${input.createdFrom}`);
  if (input.createdTo) wheres.push(sql<boolean>`${col("created_at")} < ${input.createdTo}`);
  for (const c of input.custom ?? []) {
    // A multiselect holds a list: containment finds the value inside it; scalars compare equal.
    const cf = col("custom_fields");
    wheres.push(sql<boolean>`(${cf} @> ${JSON.stringify({ [c.fieldId]: c.value })}::jsonb or ${cf} @> ${JSON.stringify({ [c.fieldId]: [c.value] })}::jsonb)`);
  }
  return wheres;
}

/** The ids a list filter may name, the table each must be in, and what to say when it is not. */
const filterRefs = [
  ["ownerId", "users", "Responsável não encontrado neste espaço."],
  ["companyId", "companies", "Empresa não encontrada neste espaço."],
  ["contactId", "contacts", "Contato não encontrado neste espaço."],
  ["pipelineId", "pipelines", "Funil não encontrado neste espaço."],
  ["stageId", "pipeline_stages", "Etapa não encontrada neste espaço."],
] as const;

/**
 * The ids a list filter names (owner, company, contact, pipeline, stage) must be rows of this
 * tenant (RLS scopes the lookup): a bulk action on "all matching" a filter that names another
 * tenant's row is refused naming the filter field (under `at`), instead of matching nothing.
 * Only the fields set are looked up, one primary key each.
 */
export async function assertFilterRefs(tx: TenantTx, filter: object, at: string) {
  for (const [key, table, message] of filterRefs) {
    const id = (filter as Partial<Record<(typeof filterRefs)[number][0], unknown>>)[key];
    if (id === undefined || id === null || id === "") continue;
    // A saved view's filters are free-form: a value that is no uuid names no row either.
    if (!isUuid(id) || !(await tx.selectFrom(table).select("id").where("id", "=", id).executeTakeFirst())) {
      throw new DomainError("BAD_REQUEST", message, { field: `${at}.${key}` });
    }
  }
}

/** A saved view's custom field filter (`cf`) must name one of the list entity's custom fields in this tenant. */
export async function assertViewCustomField(tx: TenantTx, entityType: CustomFieldEntity, cf: unknown, field: string) {
  if (cf === undefined || cf === "") return;
  const found = isUuid(cf) && (await tx.selectFrom("custom_fields").select("id").where("id", "=", cf).where("entity_type", "=", entityType).executeTakeFirst());
  if (!found) throw new DomainError("BAD_REQUEST", "Campo personalizado não encontrado.", { field });
}
