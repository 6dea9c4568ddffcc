import { withTenant, type TenantTx } from "@vendaflow/db/with-tenant";
import type { AppDeps } from "../deps";
import type { CounterStore } from "../ports/counter-store";
import { notifyAdmins } from "./notify";
import { gatePlan, gateQuota } from "./quota-gate";
import { botMayServe, warningToSend } from "./quotas";
import { recordBotMessage } from "./record-bot-message";

type GateDeps = Pick<AppDeps, "db" | "email" | "links" | "counters">;

export type BotGateDecision = { serve: true } | { serve: false; reason: "quota_exceeded" | "billing_inactive" };

/**
 * The quota gate of the inbound pipeline, before the bot runs. A conversation already with the bot
 * is always served (no lead is cut off mid-qualification) and costs nothing here; a new one is
 * checked against the cached plan and the KV counter (quota-gate.ts): past the grace or read-only it
 * goes to humans. No Postgres on a warm cache.
 */
export async function botQuotaGate(tx: TenantTx, deps: Pick<GateDeps, "counters">, tenantId: string, m: { newConversation: boolean; now: Date }): Promise<BotGateDecision> {
  if (!m.newConversation) return { serve: true };
  return botMayServe(await gateQuota(tx, deps.counters, tenantId, m.now), true);
}

export interface RecordedBotUsage {
  period: string;
  /** The cached plan's monthly message limit (null: unlimited or not billed), for warnOnBotMessages. */
  limit: number | null;
}

/**
 * A served lead message into the ledger (record-bot-message.ts: one row per inbound event, held for
 * the transaction's next statement; the caller marks the event processed in the same transaction). One
 * insert, no running total and no row lock shared with the tenant's other conversations. After
 * commit the caller adds it to the KV counter (countUsage) and passes the counter's new value to
 * warnOnBotMessages.
 */
export async function recordServedBotMessage(tx: TenantTx, deps: GateDeps, tenantId: string, m: { eventId: string; now: Date }): Promise<RecordedBotUsage> {
  const u = await recordBotMessage(tx, tenantId, { eventId: m.eventId, occurredAt: m.now });
  const plan = await gatePlan(tx, deps.counters, tenantId, m.now);
  return { period: u.period, limit: plan.billed ? plan.limit : null };
}

/** Per process (per KV store): the highest warning known claimed per tenant and month. */
const claimedWarnings = new WeakMap<CounterStore, Map<string, number>>();

/**
 * Warnings at 80 % and 100 % of the month's limit, decided from the KV counter's value after a
 * served message was counted (no Postgres while nothing is crossed). A crossing is claimed once in
 * Postgres (usage_totals.warned_percent, so every process and retry agree) and mails the admins.
 * Each process tries a threshold once per tenant and month after a successful claim attempt.
 */
export async function warnOnBotMessages(deps: GateDeps, tenantId: string, u: { period: string; used: number; limit: number | null }): Promise<void> {
  let memo = claimedWarnings.get(deps.counters);
  if (!memo) claimedWarnings.set(deps.counters, (memo = new Map()));
  const key = `${tenantId}:${u.period}`;
  const warn = warningToSend(u.limit, u.used, memo.get(key) ?? 0);
  if (warn === null) return;
  await withTenant(deps.db, tenantId, async (tx) => {
    const claimed = await tx
      .insertInto("usage_totals")
      .values({ tenant_id: tenantId, meter: "bot_messages", period: u.period, warned_percent: warn })
      .onConflict((oc) => oc.columns(["tenant_id", "meter", "period"]).doUpdateSet({ warned_percent: warn }).where("usage_totals.warned_percent", "<", warn))
      .returning("warned_percent")
      .executeTakeFirst();
    if (claimed) await notifyAdmins(tx, deps, tenantId, { kind: "usage_warning", percent: warn, used: u.used, limit: u.limit! });
  });
  if (memo.size > 20_000) memo.clear();
  memo.set(key, warn);
}
