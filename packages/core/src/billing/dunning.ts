import { withTenant } from "@vendaflow/db/with-tenant";
import { DUNNING_STEPS, type DunningJob, type SubscriptionStatus } from "@vendaflow/validators/billing";
import type { AppDeps } from "../deps";
import { recordAudit } from "../audit/record";
import { accessFor } from "./access";
import { notifyAdmins } from "./notify";

export const DUNNING_JOB_PATH = "/api/jobs/billing-dunning";
const DAY = 86_400_000;

/**
 * After a failed payment: one job per dunning step (reminder on day 3, last call the day before the
 * grace ends, the read-only notice when it ends), counted from when the account became past_due.
 * Deduplicated per invoice and step, so Stripe's repeated failures of one invoice schedule nothing new.
 */
export async function scheduleDunning(deps: Pick<AppDeps, "scheduler" | "now">, tenantId: string, invoiceId: string, pastDueSince: Date) {
  const now = deps.now().getTime();
  for (const s of DUNNING_STEPS) {
    const at = pastDueSince.getTime() + s.afterDays * DAY;
    await deps.scheduler.schedule({
      path: DUNNING_JOB_PATH,
      body: { tenantId, invoiceId, step: s.step } satisfies DunningJob,
      delaySeconds: Math.max(0, Math.ceil((at - now) / 1000)),
      deduplicationId: `dunning-${invoiceId}-${s.step}`,
    });
  }
}

export type DunningOutcome = "sent" | "already_sent" | "recovered" | "not_due";

/**
 * One dunning step, delivered at least once: re-checks that the invoice is still open and the
 * account still past_due (a paid invoice or a recovered account sends nothing), that the step is due
 * (reminders only during the grace, the read-only notice only after it), and mails the admins once
 * (the audit log holds the step sent, checked under the subscription's row lock).
 */
export async function runDunningStep(deps: Pick<AppDeps, "db" | "now" | "email" | "links" | "scheduler">, job: DunningJob): Promise<DunningOutcome> {
  return withTenant(deps.db, job.tenantId, async (tx) => {
    const sub = await tx.selectFrom("tenant_subscriptions").select(["id", "status", "past_due_since", "trial_ends_at", "stripe_subscription_id"]).forUpdate().executeTakeFirst();
    const inv = await tx.selectFrom("billing_invoices").select(["status", "amount_due_cents", "amount_paid_cents"]).where("stripe_invoice_id", "=", job.invoiceId).executeTakeFirst();
    if (!sub || !inv || inv.status !== "open" || sub.status !== "past_due") return "recovered";
    const entityId = `${job.invoiceId}:${job.step}`;
    const sent = await tx.selectFrom("audit_logs").select("id").where("action", "=", "billing.dunning_sent").where("entity_id", "=", entityId.slice(0, 100)).executeTakeFirst();
    if (sent) return "already_sent";
    const now = deps.now();
    const access = accessFor({ status: sub.status as SubscriptionStatus, trialEndsAt: sub.trial_ends_at, pastDueSince: sub.past_due_since, hasStripeSubscription: Boolean(sub.stripe_subscription_id) }, now);
    if (job.step === "read_only" && access.level !== "read_only") {
      // The grace started later than first thought (past_due_since moved): come back when it ends.
      if (access.until) await deps.scheduler.schedule({ path: DUNNING_JOB_PATH, body: job, delaySeconds: Math.max(1, Math.ceil((access.until.getTime() - now.getTime()) / 1000)), deduplicationId: `dunning-${job.invoiceId}-read_only-${access.until.getTime()}` });
      return "not_due";
    }
    if (job.step !== "read_only" && access.level !== "grace") return "not_due";
    const due = inv.amount_due_cents - inv.amount_paid_cents;
    await notifyAdmins(
      tx,
      deps,
      job.tenantId,
      job.step === "read_only" ? { kind: "grace_over", amountDueCents: due } : { kind: "payment_reminder", amountDueCents: due, graceUntil: access.until!, lastCall: job.step === "last_call" },
    );
    await recordAudit(tx, job.tenantId, {}, { action: "billing.dunning_sent", entityType: "billing_invoice", entityId: entityId.slice(0, 100), after: { step: job.step } });
    return "sent";
  });
}
