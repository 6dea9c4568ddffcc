import { z } from "zod";
import { noNul } from "./sanitize";

// The optional AI layer: what a model must answer (validated by the adapter through the AI SDK)
// and the tenant's settings. Limits repeat db/migrations/0015_ai_layer.sql.

/** Providers the AI layer can talk to through the Vercel AI SDK (AI_PROVIDER). */
export const aiProviders = ["openai", "anthropic", "openai-compatible"] as const;
export type AiProviderName = (typeof aiProviders)[number];

/** "none" when the model cannot tell; otherwise one of the choice ids it was offered. */
export const AI_NO_CHOICE = "none";

export const aiClassificationSchema = z.object({
  choice: z.string().min(1).max(100).describe('One of the ids listed under "choices", or "none".'),
  confidence: z.number().min(0).max(1).describe("How sure you are, from 0 to 1."),
  evidence: z.array(z.string().max(120)).max(5).describe("The lead's own words that justify the choice, copied verbatim."),
});
export type AiClassification = z.infer<typeof aiClassificationSchema>;

export const aiCallOutcomes = [
  "accepted",
  "below_threshold",
  "no_choice",
  "unsupported",
  "invalid_choice",
  "summarized",
  "transcribed",
  "too_long",
  "timeout",
  "rate_limited",
  "malformed",
  "provider_error",
] as const;
export type AiCallOutcome = (typeof aiCallOutcomes)[number];

export const AI_TOKEN_CAP_MAX = 100_000_000;

export const aiSettingsInputSchema = z.object({
  enabled: z.boolean(),
  monthlyTokenCap: z
    .number({ error: "Informe um número de tokens." })
    .int("Use um número inteiro.")
    .min(0, "O limite não pode ser negativo.")
    .max(AI_TOKEN_CAP_MAX, "Limite máximo: 100 milhões de tokens por mês."),
});
export type AiSettingsInput = z.infer<typeof aiSettingsInputSchema>;

export const aiOperatorBlockSchema = z.object({
  tenantId: z.uuid("Espaço de trabalho inválido."),
  blocked: z.boolean(),
  note: z
    .string()
    .trim()
    .max(200, "Use no máximo 200 caracteres.")
    .refine(noNul, "Texto inválido.")
    .optional(),
});
export type AiOperatorBlockInput = z.infer<typeof aiOperatorBlockSchema>;

export interface AiUsageView {
  /** The platform has a model configured (AI_PROVIDER); without it the switch does nothing. */
  available: boolean;
  enabled: boolean;
  operatorBlocked: boolean;
  monthlyTokenCap: number;
  month: string;
  calls: number;
  tokens: number;
  recent: { id: string; purpose: string; model: string; outcome: AiCallOutcome; choice: string | null; confidence: number | null; latencyMs: number; tokens: number; createdAt: string }[];
}
