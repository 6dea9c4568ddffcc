import { sql } from "kysely";
import type { TenantTx } from "@vendaflow/db/with-tenant";
import { USAGE_WARNING_PERCENTS, type QuotaResource, type SubscriptionStatus } from "@vendaflow/validators/billing";
import { DomainError } from "../errors";
import { accessFor } from "./access";

/** Where every quota error sends the user (the tenant's billing page, same host). */
export const UPGRADE_PATH = "/billing";

/** What the plan limits, singular and plural ("até 1 caixa de entrada", "até 3 caixas de entrada"). */
const LABEL: Record<QuotaResource, [one: string, many: string]> = {
  users: ["usuário", "usuários"],
  inboxes: ["caixa de entrada de site ou API", "caixas de entrada de site ou API"],
  whatsapp_numbers: ["número de WhatsApp", "números de WhatsApp"],
  messages: ["mensagem do mês", "mensagens do mês"],
};

export const quotaExceeded = (resource: QuotaResource, limit: number) =>
  new DomainError("PAYMENT_REQUIRED", `Seu plano permite até ${limit.toLocaleString("pt-BR")} ${LABEL[resource][limit === 1 ? 0 : 1]}. Faça upgrade para continuar.`, { resource, limit, upgradeUrl: UPGRADE_PATH });

export const subscriptionInactive = () =>
  new DomainError("PAYMENT_REQUIRED", "Sua assinatura está inativa: a conta está somente leitura. Escolha um plano para voltar a criar e alterar dados.", { resource: "subscription", upgradeUrl: UPGRADE_PATH });

/**
 * Read-only accounts (unpaid, canceled, grace over, expired trial) change nothing through the
 * dashboard: every tenant mutation outside the allowed areas (billing, the agents' conversation work,
 * the user's own profile) calls this first. One indexed read; unbilled tenants pass.
 */
export async function assertWritable(tx: TenantTx, now: Date) {
  const row = await tx.selectFrom("tenant_subscriptions").select(["status", "trial_ends_at", "past_due_since", "stripe_subscription_id"]).executeTakeFirst();
  if (!row) return;
  const access = accessFor({ status: row.status as SubscriptionStatus, trialEndsAt: row.trial_ends_at, pastDueSince: row.past_due_since, hasStripeSubscription: Boolean(row.stripe_subscription_id) }, now);
  if (access.level === "read_only") throw subscriptionInactive();
}

const limitColumn = { users: "p.max_users", inboxes: "p.max_inboxes", whatsapp_numbers: "p.max_whatsapp_numbers" } as const;

/**
 * Before adding a user, inbox or WhatsApp number: the plan's limit (and an active subscription).
 * Tenants without a subscription row are not billed and have no limits. Inboxes and WhatsApp
 * numbers are counted apart (a WhatsApp inbox is a number, not one of the plan's inboxes), so
 * Starter's "1 inbox, 1 número de WhatsApp" means the site and WhatsApp both, as it is sold.
 */
export async function assertQuota(tx: TenantTx, resource: Exclude<QuotaResource, "messages">, now: Date) {
  const row = await tx
    .selectFrom("tenant_subscriptions as s")
    .innerJoin("plans as p", "p.id", "s.plan_id")
    .select(["s.status", "s.trial_ends_at", "s.past_due_since", "s.stripe_subscription_id", sql<number | null>`${sql.ref(limitColumn[resource])}`.as("max")])
    .executeTakeFirst();
  if (!row) return;
  const access = accessFor({ status: row.status as SubscriptionStatus, trialEndsAt: row.trial_ends_at, pastDueSince: row.past_due_since, hasStripeSubscription: Boolean(row.stripe_subscription_id) }, now);
  if (access.level === "read_only") throw subscriptionInactive();
  if (row.max === null) return;
  const count = tx
    .selectFrom("inboxes")
    .where("is_active", "=", true)
    .where("channel", resource === "whatsapp_numbers" ? "=" : "<>", "whatsapp");
  const { n } =
    resource === "users"
      ? await tx.selectFrom("users").where("is_active", "=", true).select(sql<number>`count(*)::int`.as("n")).executeTakeFirstOrThrow()
      : await count.select(sql<number>`count(*)::int`.as("n")).executeTakeFirstOrThrow();
  if (n + 1 > row.max) throw quotaExceeded(resource, row.max);
}

export interface MessageQuota {
  /** No subscription row: not billed, no limit. */
  billed: boolean;
  readOnly: boolean;
  limit: number | null;
  gracePercent: number;
  used: number;
}

/**
 * May the bot take this message? Conversations already with the bot always continue (no lead is
 * cut off mid-qualification). A new conversation goes to humans when the account is read-only or
 * the month's messages passed the limit plus the plan's grace percentage.
 */
export function botMayServe(q: MessageQuota, newConversation: boolean): { serve: true } | { serve: false; reason: "quota_exceeded" | "billing_inactive" } {
  if (!newConversation || !q.billed) return { serve: true };
  if (q.readOnly) return { serve: false, reason: "billing_inactive" };
  if (q.limit !== null && q.used >= Math.floor((q.limit * (100 + q.gracePercent)) / 100)) return { serve: false, reason: "quota_exceeded" };
  return { serve: true };
}

/** The highest warning threshold (80, 100) the new total crossed that was not sent yet. */
export function warningToSend(limit: number | null, used: number, warnedPercent: number): number | null {
  if (limit === null) return null;
  const crossed = USAGE_WARNING_PERCENTS.filter((p) => used * 100 >= limit * p && p > warnedPercent);
  return crossed.length ? crossed[crossed.length - 1]! : null;
}
