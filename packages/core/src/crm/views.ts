import type { TenantTx } from "@vendaflow/db/with-tenant";
import type { ViewEntity, ViewInput } from "@vendaflow/validators/crm-views";
import { DomainError } from "../errors";
import { assertFilterRefs, assertViewCustomField } from "./list-filters";

/**
 * Saved views of the CRM lists, per user: every read and write names the acting user, so a view
 * is never shown to or changed by a colleague; RLS keeps tenants apart underneath.
 */

const cols = ["id", "entity", "name", "config", "is_default", "updated_at"] as const;
const MAX_PER_LIST = 50;

export function listViews(tx: TenantTx, userId: string, entity: ViewEntity) {
  return tx.selectFrom("saved_views").select(cols).where("user_id", "=", userId).where("entity", "=", entity).orderBy("name").execute();
}

const duplicateName = (err: unknown): never => {
  if ((err as { code?: string; constraint?: string }).code === "23505") throw new DomainError("CONFLICT", "Você já tem uma visão com este nome.", { field: "name" });
  throw err;
};

export async function saveView(tx: TenantTx, tenantId: string, userId: string, input: ViewInput, now: Date) {
  if (input.id) {
    const mine = await tx.selectFrom("saved_views").select("entity").where("id", "=", input.id).where("user_id", "=", userId).forNoKeyUpdate().executeTakeFirst();
    if (!mine) throw new DomainError("NOT_FOUND", "Visão não encontrada.");
    if (mine.entity !== input.entity) throw new DomainError("BAD_REQUEST", "A visão pertence a outra lista.", { field: "entity" });
  } else {
    const { n } = await tx.selectFrom("saved_views").select((eb) => eb.fn.countAll<string>().as("n")).where("user_id", "=", userId).where("entity", "=", input.entity).executeTakeFirstOrThrow();
    if (Number(n) >= MAX_PER_LIST) throw new DomainError("BAD_REQUEST", `No máximo ${MAX_PER_LIST} visões por lista.`, { field: "name" });
  }
  // The ids a view's filters name (custom field, owner, company, …) must be this tenant's, as the list would need them.
  await assertViewCustomField(tx, input.entity, input.config.filters.cf, "config.filters.cf");
  await assertFilterRefs(tx, input.config.filters, "config.filters");
  // One default per user and list: the new default takes the flag from the old one.
  if (input.isDefault) await tx.updateTable("saved_views").set({ is_default: false }).where("user_id", "=", userId).where("entity", "=", input.entity).where("is_default", "=", true).execute();
  const values = { name: input.name, config: JSON.stringify(input.config), is_default: input.isDefault, updated_at: now };
  const row = input.id
    ? await tx.updateTable("saved_views").set(values).where("id", "=", input.id).where("user_id", "=", userId).returning(cols).executeTakeFirstOrThrow().catch(duplicateName)
    : await tx.insertInto("saved_views").values({ tenant_id: tenantId, user_id: userId, entity: input.entity, ...values }).returning(cols).executeTakeFirstOrThrow().catch(duplicateName);
  return row;
}

export async function deleteView(tx: TenantTx, userId: string, id: string) {
  const res = await tx.deleteFrom("saved_views").where("id", "=", id).where("user_id", "=", userId).executeTakeFirst();
  if (!res.numDeletedRows) throw new DomainError("NOT_FOUND", "Visão não encontrada.");
}
