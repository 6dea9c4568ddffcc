import { sql, type Selectable } from "kysely";
import type { Database } from "@vendaflow/db/create-db";
import type { Plans } from "@vendaflow/db/types";
import type { PlanUpdate } from "@vendaflow/validators/billing";
import { recordPlatformAudit, type PlatformAuditMeta } from "../audit/record";
import type { AppDeps } from "../deps";
import { DomainError } from "../errors";
import { billingPeriod } from "./period";
import { toPlan } from "./plans";
import { invalidateBillingGate } from "./quota-gate";

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

/** Who changed a global catalog row, for platform_audit_logs. */
export type OperatorMeta = PlatformAuditMeta;

/**
 * The operator edits a plan, with one platform audit row (before / after) in the same transaction.
 * Stripe prices follow at the next `pnpm billing:sync` (a changed amount becomes a new price that
 * takes over the lookup key; subscriptions keep theirs until changed). After the commit the quota
 * gate's cached plans are invalidated in every process (quota-gate.ts).
 */
export async function updatePlan(deps: Pick<AppDeps, "db" | "counters">, input: PlanUpdate, meta: OperatorMeta) {
  const updated = await deps.db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom("plans").selectAll().where("code", "=", input.code).forUpdate().executeTakeFirst();
    if (!before) throw new DomainError("NOT_FOUND", "Plano não encontrado.", { field: "code" });
    const after = await trx
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
        updated_at: sql<Date>`now()`,
      })
      .where("id", "=", before.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordPlatformAudit(trx, meta, { action: "plan.updated", entityType: "plan", entityId: before.code, before: auditView(before), after: auditView(after) });
    return toPlan(after);
  });
  // Limits changed: every process's quota gate reloads its cached plans.
  await invalidateBillingGate(deps.counters);
  return updated;
}

/** The plan fields an operator edits (Stripe ids and timestamps left out of the audit diff). */
function auditView(p: Selectable<Plans>) {
  const { stripe_product_id: _a, stripe_monthly_price_id: _b, stripe_yearly_price_id: _c, stripe_overage_price_id: _d, created_at: _e, updated_at: _f, ...rest } = p;
  return rest;
}

/** The latest platform audit rows for plans (operator console). */
export async function planAudit(db: Database, limit = 20) {
  const rows = await db
    .selectFrom("platform_audit_logs as a")
    .leftJoin("platform_operators as o", "o.id", "a.actor_operator_id")
    .select(["a.id", "a.action", "a.entity_id", "a.created_at", "o.email"])
    .where("a.entity_type", "=", "plan")
    .orderBy("a.created_at", "desc")
    .orderBy("a.id", "desc")
    .limit(limit)
    .execute();
  return rows.map((r) => ({ id: r.id, action: r.action, planCode: r.entity_id, at: r.created_at, operatorEmail: r.email }));
}
