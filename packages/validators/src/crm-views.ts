import { z } from "zod";
import { noNul } from "./sanitize";

// Saved views of the CRM data tables (db/migrations/0025_saved_views.sql): visible columns in
// order, the list's filters and sort, per user and list. Limits match the columns.

export const viewEntities = ["lead", "deal", "company", "contact"] as const;
export type ViewEntity = (typeof viewEntities)[number];

const key = z.string().trim().min(1).max(40).regex(/^[a-zA-Z][a-zA-Z0-9_.-]*$/, { error: "Identificador de coluna inválido." });

export const viewConfig = z.object({
  columns: z.array(key).max(30, { error: "No máximo 30 colunas." }).transform((c) => [...new Set(c)]).default([]),
  filters: z
    .record(key, z.union([z.string().max(200).refine(noNul, { error: "O filtro contém caracteres inválidos." }), z.number().finite(), z.boolean()]))
    .refine((f) => Object.keys(f).length <= 20, { error: "No máximo 20 filtros." })
    .default({}),
  sort: key.optional(),
});
export type ViewConfig = z.infer<typeof viewConfig>;

export const viewInput = z.object({
  id: z.uuid({ error: "Identificador inválido." }).nullable().default(null),
  entity: z.enum(viewEntities, { error: "Lista desconhecida." }),
  name: z
    .string({ error: "O nome deve ser um texto." })
    .trim()
    .min(1, { error: "Informe o nome da visão." })
    .max(60, { error: "O nome deve ter no máximo 60 caracteres." })
    .refine(noNul, { error: "O nome contém caracteres inválidos." }),
  config: viewConfig,
  isDefault: z.boolean().default(false),
});
export type ViewInput = z.infer<typeof viewInput>;

export const viewListInput = z.object({ entity: z.enum(viewEntities, { error: "Lista desconhecida." }) });
