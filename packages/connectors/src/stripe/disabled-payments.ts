import { PaymentsUnavailable, type Payments } from "@vendaflow/core/ports/payments";

const off = async (): Promise<never> => {
  throw new PaymentsUnavailable("payments disabled: STRIPE_SECRET_KEY is not set");
};

/** The embedded default (`pnpm dev` without Stripe keys): every call refuses; the trial still works. */
export const disabledPayments = (): Payments => ({
  kind: "disabled",
  catalog: { upsertProduct: off, upsertPrice: off, upsertMeter: off },
  createCustomer: off,
  createCheckout: off,
  createPortal: off,
  getSubscription: off,
  previewPlanChange: off,
  changePlan: off,
  cancelAtPeriodEnd: off,
  reportMeterEvent: off,
  meterTotal: off,
});
