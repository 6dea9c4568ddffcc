import type { TenantTx } from "@vendaflow/db/with-tenant";
import type { AppDeps } from "../deps";
import { notifyAdmins } from "./notify";
import { gatePlan, gateQuota } from "./quota-gate";
import { botMayServe, warningToSend } from "./quotas";
import { recordBotMessage } from "./record-bot-message";
import type { RecordedUsage } from "./usage";

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

/**
 * A served lead message into the ledger (sourceId = the inbound event, so a reprocessed event counts
 * once), riding the statement that marks the event processed when `processedEventId` is given.
 * Crossing 80% / 100% of the cached plan's limit mails the admins once (claimed on usage_totals).
 * After commit the caller adds it to the KV counter (countUsage).
 */
export async function recordServedBotMessage(
  tx: TenantTx,
  deps: GateDeps,
  tenantId: string,
  m: { sourceId: string; now: Date; processedEventId?: string },
): Promise<RecordedUsage> {
  const u = await recordBotMessage(tx, tenantId, { sourceId: m.sourceId, occurredAt: m.now, ...(m.processedEventId ? { processedEventId: m.processedEventId } : {}) });
  if (!u.recorded) return { recorded: false, period: u.period, total: 0 };
  const plan = await gatePlan(tx, deps.counters, tenantId, m.now);
  const warn = plan.billed ? warningToSend(plan.limit, u.total!, u.warnedPercent) : null;
  if (warn !== null) {
    const claimed = await tx
      .updateTable("usage_totals")
      .set({ warned_percent: warn })
      .where("meter", "=", "bot_messages")
      .where("period", "=", u.period)
      .where("warned_percent", "<", warn)
      .returning("warned_percent")
      .executeTakeFirst();
    if (claimed) await notifyAdmins(tx, deps, tenantId, { kind: "usage_warning", percent: warn, used: u.total!, limit: plan.limit! });
  }
  return { recorded: true, period: u.period, total: u.total! };
}

export type BotMessageDecision = { serve: true; usage: RecordedUsage | null } | { serve: false; reason: "quota_exceeded" | "billing_inactive" };

/** Gate and record in one call (`record: false` checks only: the widget's greeting is not billed). */
export async function meterBotMessage(
  tx: TenantTx,
  deps: GateDeps,
  tenantId: string,
  m: { sourceId: string; newConversation: boolean; now: Date; record?: boolean; processedEventId?: string },
): Promise<BotMessageDecision> {
  const decision = await botQuotaGate(tx, deps, tenantId, m);
  if (!decision.serve) return decision;
  if (m.record === false) return { serve: true, usage: null };
  return { serve: true, usage: await recordServedBotMessage(tx, deps, tenantId, m) };
}
