import { z } from "zod";

// Bulk actions on CRM lists: one action on up to 500 selected records, in one transaction.

export const bulkEntities = ["company", "contact", "deal", "lead"] as const;
export type BulkEntity = (typeof bulkEntities)[number];

export const leadStages = ["new", "qualified", "nurture", "converted"] as const;

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

export const bulkInput = z
  .object({
    entity: z.enum(bulkEntities, { error: "Tipo de registro desconhecido." }),
    ids: z
      .array(uuid)
      .min(1, { error: "Selecione pelo menos um registro." })
      .max(500, { error: "No máximo 500 registros por vez." })
      .transform((ids) => [...new Set(ids)]),
    action: bulkAction,
  })
  .superRefine((v, ctx) => {
    const a = v.action;
    if (a.type === "move" && v.entity === "deal" && !a.stageId) ctx.addIssue({ code: "custom", path: ["action", "stageId"], message: "Escolha a etapa." });
    if (a.type === "move" && v.entity === "lead" && !a.leadStage) ctx.addIssue({ code: "custom", path: ["action", "leadStage"], message: "Escolha a etapa." });
    if (a.type === "move" && (v.entity === "company" || v.entity === "contact")) ctx.addIssue({ code: "custom", path: ["action", "type"], message: "Empresas e contatos não têm etapa." });
    if (v.entity === "lead" && (a.type === "assign" || a.type === "delete")) ctx.addIssue({ code: "custom", path: ["action", "type"], message: "Leads aceitam etiqueta e etapa em massa." });
  });
export type BulkInput = z.infer<typeof bulkInput>;
