import { sql } from "kysely";
import { invalidateAfterCommit, type AfterCommit } from "../after-commit";
import { listeningAutomations } from "../cache/hot-reads";
import type { TenantTx } from "@vendaflow/db/with-tenant";
import { numericConditionKind, triggerEntity, type AutomationInput } from "@vendaflow/validators/automations";
import { customValuesSchema, type CustomFieldType } from "@vendaflow/validators/custom-fields";
import { recordAudit, type AuditMeta } from "../audit/record";
import { getStage } from "../crm/pipelines";
import { DomainError } from "../errors";

// Admins manage automations (adminProcedure); the list and run log are read by the same page.

const cols = ["id", "name", "trigger", "conditions", "actions", "is_active", "max_per_entity_per_hour", "created_at", "updated_at"] as const;

/** Users named by actions and custom fields named by conditions / actions must be the tenant's. */
async function checkRefs(tx: TenantTx, input: AutomationInput) {
  const users = [...new Set(input.actions.flatMap((a) => (a.type === "assign_owner" ? [a.userId] : a.type === "create_task" && a.assignTo && a.assignTo !== "owner" ? [a.assignTo] : [])))];
  if (users.length) {
    const found = await tx.selectFrom("users").select("id").where("id", "in", users).where("is_active", "=", true).execute();
    const missing = users.findIndex((u) => !found.some((f) => f.id === u));
    if (missing >= 0) throw new DomainError("BAD_REQUEST", "Usuário não encontrado nesta conta.", { field: `actions.${input.actions.findIndex((a) => (a.type === "assign_owner" ? a.userId : a.type === "create_task" ? a.assignTo : null) === users[missing])}` });
  }
  for (const [i, a] of input.actions.entries()) {
    if (a.type !== "move_deal_stage") continue;
    // RLS hides another tenant's stages and reasons: they are "not found" like a deleted one.
    const stage = await getStage(tx, a.stageId);
    if (!stage) throw new DomainError("BAD_REQUEST", "Etapa não encontrada nesta conta.", { field: `actions.${i}.stageId` });
    if (stage.kind === "lost") {
      const reason = a.lostReasonId ? await tx.selectFrom("lost_reasons").select("id").where("id", "=", a.lostReasonId).where("is_active", "=", true).executeTakeFirst() : undefined;
      if (!reason) throw new DomainError("BAD_REQUEST", "Escolha o motivo da perda.", { field: `actions.${i}.lostReasonId` });
    }
  }
  const fields = [
    ...input.conditions.map((c, i) => [c.field, `conditions.${i}.field`] as const),
    ...input.actions.flatMap((a, i) => (a.type === "update_field" ? [[a.field, `actions.${i}.field`] as const] : [])),
  ].filter(([f]) => f.startsWith("custom."));
  const defs = fields.length
    ? await tx.selectFrom("custom_fields").select(["id", "entity_type", "label", "field_type", "options", "is_required"]).where("id", "in", fields.map(([f]) => f.slice(7))).where("archived_at", "is", null).execute()
    : [];
  const bad = fields.find(([f]) => !defs.some((x) => x.id === f.slice(7)));
  if (bad) throw new DomainError("BAD_REQUEST", "Campo personalizado não encontrado.", { field: bad[1] });
  const defOf = (field: string) => defs.find((x) => `custom.${x.id}` === field);
  checkConditionValues(input, (field) => defOf(field)?.field_type as CustomFieldType | undefined);
  // An update's value must be what the field holds (cents, a number, sim/não, one of its options),
  // on the trigger's own record: otherwise every run would fail.
  for (const [i, a] of input.actions.entries()) {
    if (a.type !== "update_field") continue;
    const def = defOf(a.field)!;
    const entity = triggerEntity[input.trigger];
    if (def.entity_type !== entity) throw new DomainError("BAD_REQUEST", `O campo "${def.label}" não é de ${entity === "deal" ? "negócios" : "leads"}, o registro deste gatilho.`, { field: `actions.${i}.field` });
    const options = Array.isArray(def.options) ? (def.options as string[]) : [];
    const parsed = customValuesSchema([{ id: def.id, label: def.label, fieldType: def.field_type as CustomFieldType, options, isRequired: def.is_required }]).safeParse({ [def.id]: a.value });
    if (!parsed.success) throw new DomainError("BAD_REQUEST", parsed.error.issues[0]?.message ?? `"${def.label}" é inválido.`, { field: `actions.${i}.value` });
  }
}

/** A comparison on a number / money field must compare with a number; a yes/no field with sim or não. */
export function checkConditionValues(input: Pick<AutomationInput, "conditions">, customType: (field: string) => CustomFieldType | undefined) {
  for (const [i, c] of input.conditions.entries()) {
    if (c.op === "is_set" || c.op === "not_set") continue;
    const type = c.field.startsWith("custom.") ? customType(c.field) : undefined;
    const builtIn = numericConditionKind(c.field);
    const money = builtIn === "money" || type === "currency";
    if ((builtIn || money || type === "number") && typeof c.value !== "number") {
      throw new DomainError("BAD_REQUEST", money ? "Valor inválido: informe um valor em reais, como 1.234,56." : "Informe um número no valor da condição.", { field: `conditions.${i}.value` });
    }
    if (money && !Number.isInteger(c.value)) throw new DomainError("BAD_REQUEST", "Valor inválido: informe um valor em reais, como 1.234,56.", { field: `conditions.${i}.value` });
    if (type === "boolean" && typeof c.value !== "boolean") throw new DomainError("BAD_REQUEST", "Escolha sim ou não no valor da condição.", { field: `conditions.${i}.value` });
  }
}

export async function listAutomations(tx: TenantTx) {
  return tx
    .selectFrom("automations as a")
    .select([...cols.map((c) => `a.${c}` as const)])
    .select(sql<number>`(select count(*)::int from automation_runs r where r.automation_id = a.id and r.created_at > now() - interval '24 hours')`.as("runs_24h"))
    .select(sql<number>`(select count(*)::int from automation_runs r where r.automation_id = a.id and r.status = 'failed' and r.created_at > now() - interval '24 hours')`.as("failed_24h"))
    .orderBy("a.created_at")
    .execute();
}

export async function getAutomation(tx: TenantTx, id: string) {
  const a = await tx.selectFrom("automations").select([...cols]).where("id", "=", id).executeTakeFirst();
  if (!a) throw new DomainError("NOT_FOUND", "Automação não encontrada.");
  return a;
}

export async function saveAutomation(tx: TenantTx, tenantId: string, userId: string, id: string | null, input: AutomationInput, meta: AuditMeta, after?: AfterCommit) {
  if (id) await getAutomation(tx, id);
  await checkRefs(tx, input);
  const values = {
    name: input.name,
    trigger: input.trigger,
    conditions: JSON.stringify(input.conditions),
    actions: JSON.stringify(input.actions),
    is_active: input.isActive,
    max_per_entity_per_hour: input.maxPerEntityPerHour,
    updated_at: sql<Date>`now()`,
  };
  const row = id
    ? await tx.updateTable("automations").set(values).where("id", "=", id).returning("id").executeTakeFirstOrThrow()
    : await tx.insertInto("automations").values({ tenant_id: tenantId, created_by: userId, ...values }).returning("id").executeTakeFirstOrThrow();
  await recordAudit(tx, tenantId, meta, { action: id ? "automation.update" : "automation.create", entityType: "automation", entityId: row.id, after: input });
  // The trigger may have changed too: every trigger's list of this tenant is dropped.
  invalidateAfterCommit(after, listeningAutomations);
  return row;
}

export async function deleteAutomation(tx: TenantTx, tenantId: string, id: string, meta: AuditMeta, after?: AfterCommit) {
  const a = await getAutomation(tx, id);
  await tx.deleteFrom("automations").where("id", "=", id).execute();
  await recordAudit(tx, tenantId, meta, { action: "automation.delete", entityType: "automation", entityId: id, before: { name: a.name, trigger: a.trigger } });
  invalidateAfterCommit(after, listeningAutomations, `${tenantId}:${a.trigger}`);
}

/** The run log of one automation, newest first (keyset on created_at, id). */
export async function listRuns(tx: TenantTx, input: { automationId: string; limit: number; cursor?: string | null }) {
  await getAutomation(tx, input.automationId);
  let q = tx
    .selectFrom("automation_runs")
    .select(["id", "trigger", "entity_type", "entity_id", "event", "status", "attempts", "error", "result", "created_at", "finished_at"])
    .where("automation_id", "=", input.automationId);
  if (input.cursor) {
    const [at, id] = input.cursor.split("|");
    q = q.where(sql<boolean>`(created_at, id) < (${at}::timestamptz, ${id}::uuid)`);
  }
  const rows = await q.orderBy("created_at", "desc").orderBy("id", "desc").limit(input.limit + 1).execute();
  const items = rows.slice(0, input.limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > input.limit && last ? `${last.created_at.toISOString()}|${last.id}` : null };
}
