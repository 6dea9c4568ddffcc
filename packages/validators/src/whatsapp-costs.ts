import { z } from "zod";

/**
 * Meta's pricing categories the platform knows, each with a pt-BR name in the web catalog
 * (whatsapp.pricingCategories). Meta may send one not listed yet: it is stored and priced by its id.
 */
export const WHATSAPP_PRICING_CATEGORIES = ["marketing", "utility", "authentication", "authentication_international", "service", "referral_conversion", "marketing_lite"] as const;
export type WhatsAppPricingCategory = (typeof WHATSAPP_PRICING_CATEGORIES)[number];

/** Meta's pricing categories as they arrive on status webhooks (messages.wa_pricing_category). */
export const pricingCategorySchema = z.string().regex(/^[a-z_]{1,40}$/, { error: "Categoria inválida: use letras minúsculas e _." });

/** A calendar month in São Paulo time, e.g. "2026-11". */
export const monthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: "Mês inválido: use AAAA-MM." });

/** Price of 1,000 messages in BRL cents (one message costs a fraction of a cent); column whatsapp_prices.per_thousand_cents. */
export const perThousandCentsSchema = z
  .number({ error: "Informe o preço em centavos por mil mensagens." })
  .int("Use centavos inteiros.")
  .min(0, "O preço não pode ser negativo.")
  .max(10_000_000, "Preço alto demais (máximo R$ 100.000,00 por mil).");

export const whatsAppPriceSchema = z.object({ category: pricingCategorySchema, perThousandCents: perThousandCentsSchema });
export type WhatsAppPrice = z.infer<typeof whatsAppPriceSchema>;

/** The operator replaces the whole rate card; categories left out lose their price. */
export const setWhatsAppPricesInput = z.object({
  prices: z
    .array(whatsAppPriceSchema)
    .min(1, "Informe ao menos uma categoria.")
    .max(30)
    .refine((p) => new Set(p.map((x) => x.category)).size === p.length, { error: "Categoria repetida." }),
});

export const whatsAppUsageInput = z.object({
  /** Last month of the report (default: the current month). */
  month: monthSchema.optional(),
  /** How many months back, the given one included. */
  months: z.number().int().min(1).max(24).default(6),
});

export interface WhatsAppUsageRow {
  month: string;
  category: string;
  /** Outbound messages Meta priced in this category. */
  messages: number;
  /** Of those, the ones Meta says it bills (billable absent counts as billed). */
  billable: number;
  /** billable × the rate card, rounded to the cent; null when the category has no price. */
  estimatedCents: number | null;
}
