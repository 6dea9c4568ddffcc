import { z } from "zod";
import { noNul } from "./sanitize";
import { leadDetailsInput, normalizePhone } from "./crm";
import { consentPurposes, manualConsentChannels, CONSENT_LIMITS, requestKinds, requestStatuses, REQUEST_LIMITS, incidentRisks, INCIDENT_LIMITS } from "./plain/privacy";
export { consentPurposes, manualConsentChannels, CONSENT_LIMITS, requestKinds, requestStatuses, REQUEST_TRANSITIONS, REQUEST_LIMITS, RESEND_CODE_SECONDS, PRIVACY_QUEUE_LIMIT, incidentRisks, INCIDENT_LIMITS } from "./plain/privacy";

// LGPD (issue 12): the consent ledger's inputs and outputs. Limits match
// db/migrations/0070_consent_ledger.sql; text that reaches Postgres refuses NUL.

const uuid = z.uuid({ error: "Identificador inválido." });

export type ConsentPurpose = (typeof consentPurposes)[number];

/** LGPD art. 7 bases, as stored in consents.legal_basis. */
export const legalBases = [
  "consentimento",
  "obrigacao_legal",
  "politicas_publicas",
  "estudos_pesquisa",
  "execucao_de_contrato",
  "exercicio_de_direitos",
  "protecao_da_vida",
  "tutela_da_saude",
  "legitimo_interesse",
  "protecao_do_credito",
] as const;
export type LegalBasis = (typeof legalBases)[number];

export const consentChannels = ["web", "whatsapp", "api", "phone", "email", "in_person", "privacy_page"] as const;
export type ConsentChannel = (typeof consentChannels)[number];

const text = (label: string, max: number) =>
  z
    .string({ error: `Informe ${label}.` })
    .trim()
    .min(1, { error: `Informe ${label}.` })
    .max(max, { error: `${label[0]!.toUpperCase()}${label.slice(1)} deve ter no máximo ${max} caracteres.` })
    .refine(noNul, { error: `${label[0]!.toUpperCase()}${label.slice(1)} contém caracteres inválidos.` });

/** The subject a consent belongs to: a lead (conversations) or a CRM contact. */
export const consentSubjectSchema = z.union([z.object({ leadId: uuid }), z.object({ contactId: uuid })], { error: "Informe o lead ou o contato." });
export type ConsentSubject = z.infer<typeof consentSubjectSchema>;

/** An agent records a consent given outside the app (by phone, e-mail or in person), with a note. */
export const recordManualConsentSchema = z.object({
  subject: consentSubjectSchema,
  purpose: z.enum(consentPurposes, { error: "Finalidade inválida." }),
  granted: z.boolean({ error: "Informe se o consentimento foi dado ou recusado." }),
  channel: z.enum(manualConsentChannels, { error: "Canal inválido para registro manual." }),
  textShown: text("o texto lido ou enviado ao titular", CONSENT_LIMITS.textShown),
  textVersion: text("a versão do texto", CONSENT_LIMITS.textVersion),
  note: text("a observação (quem, quando, como)", CONSENT_LIMITS.note),
});
export type RecordManualConsentInput = z.infer<typeof recordManualConsentSchema>;

export const revokeConsentSchema = z.object({
  subject: consentSubjectSchema,
  purpose: z.enum(consentPurposes, { error: "Finalidade inválida." }),
  reason: text("o motivo da revogação", CONSENT_LIMITS.reason),
});
export type RevokeConsentInput = z.infer<typeof revokeConsentSchema>;

export const listConsentsSchema = z.object({ subject: consentSubjectSchema });

export interface ConsentRow {
  id: string;
  purpose: ConsentPurpose;
  granted: boolean;
  legalBasis: LegalBasis;
  channel: ConsentChannel;
  textShown: string;
  textVersion: string;
  ip: string | null;
  userAgent: string | null;
  createdAt: string;
  revokesId: string | null;
  revocationReason: string | null;
  note: string | null;
  recordedBy: string | null;
}

/** A purpose's current state: the latest row, or none. */
export interface ConsentState {
  purpose: ConsentPurpose;
  granted: boolean;
  since: string | null;
  revoked: boolean;
}

// ---- Data subject requests (0071) ----------------------------------------------------------------

export type RequestKind = (typeof requestKinds)[number];

export type RequestStatus = (typeof requestStatuses)[number];

/** Where a request started: the public page's form, or a message in a WhatsApp conversation. */
export const requestChannels = ["privacy_page", "whatsapp"] as const;
export type RequestChannel = (typeof requestChannels)[number];

/** Wrong codes allowed before the request expires; minutes a code lives. */
export const VERIFICATION = { maxAttempts: 5, ttlMinutes: 15 } as const;

const email = z
  .string({ error: "Informe o e-mail." })
  .trim()
  .toLowerCase()
  .max(REQUEST_LIMITS.email, { error: `O e-mail deve ter no máximo ${REQUEST_LIMITS.email} caracteres.` })
  .pipe(z.email({ error: "Informe um e-mail válido." }));

const blankToNull = (v: unknown) => (typeof v === "string" && v.trim() === "" ? null : v);

/**
 * The subject's WhatsApp as typed on the page: a number (as the CRM reads phones: normalizePhone,
 * with or without +55, spaces, dashes) or a WhatsApp username (@handle). Normalised to the E.164
 * digits without "+" (as Meta sends wa_id), or to "@handle" lower-case.
 */
export const whatsappHandleSchema = z
  .string()
  .trim()
  .max(REQUEST_LIMITS.whatsapp, { error: `O WhatsApp deve ter no máximo ${REQUEST_LIMITS.whatsapp} caracteres.` })
  .transform((s, ctx) => {
    if (/^[+\d\s().-]+$/.test(s)) {
      const e164 = normalizePhone(s);
      if (e164) return e164.slice(1);
    } else {
      const handle = s.replace(/^@/, "").toLowerCase();
      if (/^[a-z0-9._]{3,35}$/.test(handle)) return `@${handle}`;
    }
    ctx.addIssue({ code: "custom", message: "Informe o número do WhatsApp com DDD ou seu nome de usuário (@usuario)." });
    return z.NEVER;
  });

export const submitRequestSchema = z
  .object({
    kind: z.enum(requestKinds, { error: "Escolha o tipo de pedido." }),
    name: text("seu nome", REQUEST_LIMITS.name),
    /** The e-mail on file; or the WhatsApp number / username, and the code goes there instead. */
    email: z.preprocess(blankToNull, email.nullable().optional()).transform((v) => v ?? null),
    whatsapp: z.preprocess(blankToNull, whatsappHandleSchema.nullable().optional()).transform((v) => v ?? null),
    details: z
      .string()
      .trim()
      .max(REQUEST_LIMITS.details, { error: `Os detalhes devem ter no máximo ${REQUEST_LIMITS.details} caracteres.` })
      .refine(noNul, { error: "Os detalhes contêm caracteres inválidos." })
      .default(""),
  })
  .refine((v) => v.email !== null || v.whatsapp !== null, { path: ["email"], error: "Informe o e-mail ou o WhatsApp que você usou conosco." });
export type SubmitRequestInput = z.infer<typeof submitRequestSchema>;

export const verifyRequestSchema = z.object({
  requestId: uuid,
  code: z.string({ error: "Informe o código." }).trim().regex(/^\d{6}$/, { error: "O código tem 6 dígitos." }),
});
export type VerifyRequestInput = z.infer<typeof verifyRequestSchema>;

/** "Reenviar código": a new code for the same pending request, over the channel the first one took. */
export const resendCodeSchema = z.object({ requestId: uuid });
export type ResendCodeInput = z.infer<typeof resendCodeSchema>;

export const updateRequestSchema = z
  .object({
    id: uuid,
    status: z.enum(["in_progress", "fulfilled", "rejected"], { error: "Situação inválida." }),
    response: z
      .string()
      .trim()
      .max(REQUEST_LIMITS.response, { error: `A resposta deve ter no máximo ${REQUEST_LIMITS.response} caracteres.` })
      .refine(noNul, { error: "A resposta contém caracteres inválidos." })
      .default(""),
    /** Fulfilling a correction request: the values to apply through the lead's / contact's own edit paths. */
    correction: leadDetailsInput.optional(),
  })
  .refine((v) => v.status === "in_progress" || v.response.length > 0, { path: ["response"], error: "Escreva a resposta ao titular." });
export type UpdateRequestInput = z.infer<typeof updateRequestSchema>;

export const listRequestsSchema = z.object({ status: z.enum(requestStatuses).nullable().default(null) });

export const privacySettingsSchema = z.object({
  dpoName: text("o nome do encarregado", REQUEST_LIMITS.dpoName),
  dpoEmail: email,
  dpoPhone: z.string().trim().max(REQUEST_LIMITS.dpoPhone, { error: `O telefone deve ter no máximo ${REQUEST_LIMITS.dpoPhone} caracteres.` }).refine(noNul).default(""),
  notice: z.string().trim().max(REQUEST_LIMITS.notice, { error: `O aviso deve ter no máximo ${REQUEST_LIMITS.notice} caracteres.` }).refine(noNul, { error: "O aviso contém caracteres inválidos." }).default(""),
});
export type PrivacySettingsInput = z.infer<typeof privacySettingsSchema>;

export interface PublicPrivacyNotice {
  tenantName: string;
  dpoName: string;
  dpoEmail: string;
  dpoPhone: string;
  notice: string;
}

export interface RequestView {
  id: string;
  protocol: string;
  kind: RequestKind;
  status: RequestStatus;
  requesterName: string;
  requesterEmail: string | null;
  requesterWhatsapp: string | null;
  channel: RequestChannel;
  details: string;
  leadId: string | null;
  contactId: string | null;
  verifiedAt: string | null;
  dueDate: string | null;
  /** Business days until the deadline (negative when late), null before verification. */
  businessDaysLeft: number | null;
  response: string | null;
  /** What fulfilling did: rows deleted per table, rows kept with the legal reason, fields corrected. */
  outcome: RequestOutcome;
  createdAt: string;
  closedAt: string | null;
}

export interface RequestOutcome {
  deleted?: Record<string, number>;
  kept?: { table: string; rows: number; reason: string }[];
  corrected?: string[];
}

// ---- Records of processing, sub-processors, incidents (0073) ----------------------------------

export interface ProcessingRecord {
  table: string;
  purpose: string;
  legalBasis: LegalBasis;
  subjects: string[];
  data: string[];
  onRequest: string;
}

export interface SubProcessor {
  name: string;
  service: string;
  country: string;
  transfer: string;
}

export type IncidentRisk = (typeof incidentRisks)[number];

const longText = (label: string, max: number) =>
  z
    .string({ error: `Informe ${label}.` })
    .trim()
    .min(1, { error: `Informe ${label}.` })
    .max(max, { error: `${label[0]!.toUpperCase()}${label.slice(1)} deve ter no máximo ${max} caracteres.` })
    .refine(noNul, { error: "O texto contém caracteres inválidos." });

export const createIncidentSchema = z.object({
  title: longText("o título", INCIDENT_LIMITS.title),
  description: longText("a descrição", INCIDENT_LIMITS.description),
  occurredAt: z.iso.datetime({ error: "Data e hora do incidente inválidas." }).nullable().default(null),
  knownAt: z.iso.datetime({ error: "Informe quando a empresa soube do incidente." }),
  dataCategories: z
    .array(z.string().trim().min(1).max(INCIDENT_LIMITS.category, { error: `Cada categoria deve ter no máximo ${INCIDENT_LIMITS.category} caracteres.` }).refine(noNul), { error: "Informe as categorias de dados." })
    .min(1, { error: "Informe ao menos uma categoria de dados afetada." })
    .max(INCIDENT_LIMITS.categories, { error: `No máximo ${INCIDENT_LIMITS.categories} categorias.` }),
  subjectsAffected: z.number({ error: "Informe quantos titulares foram afetados." }).int({ error: "Use um número inteiro." }).min(0, { error: "O número não pode ser negativo." }).max(INCIDENT_LIMITS.subjects, { error: "Número de titulares grande demais." }),
  measures: longText("as medidas adotadas", INCIDENT_LIMITS.measures),
  risk: z.enum(incidentRisks, { error: "Escolha o nível de risco." }),
});
export type CreateIncidentInput = z.infer<typeof createIncidentSchema>;

export const markIncidentSchema = z.object({ id: uuid, notified: z.enum(["anpd", "subjects"], { error: "Informe quem foi comunicado." }) });

export interface IncidentView {
  id: string;
  title: string;
  description: string;
  occurredAt: string | null;
  knownAt: string;
  dataCategories: string[];
  subjectsAffected: number;
  measures: string;
  risk: IncidentRisk;
  /** Res. ANPD 15/2024 art. 6: 3 business days from when the company knew. */
  deadline: string;
  businessDaysLeft: number;
  anpdNotifiedAt: string | null;
  subjectsNotifiedAt: string | null;
  notice: string;
  createdAt: string;
}

// ---- Retention (0074) ------------------------------------------------------------------------------

export const retentionSettingsSchema = z.object({
  enabled: z.boolean({ error: "Informe se a retenção automática está ligada." }),
  unconvertedLeadMonths: z
    .number({ error: "Informe o número de meses." })
    .int({ error: "Use um número inteiro de meses." })
    .min(1, { error: "O mínimo é 1 mês." })
    .max(120, { error: "O máximo é 120 meses (10 anos)." }),
});
export type RetentionSettings = z.infer<typeof retentionSettingsSchema>;

export const retentionDryRunSchema = z.object({ unconvertedLeadMonths: retentionSettingsSchema.shape.unconvertedLeadMonths });

export interface RetentionReport {
  months: number;
  cutoff: string;
  count: number;
  sample: { id: string; name: string | null; lastActivityAt: string }[];
}
