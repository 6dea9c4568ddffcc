import { sql } from "kysely";
import type { Database } from "@vendaflow/db/create-db";
import type { PlanUpdate } from "@vendaflow/validators/billing";
import { DomainError } from "../errors";
import { billingPeriod } from "./period";

/** Operator console: every tenant's plan, status, MRR and this month's bot messages; totals on top. */
export async function operatorBillingOverview(db: Database, now: Date) {
  const period = billingPeriod(now);
  const rows = (
    await sql<{
      tenant_id: string;
      slug: string;
      name: string;
      plan_code: string | null;
      status: string | null;
      billing_interval: string | null;
      mrr_cents: string;
      messages: string;
      max_messages_month: number | null;
      trial_ends_at: Date | null;
    }>`select * from app_billing_overview(${period})`.execute(db)
  ).rows.map((r) => ({
    tenantId: r.tenant_id,
    slug: r.slug,
    name: r.name,
    planCode: r.plan_code,
    status: r.status,
    interval: r.billing_interval,
    mrrCents: Number(r.mrr_cents),
    messages: Number(r.messages),
    messageLimit: r.max_messages_month,
    trialEndsAt: r.trial_ends_at,
  }));
  const byStatus: Record<string, number> = {};
  for (const r of rows) byStatus[r.status ?? "unbilled"] = (byStatus[r.status ?? "unbilled"] ?? 0) + 1;
  return { period, mrrCents: rows.reduce((n, r) => n + r.mrrCents, 0), byStatus, tenants: rows };
}

/** The operator edits a plan; Stripe prices follow at the next `vf-billing sync` (new price, same lookup key). */
export async function updatePlan(db: Database, input: PlanUpdate) {
  const r = await db
    .updateTable("plans")
    .set({
      name: input.name,
      description: input.description,
      price_monthly_cents: input.priceMonthlyCents,
      price_yearly_cents: input.priceYearlyCents,
      overage_message_cents: input.overageMessageCents,
      max_users: input.maxUsers,
      max_messages_month: input.maxMessagesMonth,
      max_inboxes: input.maxInboxes,
      max_whatsapp_numbers: input.maxWhatsappNumbers,
      message_grace_percent: input.messageGracePercent,
      features: JSON.stringify(input.features),
      is_active: input.isActive,
      updated_at: new Date(),
    })
    .where("code", "=", input.code)
    .returning("id")
    .executeTakeFirst();
  if (!r) throw new DomainError("NOT_FOUND", "Plano não encontrado.", { field: "code" });
}
