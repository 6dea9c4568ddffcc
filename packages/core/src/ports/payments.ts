import type { BillingInterval, SubscriptionStatus } from "@vendaflow/validators/billing";

/** A subscription as Stripe holds it now (webhooks only tell us to look). */
export interface PaymentSubscription {
  id: string;
  customerId: string;
  status: SubscriptionStatus;
  /** Price ids of its items (the flat plan price and the metered overage price). */
  priceIds: string[];
  currentPeriodStart: Date | null;
  currentPeriodEnd: Date | null;
  cancelAtPeriodEnd: boolean;
  trialEnd: Date | null;
  canceledAt: Date | null;
}

export type PaymentMethodKind = "card" | "boleto" | "pix";

export interface CheckoutRequest {
  customerId: string;
  tenantId: string;
  flatPriceId: string;
  /** The metered overage price (usage-based, no quantity). */
  meteredPriceId: string | null;
  /** The usage meters' own metered prices (WhatsApp cost by category), monthly subscriptions only. */
  usagePriceIds: string[];
  methods: PaymentMethodKind[];
  /** Recurring Pix needs a mandate: the most one automatic charge may take. */
  pixMandate: { maxAmountCents: number; interval: BillingInterval } | null;
  successUrl: string;
  cancelUrl: string;
  /** Same key → same session (a double click creates one). */
  idempotencyKey: string;
}

export interface PlanChangeRequest {
  subscriptionId: string;
  flatPriceId: string;
  meteredPriceId: string | null;
  /** The usage meters' metered prices the subscription should carry after the change (none on yearly). */
  usagePriceIds: string[];
}

export interface MeterEventReport {
  eventName: string;
  customerId: string;
  value: number;
  /** Stripe dedupes on it; the same batch always carries the same identifier. */
  identifier: string;
  timestamp: Date;
}

/** Idempotent catalog upserts keyed by our stable keys (product id, price lookup key, meter event name). */
export interface PaymentsCatalog {
  upsertProduct(p: { key: string; name: string; description: string }): Promise<string>;
  upsertPrice(p: { lookupKey: string; productId: string; unitAmountCents: number; interval: BillingInterval; meterId?: string | null; nickname: string }): Promise<string>;
  upsertMeter(m: { eventName: string; displayName: string }): Promise<string>;
}

/**
 * Payments: the few Stripe operations billing needs, in domain words. Adapter:
 * `connectors/stripe/stripe-payments` (the official SDK; tests point it at tests/stand-ins/stripe.ts).
 * Without keys the embedded adapter (`connectors/stripe/disabled-payments`) refuses with a pt-BR error.
 */
export interface Payments {
  readonly kind: "stripe" | "disabled";
  readonly catalog: PaymentsCatalog;
  createCustomer(c: { tenantId: string; name: string; email: string | null }): Promise<string>;
  createCheckout(r: CheckoutRequest): Promise<{ id: string; url: string }>;
  createPortal(r: { customerId: string; returnUrl: string }): Promise<string>;
  getSubscription(id: string): Promise<PaymentSubscription | null>;
  /** What changing plan would charge now (Stripe's proration preview), in cents. */
  previewPlanChange(r: PlanChangeRequest): Promise<{ amountDueCents: number; currency: string }>;
  changePlan(r: PlanChangeRequest): Promise<PaymentSubscription>;
  cancelAtPeriodEnd(subscriptionId: string, cancel: boolean): Promise<PaymentSubscription>;
  reportMeterEvent(e: MeterEventReport): Promise<void>;
  /** What Stripe's meter holds for one customer between two instants (its event summaries, summed). */
  meterTotal(q: { meterId: string; customerId: string; from: Date; to: Date }): Promise<number>;
}

/** Stripe could not be reached or refused: callers turn it into a pt-BR error and change nothing. */
export class PaymentsUnavailable extends Error {
  constructor(message: string, readonly cause?: unknown) {
    super(message);
    this.name = "PaymentsUnavailable";
  }
}

/** A PaymentsUnavailable, also one thrown by another bundle's copy of this class (Next bundles core twice). */
export const isPaymentsUnavailable = (err: unknown): boolean =>
  err instanceof PaymentsUnavailable || (err instanceof Error && err.name === "PaymentsUnavailable");
