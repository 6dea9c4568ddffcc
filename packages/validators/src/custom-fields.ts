import { z } from "zod";
import { noNul } from "./sanitize";
import { customFieldEntities, customFieldTypes } from "./plain/custom-fields";
export { customFieldEntities, customFieldTypes } from "./plain/custom-fields";

// Custom fields: admins define them per entity (lead, deal, contact, company); values travel as an
// object keyed by field id and are checked by a zod schema built from the active definitions.
// Limits match db/migrations/0020_crm.sql (custom_fields).

export type CustomFieldEntity = (typeof customFieldEntities)[number];

export type CustomFieldType = (typeof customFieldTypes)[number];

export const CUSTOM_TEXT_MAX = 1000;
export const CUSTOM_OPTION_MAX = 80;
/** Largest currency value: R$ 1 trilhão, in cents (the deals' own cap). */
export const MAX_CENTS = 100_000_000_000_000;

const option = z
  .string()
  .trim()
  .min(1, { error: "A opção não pode ficar vazia." })
  .max(CUSTOM_OPTION_MAX, { error: `Cada opção deve ter no máximo ${CUSTOM_OPTION_MAX} caracteres.` })
  .refine(noNul, { error: "A opção contém caracteres inválidos." });

export const customFieldInput = z
  .object({
    entityType: z.enum(customFieldEntities, { error: "Escolha lead, negócio, contato ou empresa." }),
    label: z
      .string()
      .trim()
      .min(1, { error: "Informe o nome do campo." })
      .max(80, { error: "O nome do campo deve ter no máximo 80 caracteres." })
      .refine(noNul, { error: "O nome contém caracteres inválidos." }),
    fieldType: z.enum(customFieldTypes, { error: "Tipo de campo desconhecido." }),
    options: z
      .array(option)
      .max(100, { error: "No máximo 100 opções." })
      .refine((o) => new Set(o.map((x) => x.toLowerCase())).size === o.length, { error: "Há opções repetidas." })
      .default([]),
    isRequired: z.boolean().default(false),
    position: z.number().int().min(0).max(10_000).default(0),
  })
  .superRefine((f, ctx) => {
    const choice = f.fieldType === "select" || f.fieldType === "multiselect";
    if (choice && f.options.length === 0) ctx.addIssue({ code: "custom", path: ["options"], message: "Informe pelo menos uma opção." });
    if (!choice && f.options.length) ctx.addIssue({ code: "custom", path: ["options"], message: "Só campos de seleção têm opções." });
  });
export type CustomFieldInput = z.infer<typeof customFieldInput>;

/** A definition as the value schema needs it (core reads these from custom_fields). */
export interface CustomFieldDef {
  id: string;
  label: string;
  fieldType: CustomFieldType;
  options: string[];
  isRequired: boolean;
}

export type CustomFieldValue = string | number | boolean | string[] | null;
export type CustomFieldValues = Record<string, CustomFieldValue>;

/** The schema of one field's value, with pt-BR messages naming the field. */
function valueSchema(def: CustomFieldDef): z.ZodType<CustomFieldValue> {
  const name = `"${def.label}"`;
  switch (def.fieldType) {
    case "text":
      return z
        .string({ error: `${name} deve ser um texto.` })
        .trim()
        .max(CUSTOM_TEXT_MAX, { error: `${name} deve ter no máximo ${CUSTOM_TEXT_MAX} caracteres.` })
        .refine(noNul, { error: `${name} contém caracteres inválidos.` });
    case "number":
      return z.number({ error: `${name} deve ser um número.` }).finite({ error: `${name} deve ser um número.` }).min(-1e15).max(1e15, { error: `${name} está fora do intervalo aceito.` });
    case "currency":
      return z
        .number({ error: `${name} deve ser um valor em centavos.` })
        .int({ error: `${name} deve ser um valor inteiro em centavos.` })
        .min(0, { error: `${name} não pode ser negativo.` })
        .max(MAX_CENTS, { error: `${name} está acima do máximo aceito.` });
    case "date":
      return z.iso.date({ error: `${name} deve ser uma data no formato AAAA-MM-DD.` });
    case "boolean":
      return z.boolean({ error: `${name} deve ser sim ou não.` });
    case "select":
      return z.string({ error: `${name} deve ser uma das opções.` }).refine((v) => def.options.includes(v), { error: `${name}: escolha uma das opções cadastradas.` });
    case "multiselect":
      return z
        .array(z.string(), { error: `${name} deve ser uma lista de opções.` })
        .max(def.options.length, { error: `${name} tem opções demais.` })
        .refine((vs) => vs.every((v) => def.options.includes(v)), { error: `${name}: escolha apenas opções cadastradas.` })
        .refine((vs) => new Set(vs).size === vs.length, { error: `${name} tem opções repetidas.` });
  }
}

const isEmpty = (v: unknown) => v === null || v === undefined || v === "" || (Array.isArray(v) && v.length === 0);

/**
 * The schema of a whole values object for these definitions: unknown keys are refused, required
 * fields must hold a non-empty value, others may be null (cleared). Issues are pathed by field id.
 */
export function customValuesSchema(defs: CustomFieldDef[]) {
  const byId = new Map(defs.map((d) => [d.id, d]));
  return z.record(z.string(), z.unknown(), { error: "Campos personalizados inválidos." }).transform((input, ctx) => {
    const out: CustomFieldValues = {};
    for (const key of Object.keys(input)) {
      if (!byId.has(key)) ctx.addIssue({ code: "custom", path: [key], message: "Campo personalizado desconhecido neste espaço." });
    }
    for (const def of defs) {
      const raw = input[def.id];
      if (isEmpty(raw)) {
        if (def.isRequired) ctx.addIssue({ code: "custom", path: [def.id], message: `"${def.label}" é obrigatório.` });
        else if (def.id in input) out[def.id] = null;
        continue;
      }
      const parsed = valueSchema(def).safeParse(raw);
      if (parsed.success) out[def.id] = parsed.data;
      else ctx.addIssue({ code: "custom", path: [def.id], message: parsed.error.issues[0]?.message ?? `"${def.label}" é inválido.` });
    }
    return out;
  });
}

/** Raw values as received from a client: bounded before the definitions are known. */
export const customValuesInput = z
  .record(z.string().max(64), z.unknown(), { error: "Campos personalizados inválidos." })
  .refine((o) => Object.keys(o).length <= 200, { error: "Campos personalizados demais." });
