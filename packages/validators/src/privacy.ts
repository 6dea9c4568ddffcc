import { z } from "zod";

// LGPD (issue 12): the consent ledger's inputs and outputs. Limits match
// db/migrations/0070_consent_ledger.sql; text that reaches Postgres refuses NUL.

const noNul = (s: string) => !s.includes("\u0000");
const uuid = z.uuid({ error: "Identificador inválido." });

export const consentPurposes = ["service", "marketing", "analytics", "ai_processing"] as const;
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

/** Channels an agent may record by hand (the others are written by the widget, WhatsApp or the API). */
export const manualConsentChannels = ["phone", "email", "in_person"] as const;

export const CONSENT_LIMITS = { note: 500, reason: 500, textShown: 5000, textVersion: 40, ip: 64, userAgent: 500 } as const;

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
