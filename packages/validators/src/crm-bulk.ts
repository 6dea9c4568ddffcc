import { z } from "zod";
import { companyListInput, contactListInput, dealListInput, leadListInput, leadStages } from "./crm";

// Bulk actions on CRM lists: one action on up to 500 selected records, or on every record matching
// the list's current filter (up to BULK_ALL_MAX, the count the user confirmed), in one transaction.

/** "Select all N matching" applies to at most this many records. */
export const BULK_ALL_MAX = 5_000;

const bulkEntities = ["company", "contact", "deal", "lead"] as const;
export type BulkEntity = (typeof bulkEntities)[number];

const uuid = z.uuid({ error: "Identificador inválido." });
const tag = z
  .string({ error: "A etiqueta deve ser um texto." })
  .trim()
  .toLowerCase()
  .min(1, { error: "Informe a etiqueta." })
  .max(50, { error: "Cada etiqueta deve ter no máximo 50 caracteres." })
  .refine((s) => !s.includes("\u0000"), { error: "A etiqueta contém caracteres inválidos." });

export const bulkAction = z.discriminatedUnion("type", [
  z.object({ type: z.literal("assign"), ownerId: uuid.nullable() }),
  z.object({ type: z.literal("tag"), tag }),
  // Deals: a stage of the deals' pipeline (lost needs a reason: use the deal page). Leads: a lead stage.
  z.object({ type: z.literal("move"), stageId: uuid.optional(), leadStage: z.enum(leadStages, { error: "Etapa de lead desconhecida." }).optional() }),
  z.object({ type: z.literal("delete") }),
]);
export type BulkAction = z.infer<typeof bulkAction>;

/** Each list's filter, as its list procedure reads it (cursor and limit are ignored: all pages count). */
const bulkFilters = { company: companyListInput, contact: contactListInput, deal: dealListInput, lead: leadListInput } as const;
export type BulkFilter<E extends BulkEntity = BulkEntity> = z.infer<(typeof bulkFilters)[E]>;

const entity = z.enum(bulkEntities, { error: "Tipo de registro desconhecido." });
const rawFilter = z.record(z.string(), z.unknown(), { error: "Filtro inválido." });

/** A list filter checked against its entity's list schema (issues under `filter.…`). */
function parseFilter(v: { entity: BulkEntity; filter: Record<string, unknown> }, ctx: z.RefinementCtx, at: (string | number)[]) {
  const r = bulkFilters[v.entity].safeParse(v.filter);
  if (r.success) return r.data as BulkFilter;
  for (const issue of r.error.issues) ctx.addIssue({ code: "custom", path: [...at, ...issue.path.map((p) => (typeof p === "symbol" ? String(p) : p))], message: issue.message });
  return z.NEVER;
}

/** How many records match a list's filter (the number "select all" confirms). */
export const bulkMatchingInput = z.object({ entity, filter: rawFilter }).transform((v, ctx) => ({ entity: v.entity, filter: parseFilter(v, ctx, ["filter"]) }));

export const bulkInput = z
  .object({
    entity,
    ids: z
      .array(uuid)
      .min(1, { error: "Selecione pelo menos um registro." })
      .max(500, { error: "No máximo 500 registros por vez." })
      .transform((ids) => [...new Set(ids)])
      .optional(),
    // Instead of ids: every record matching the list's filter; `count` is what the user confirmed.
    all: z
      .object({
        filter: rawFilter,
        count: z.number({ error: "Informe quantos registros foram confirmados." }).int().min(1, { error: "Nenhum registro corresponde ao filtro." }).max(BULK_ALL_MAX, { error: `No máximo ${BULK_ALL_MAX.toLocaleString("pt-BR")} registros de uma vez.` }),
      })
      .optional(),
    action: bulkAction,
  })
  .superRefine((v, ctx) => {
    if (!v.ids === !v.all) ctx.addIssue({ code: "custom", path: ["ids"], message: "Selecione registros ou todos os do filtro." });
    const a = v.action;
    if (a.type === "move" && v.entity === "deal" && !a.stageId) ctx.addIssue({ code: "custom", path: ["action", "stageId"], message: "Escolha a etapa." });
    if (a.type === "move" && v.entity === "lead" && !a.leadStage) ctx.addIssue({ code: "custom", path: ["action", "leadStage"], message: "Escolha a etapa." });
    // "converted" is what convertLead sets with the contact, company and deal it creates; a bulk move would leave none.
    if (a.type === "move" && v.entity === "lead" && a.leadStage === "converted") ctx.addIssue({ code: "custom", path: ["action", "leadStage"], message: "Converta cada lead pela página dele: a conversão cria o contato, a empresa e o negócio." });
    if (a.type === "move" && (v.entity === "company" || v.entity === "contact")) ctx.addIssue({ code: "custom", path: ["action", "type"], message: "Empresas e contatos não têm etapa." });
    if (v.entity === "lead" && (a.type === "assign" || a.type === "delete")) ctx.addIssue({ code: "custom", path: ["action", "type"], message: "Leads aceitam etiqueta e etapa em massa." });
  })
  .transform((v, ctx) => ({
    entity: v.entity,
    action: v.action,
    ids: v.ids ?? null,
    all: v.all ? { filter: parseFilter({ entity: v.entity, filter: v.all.filter }, ctx, ["all", "filter"]), count: v.all.count } : null,
  }));
export type BulkInput = z.infer<typeof bulkInput>;
