import { z } from "zod";
import { noNul } from "./sanitize";

// Billing: plan catalog, subscription states, usage meters, the Stripe webhook wire shapes we read
// and the procedure inputs. Limits match db/migrations/0040_billing.sql; pt-BR messages.

const stripeId = (max = 255) => z.string().min(1).max(max).refine(noNul, "Id com caractere nulo.");

export const planCodes = ["starter", "growth", "enterprise"] as const;
export const planCodeSchema = z.string().regex(/^[a-z][a-z0-9_]{1,29}$/, "Código de plano inválido.");
export const billingIntervals = ["month", "year"] as const;
export type BillingInterval = (typeof billingIntervals)[number];
export const billingIntervalSchema = z.enum(billingIntervals, { error: "Escolha mensal ou anual." });

export const subscriptionStatuses = ["trialing", "active", "past_due", "unpaid", "canceled", "incomplete", "incomplete_expired", "paused"] as const;
export type SubscriptionStatus = (typeof subscriptionStatuses)[number];

/** Days of full access after a payment fails (banner and e-mails meanwhile). */
export const PAST_DUE_GRACE_DAYS = 7;
/** Card-less trial started at signup. */
export const TRIAL_DAYS = 14;
/** Message usage warnings, in percent of the monthly limit. */
export const USAGE_WARNING_PERCENTS = [80, 100] as const;

/** What the tenant may do now, derived from the subscription (core/billing/access.ts). */
export const accessLevels = ["full", "grace", "read_only"] as const;
export type AccessLevel = (typeof accessLevels)[number];

export const quotaResources = ["users", "inboxes", "whatsapp_numbers", "messages"] as const;
export type QuotaResource = (typeof quotaResources)[number];

/** A meter name as billing_meters.name: other domains register theirs and record usage by name. */
export const meterNameSchema = z.string().regex(/^[a-z][a-z0-9_]{1,59}$/, "Nome de medidor inválido.");

export const planLimitsSchema = z.object({
  users: z.number().int().positive().nullable(),
  messagesMonth: z.number().int().positive().nullable(),
  inboxes: z.number().int().positive().nullable(),
  whatsappNumbers: z.number().int().positive().nullable(),
});
export type PlanLimits = z.infer<typeof planLimitsSchema>;

const cents = z.number({ error: "Informe o valor em centavos." }).int("Valor em centavos inteiros.").min(0, "O valor não pode ser negativo.").max(100_000_000, "Valor alto demais.");
const limit = z.number().int("Limite inteiro.").min(1, "O limite deve ser pelo menos 1.").max(100_000_000, "Limite alto demais.").nullable();

/** The operator console edits a plan (prices take effect on Stripe at the next `vf billing:sync`). */
export const planUpdateSchema = z.object({
  code: planCodeSchema,
  name: z.string().trim().min(1, "Informe o nome.").max(60, "Nome com no máximo 60 caracteres.").refine(noNul),
  description: z.string().trim().max(500, "Descrição com no máximo 500 caracteres.").refine(noNul),
  priceMonthlyCents: cents,
  priceYearlyCents: cents,
  overageMessageCents: cents,
  maxUsers: limit,
  maxMessagesMonth: limit,
  maxInboxes: limit,
  maxWhatsappNumbers: limit,
  messageGracePercent: z.number().int().min(0, "Entre 0 e 100%.").max(100, "Entre 0 e 100%."),
  features: z.array(z.string().trim().min(1).max(100).refine(noNul)).max(20, "No máximo 20 itens."),
  isActive: z.boolean(),
});
export type PlanUpdate = z.infer<typeof planUpdateSchema>;

export const checkoutInputSchema = z.object({
  planCode: planCodeSchema,
  interval: billingIntervalSchema.default("month"),
});
export type CheckoutInput = z.infer<typeof checkoutInputSchema>;

export const planChangeInputSchema = checkoutInputSchema;

export const invoiceListInputSchema = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.number().int().min(1).max(50).default(12),
});

// ---- Stripe webhook wire shapes (only the fields we read) -----------------------------------------

const customerRef = z.union([stripeId(), z.object({ id: stripeId() }).loose()]).transform((c) => (typeof c === "string" ? c : c.id));
const unix = z.number().int().nonnegative();

export const stripeEventSchema = z
  .object({
    id: stripeId(255),
    type: z.string().min(1).max(100).refine(noNul),
    created: unix,
    data: z.object({ object: z.record(z.string(), z.unknown()) }).loose(),
  })
  .loose();
export type StripeEvent = z.infer<typeof stripeEventSchema>;

/** The object of checkout.session.completed. */
export const stripeCheckoutSessionSchema = z
  .object({
    id: stripeId(),
    customer: customerRef.nullable(),
    subscription: customerRef.nullable().optional(),
    client_reference_id: z.string().max(255).nullable().optional(),
    mode: z.string().max(30),
  })
  .loose();

/** The object of customer.subscription.* (ids only; the state is re-fetched from Stripe). */
export const stripeSubscriptionRefSchema = z.object({ id: stripeId(), customer: customerRef }).loose();

/** The object of invoice.* events. */
export const stripeInvoiceSchema = z
  .object({
    id: stripeId(),
    customer: customerRef,
    number: z.string().max(100).nullable().optional(),
    status: z.enum(["draft", "open", "paid", "uncollectible", "void"]),
    currency: z.string().length(3),
    amount_due: z.number().int(),
    amount_paid: z.number().int(),
    hosted_invoice_url: z.string().max(2000).nullable().optional(),
    invoice_pdf: z.string().max(2000).nullable().optional(),
    period_start: unix.nullable().optional(),
    period_end: unix.nullable().optional(),
    due_date: unix.nullable().optional(),
    created: unix,
    status_transitions: z.object({ paid_at: unix.nullable().optional() }).loose().optional(),
  })
  .loose();
export type StripeInvoice = z.infer<typeof stripeInvoiceSchema>;

/** Body of the usage-report job (QStash). */
export const usageReportJobSchema = z.object({ tenantId: z.uuid().optional() });

/**
 * Dunning after a failed payment: reminders during the grace period, then the read-only notice
 * when it ends. Days after the account became past_due.
 */
export const DUNNING_STEPS = [
  { step: "reminder", afterDays: 3 },
  { step: "last_call", afterDays: PAST_DUE_GRACE_DAYS - 1 },
  { step: "read_only", afterDays: PAST_DUE_GRACE_DAYS },
] as const;
export type DunningStep = (typeof DUNNING_STEPS)[number]["step"];
export const dunningJobSchema = z.object({
  tenantId: z.uuid(),
  invoiceId: stripeId(255),
  step: z.enum(["reminder", "last_call", "read_only"]),
});
export type DunningJob = z.infer<typeof dunningJobSchema>;
