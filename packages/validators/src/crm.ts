import { z } from "zod";
import { noNul } from "./sanitize";
import { customValuesInput, MAX_CENTS } from "./custom-fields";
import { companySizes, stageKinds, dealStatuses, activityTypes, agendaBuckets, leadSources, leadStages, leadSorts, importFields } from "./plain/crm";
export { companySizes, stageKinds, dealStatuses, activityTypes, agendaBuckets, leadSources, leadStages, leadSorts, importFields } from "./plain/crm";

// CRM inputs: companies, contacts, pipelines and stages, lost reasons, deals, activities, lists.
// Limits match db/migrations/0020_crm.sql; text that reaches Postgres refuses NUL.

const uuid = z.uuid({ error: "Identificador inválido." });

/** Trimmed text of at most `max` characters; required unless `optional` (then "" reads as null). */
function text(label: string, max: number) {
  return z
    .string({ error: `${label} deve ser um texto.` })
    .trim()
    .max(max, { error: `${label} deve ter no máximo ${max} caracteres.` })
    .refine(noNul, { error: `${label} contém caracteres inválidos.` });
}
const required = (label: string, max: number) => text(label, max).refine((s) => s.length > 0, { error: `Informe ${label.toLowerCase()}.` });
const optional = (label: string, max: number) =>
  text(label, max)
    .nullish()
    .transform((s) => (s ? s : null));

const tags = z
  .array(z.string().trim().toLowerCase().min(1, { error: "A etiqueta não pode ficar vazia." }).max(50, { error: "Cada etiqueta deve ter no máximo 50 caracteres." }).refine(noNul))
  .max(30, { error: "No máximo 30 etiquetas." })
  .transform((t) => [...new Set(t)])
  .default([]);

export const email = z
  .string()
  .trim()
  .toLowerCase()
  .max(255, { error: "O e-mail deve ter no máximo 255 caracteres." })
  .pipe(z.email({ error: "E-mail inválido." }));

/**
 * A Brazilian phone as E.164 (+55 DDD número). Accepts what people type: "(11) 98765-4321",
 * "11 8765-4321", "+55 11 98765 4321", "011987654321"; other countries must start with "+".
 */
export function normalizePhone(input: string): string | null {
  const trimmed = input.trim();
  const digits = trimmed.replace(/\D/g, "");
  if (trimmed.startsWith("+")) {
    if (digits.startsWith("55")) return brazil(digits.slice(2));
    return digits.length >= 8 && digits.length <= 15 ? `+${digits}` : null;
  }
  const national = digits.replace(/^0(?=\d{10,11}$)/, "");
  if (national.length === 12 || national.length === 13) return national.startsWith("55") ? brazil(national.slice(2)) : null;
  return brazil(national);
}
function brazil(national: string): string | null {
  // DDD (11-99, no zero digit) + 8 digits (landline, or mobile before the ninth digit) or 9 + 8 digits.
  if (!/^[1-9][1-9]\d{8,9}$/.test(national)) return null;
  if (national.length === 11 && national[2] !== "9") return null;
  return `+55${national}`;
}

/** The other spelling of a Brazilian mobile: with and without the ninth digit (dedupe looks for both). */
export function phoneVariants(e164: string): string[] {
  const m = /^\+55(\d{2})(\d{8,9})$/.exec(e164);
  if (!m) return [e164];
  const [, ddd, num] = m as unknown as [string, string, string];
  if (num.length === 9 && num.startsWith("9")) return [e164, `+55${ddd}${num.slice(1)}`];
  if (num.length === 8 && /^[6-9]/.test(num)) return [e164, `+55${ddd}9${num}`];
  return [e164];
}

const phoneMessage = "Telefone inválido: use DDD e número, como (11) 98765-4321.";
export const phone = z
  .string()
  .max(40, { error: phoneMessage })
  .transform((s, ctx) => {
    const e164 = normalizePhone(s);
    if (!e164) ctx.addIssue({ code: "custom", message: phoneMessage });
    return e164 ?? "";
  });

// Optional contact fields: empty means none; anything else must be valid, with the field's own message.
const optionalEmail = z
  .string({ error: "E-mail inválido." })
  .max(255, { error: "O e-mail deve ter no máximo 255 caracteres." })
  .nullish()
  .transform((s, ctx) => {
    const v = s?.trim().toLowerCase();
    if (!v) return null;
    if (!z.email().safeParse(v).success) ctx.addIssue({ code: "custom", message: "E-mail inválido." });
    return v;
  });
const optionalPhone = z
  .string({ error: phoneMessage })
  .max(40, { error: phoneMessage })
  .nullish()
  .transform((s, ctx) => {
    if (!s || !s.trim()) return null;
    const e164 = normalizePhone(s);
    if (!e164) ctx.addIssue({ code: "custom", message: phoneMessage });
    return e164;
  });

const url = (label: string) =>
  optional(label, 255).refine((s) => s === null || /^https?:\/\/[^\s]+$/i.test(s) || /^[\w.-]+\.[a-z]{2,}(\/\S*)?$/i.test(s), { error: `${label}: endereço inválido.` });

/** A company's e-mail domain / site, reduced to its lower-case host without "www.". */
export function normalizeDomain(input: string): string | null {
  const host = input.trim().toLowerCase().replace(/^[a-z]+:\/\//, "").replace(/^www\./, "").split(/[/?#:]/)[0] ?? "";
  return /^([a-z0-9-]+\.)+[a-z]{2,}$/.test(host) && host.length <= 255 ? host : null;
}

const domain = z
  .string()
  .max(255, { error: "O domínio deve ter no máximo 255 caracteres." })
  .nullish()
  .transform((s, ctx) => {
    if (!s || !s.trim()) return null;
    const d = normalizeDomain(s);
    if (!d) ctx.addIssue({ code: "custom", message: "Domínio inválido (por exemplo empresa.com.br)." });
    return d;
  });

export type CompanySize = (typeof companySizes)[number];

/** Money in BRL as integer cents. */
export const cents = z
  .number({ error: "Informe o valor em centavos." })
  .int({ error: "O valor deve ser inteiro, em centavos." })
  .min(0, { error: "O valor não pode ser negativo." })
  .max(MAX_CENTS, { error: "O valor está acima do máximo aceito." });

const isoDate = z.iso.date({ error: "Use datas no formato AAAA-MM-DD." });
const ownerId = uuid.nullable().default(null);

// ---- Companies and contacts ---------------------------------------------------------------------

export const companyInput = z.object({
  name: required("O nome da empresa", 255),
  domain,
  industry: optional("O setor", 100),
  size: z.enum(companySizes, { error: "Escolha um porte válido." }).nullish().transform((v) => v ?? null),
  website: url("O site"),
  linkedin: url("O LinkedIn"),
  phone: optionalPhone,
  ownerId,
  tags,
  customFields: customValuesInput.default({}),
});
export type CompanyInput = z.infer<typeof companyInput>;

export const contactInput = z.object({
  name: required("O nome do contato", 255),
  email: optionalEmail,
  phone: optionalPhone,
  position: optional("O cargo", 255),
  linkedin: url("O LinkedIn"),
  companyId: uuid.nullable().default(null),
  isPrimary: z.boolean().default(false),
  ownerId,
  tags,
  customFields: customValuesInput.default({}),
});
export type ContactInput = z.infer<typeof contactInput>;

/**
 * A lead's own details as an agent (or a fulfilled LGPD correction) edits them: only the fields
 * given change; "" clears an optional one (the name cannot be cleared).
 */
export const leadDetailsInput = z
  .object({
    name: required("O nome", 255).optional(),
    email: optionalEmail.optional(),
    phone: optionalPhone.optional(),
    company: optional("A empresa", 255).optional(),
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), { error: "Informe ao menos um dado a corrigir." });
export type LeadDetailsInput = z.infer<typeof leadDetailsInput>;
export const leadDetailsUpdateInput = z.object({ id: uuid, details: leadDetailsInput });

/** Two leads that are one person: `keepId` stays and takes everything of `mergeId` (core/crm/merge-leads). */
export const leadMergeInput = z.object({ keepId: uuid, mergeId: uuid });
export type LeadMergeInput = z.infer<typeof leadMergeInput>;

// ---- Pipelines ----------------------------------------------------------------------------------

export type StageKind = (typeof stageKinds)[number];

const probability = z
  .number({ error: "Informe a probabilidade." })
  .int({ error: "A probabilidade deve ser um número inteiro." })
  .min(0, { error: "A probabilidade vai de 0 a 100." })
  .max(100, { error: "A probabilidade vai de 0 a 100." });

export const stageInput = z.object({
  // Existing stage (keeps its deals); absent for a new one.
  id: uuid.optional(),
  name: required("O nome da etapa", 60),
  probability,
  kind: z.enum(stageKinds, { error: "Escolha aberta, ganho ou perdido." }).default("open"),
});
export type StageInput = z.infer<typeof stageInput>;

export const pipelineInput = z
  .object({
    name: required("O nome do funil", 120),
    isDefault: z.boolean().default(false),
    // In board order.
    stages: z.array(stageInput).min(2, { error: "Um funil precisa de pelo menos 2 etapas." }).max(20, { error: "No máximo 20 etapas por funil." }),
  })
  .superRefine((p, ctx) => {
    const names = p.stages.map((s) => s.name.toLowerCase());
    names.forEach((n, i) => {
      if (names.indexOf(n) !== i) ctx.addIssue({ code: "custom", path: ["stages", i, "name"], message: "Há duas etapas com este nome." });
    });
    const ids = p.stages.flatMap((s) => (s.id ? [s.id] : []));
    if (new Set(ids).size !== ids.length) ctx.addIssue({ code: "custom", path: ["stages"], message: "Uma etapa aparece mais de uma vez." });
    if (!p.stages.some((s) => s.kind === "open")) ctx.addIssue({ code: "custom", path: ["stages"], message: "O funil precisa de pelo menos uma etapa aberta." });
    if (p.stages.filter((s) => s.kind === "won").length !== 1) ctx.addIssue({ code: "custom", path: ["stages"], message: "O funil precisa de exatamente uma etapa de ganho." });
    if (p.stages.filter((s) => s.kind === "lost").length !== 1) ctx.addIssue({ code: "custom", path: ["stages"], message: "O funil precisa de exatamente uma etapa de perda." });
  });
export type PipelineInput = z.infer<typeof pipelineInput>;

export const lostReasonInput = z.object({
  name: required("O motivo", 120),
  position: z.number().int().min(0).max(10_000).default(0),
  isActive: z.boolean().default(true),
});
export type LostReasonInput = z.infer<typeof lostReasonInput>;

// ---- Deals --------------------------------------------------------------------------------------

export const dealInput = z.object({
  title: required("O título do negócio", 255),
  valueCents: cents.default(0),
  // null: the pipeline's first open stage (creating) / unchanged stage (updating).
  pipelineId: uuid.nullable().default(null),
  stageId: uuid.nullable().default(null),
  expectedCloseDate: isoDate.nullable().default(null),
  ownerId,
  companyId: uuid.nullable().default(null),
  contactId: uuid.nullable().default(null),
  leadId: uuid.nullable().default(null),
  tags,
  customFields: customValuesInput.default({}),
});
export type DealInput = z.infer<typeof dealInput>;

export const dealMoveInput = z.object({
  id: uuid,
  stageId: uuid,
  // The stage the client saw: a deal moved meanwhile by someone else is a conflict, not a silent overwrite.
  fromStageId: uuid.optional(),
});
export type DealMoveInput = z.infer<typeof dealMoveInput>;

export const dealLoseInput = z.object({
  id: uuid,
  lostReasonId: uuid,
  note: optional("A observação", 500),
});
export type DealLoseInput = z.infer<typeof dealLoseInput>;

export type DealStatus = (typeof dealStatuses)[number];

// ---- Activities ---------------------------------------------------------------------------------

export type ActivityType = (typeof activityTypes)[number];

export const activityInput = z
  .object({
    type: z.enum(activityTypes, { error: "Escolha ligação, e-mail, reunião, tarefa ou nota." }),
    subject: required("O assunto", 255),
    description: optional("A descrição", 10_000),
    dueAt: z.coerce.date({ error: "Data de vencimento inválida." }).nullable().default(null),
    assignedTo: uuid.nullable().default(null),
    outcome: optional("O resultado", 255),
    dealId: uuid.nullable().default(null),
    leadId: uuid.nullable().default(null),
    contactId: uuid.nullable().default(null),
    companyId: uuid.nullable().default(null),
  })
  .refine((a) => a.dealId || a.leadId || a.contactId || a.companyId, {
    path: ["dealId"],
    error: "Vincule a atividade a um negócio, lead, contato ou empresa.",
  });
export type ActivityInput = z.infer<typeof activityInput>;

export const activityCompleteInput = z.object({ id: uuid, outcome: optional("O resultado", 255) });

// ---- Lists --------------------------------------------------------------------------------------

export const PAGE_MAX = 100;

const search = z
  .string()
  .trim()
  .max(200, { error: "A busca deve ter no máximo 200 caracteres." })
  .refine(noNul, { error: "A busca contém caracteres inválidos." })
  .optional();

/** The header's search over leads, deals, contacts and companies (core/crm/global-search). */
export const globalSearchInput = z.object({
  q: z
    .string()
    .trim()
    .min(1, { error: "Digite o que procurar." })
    .max(200, { error: "A busca deve ter no máximo 200 caracteres." })
    .refine(noNul, { error: "A busca contém caracteres inválidos." }),
});

/**
 * Every CRM list's creation date range (createdTo exclusive) and custom field values, each typed as
 * the field stores it; the field must be one of the list entity's custom fields in this tenant.
 */
const createdAndCustom = {
  createdFrom: z.coerce.date({ error: "Data inicial inválida." }).optional(),
  createdTo: z.coerce.date({ error: "Data final inválida." }).optional(),
  // Custom field equals (select, text, number, boolean, date) or contains (multiselect) this value.
  custom: z
    .array(z.object({ fieldId: uuid, value: z.union([z.string().max(1000).refine(noNul), z.number().finite(), z.boolean()]) }))
    .max(10)
    .optional(),
};
export type CreatedAndCustomFilter = { createdFrom?: Date; createdTo?: Date; custom?: { fieldId: string; value: string | number | boolean }[] };

const listBase = {
  cursor: z.string().max(100).optional(),
  limit: z.number().int().min(1).max(PAGE_MAX).default(25),
  q: search,
  ownerId: uuid.optional(),
  tag: z.string().trim().toLowerCase().max(50).optional(),
  ...createdAndCustom,
};

export const companyListInput = z.object(listBase);
export const contactListInput = z.object({ ...listBase, companyId: uuid.optional() });
export const dealListInput = z.object({
  ...listBase,
  pipelineId: uuid.optional(),
  stageId: uuid.optional(),
  status: z.enum(dealStatuses).optional(),
  companyId: uuid.optional(),
  contactId: uuid.optional(),
});
export type CompanyListInput = z.infer<typeof companyListInput>;
export type ContactListInput = z.infer<typeof contactListInput>;
export type DealListInput = z.infer<typeof dealListInput>;

/** The kanban of one pipeline, optionally one owner's deals ("Responsável") and a search. */
export const dealBoardInput = z.object({ pipelineId: uuid, ownerId: uuid.optional(), q: search });
/** One column's "Carregar mais": the board's filter, the stage and the cursor of its last page. */
export const dealBoardPageInput = dealBoardInput.extend({
  stageId: uuid,
  // "<iso>|<id>" (core/keyset.ts): checked here, so an edited cursor is a 400, not a failed query.
  cursor: z
    .string()
    .max(100)
    .refine((c) => {
      const [at, id, ...rest] = c.split("|");
      return !rest.length && !Number.isNaN(Date.parse(at ?? "")) && uuid.safeParse(id).success;
    }, { error: "Cursor inválido." })
    .optional(),
  limit: z.number().int().min(1).max(PAGE_MAX).default(50),
});
export type DealBoardInput = z.infer<typeof dealBoardInput>;
export type DealBoardPageInput = z.infer<typeof dealBoardPageInput>;

export const activityListInput = z.object({
  cursor: z.string().max(100).optional(),
  limit: z.number().int().min(1).max(PAGE_MAX).default(25),
  dealId: uuid.optional(),
  leadId: uuid.optional(),
  contactId: uuid.optional(),
  companyId: uuid.optional(),
  assignedTo: uuid.optional(),
  // Open tasks due before the end of this instant (agenda: due today / overdue).
  dueBefore: z.coerce.date().optional(),
  open: z.boolean().optional(),
});
export type ActivityListInput = z.infer<typeof activityListInput>;

/** Whose work the agenda shows: the signed-in person's, everyone's, or one person's. */
const agendaWho = z.union([z.literal("me"), z.literal("all"), uuid], { error: "Escolha de quem são as atividades." }).default("me");
export const agendaCountsInput = z.object({ who: agendaWho });
export const agendaInput = agendaCountsInput.extend({
  bucket: z.enum(agendaBuckets, { error: "Escolha atrasadas, hoje, próximas, sem data ou concluídas." }),
  // A note is written done: it is a record, not work, so the agenda never lists it.
  type: z.enum(activityTypes).exclude(["note"], { error: "Escolha ligação, e-mail, reunião ou tarefa." }).optional(),
  cursor: z.string().max(100).optional(),
  limit: z.number().int().min(1).max(PAGE_MAX).default(25),
});
export type AgendaBucket = (typeof agendaBuckets)[number];
export type AgendaInput = z.infer<typeof agendaInput>;
export type AgendaCountsInput = z.infer<typeof agendaCountsInput>;

/** The reminder job (crm/activity-reminder.ts): the assignee's bell, shortly before `dueAt`, if the activity is still open and still due then. */
export const activityReminderJobSchema = z.object({ tenantId: z.uuid(), activityId: z.uuid(), dueAt: z.iso.datetime() });
export type ActivityReminderJob = z.infer<typeof activityReminderJobSchema>;

export const idInput = z.object({ id: uuid });
export const idsInput = z.object({ ids: z.array(uuid).min(1, { error: "Selecione pelo menos um registro." }).max(500, { error: "No máximo 500 registros por vez." }) });

// ---- Lead conversion ----------------------------------------------------------------------------

export const convertLeadInput = z.object({
  leadId: uuid,
  // Overrides of what conversion proposes (title from the lead / company, value from the BANT budget).
  title: required("O título do negócio", 255).optional(),
  valueCents: cents.optional(),
  ownerId: uuid.nullable().optional(),
});
export type ConvertLeadInput = z.infer<typeof convertLeadInput>;

// ---- Lead list ----------------------------------------------------------------------------------

export const leadListInput = z
  .object({
    cursor: z.string().max(120).optional(),
    limit: z.number().int().min(1).max(PAGE_MAX).default(25),
    q: search,
    stage: z.enum(leadStages, { error: "Etapa de lead desconhecida." }).optional(),
    source: z.enum(leadSources, { error: "Origem desconhecida." }).optional(),
    tag: z.string().trim().toLowerCase().max(50).optional(),
    minScore: z.number().int().min(0).max(1000).optional(),
    maxScore: z.number().int().min(0).max(1000).optional(),
    ...createdAndCustom,
    sort: z.enum(leadSorts).default("created"),
  })
  .refine((f) => f.minScore === undefined || f.maxScore === undefined || f.minScore <= f.maxScore, { path: ["maxScore"], error: "A pontuação máxima deve ser maior que a mínima." });
export type LeadListInput = z.infer<typeof leadListInput>;

// ---- CSV import ---------------------------------------------------------------------------------

export type ImportField = (typeof importFields)[number];
const column = z.number().int().min(0).max(99);
export const importMappingSchema = z
  .object({ name: column, email: column, phone: column, company: column, tags: column, source_detail: column })
  .partial()
  .refine((m) => m.name !== undefined || m.email !== undefined || m.phone !== undefined, { error: "Mapeie pelo menos a coluna de nome, e-mail ou telefone." })
  .refine((m) => new Set(Object.values(m)).size === Object.values(m).length, { error: "Uma coluna foi usada para dois campos." });
export type ImportMapping = z.infer<typeof importMappingSchema>;
export const importStartInput = z.object({ importId: uuid, mapping: importMappingSchema });
export type ImportStartInput = z.infer<typeof importStartInput>;
export const importJobSchema = z.object({ tenantId: uuid, importId: uuid });
export type ImportJob = z.infer<typeof importJobSchema>;
