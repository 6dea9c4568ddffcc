import type { TenantTx } from "@vendaflow/db/with-tenant";
import type { AppDeps } from "../deps";
import { notifyAdmins } from "./notify";
import { billingPeriod } from "./period";
import { botMayServe, readMessageQuota, warningToSend } from "./quotas";
import { recordUsage, type RecordedUsage } from "./usage";

export type BotMessageDecision = { serve: true; usage: RecordedUsage | null } | { serve: false; reason: "quota_exceeded" | "billing_inactive" };

/**
 * The quota gate of the inbound pipeline, in the conversation's transaction: one read of plan,
 * status and this month's total; a served lead message is recorded in the ledger (sourceId = the
 * inbound event, so a reprocessed event counts once); crossing 80% / 100% mails the admins once.
 * `record: false` checks only (the widget's greeting is not a lead message).
 */
export async function meterBotMessage(
  tx: TenantTx,
  deps: Pick<AppDeps, "db" | "email" | "links">,
  tenantId: string,
  m: { sourceId: string; newConversation: boolean; now: Date; record?: boolean },
): Promise<BotMessageDecision> {
  const quota = await readMessageQuota(tx, m.now);
  const decision = botMayServe(quota, m.newConversation);
  if (!decision.serve) return decision;
  if (m.record === false) return { serve: true, usage: null };
  const usage = await recordUsage(tx, tenantId, { meter: "bot_messages", quantity: 1, sourceId: m.sourceId, occurredAt: m.now });
  const warn = usage.recorded && quota.billed ? warningToSend(quota.limit, usage.total, quota.warnedPercent) : null;
  if (warn !== null) {
    const claimed = await tx
      .updateTable("usage_totals")
      .set({ warned_percent: warn })
      .where("meter", "=", "bot_messages")
      .where("period", "=", billingPeriod(m.now))
      .where("warned_percent", "<", warn)
      .returning("warned_percent")
      .executeTakeFirst();
    if (claimed) await notifyAdmins(tx, deps, tenantId, { kind: "usage_warning", percent: warn, used: usage.total, limit: quota.limit! });
  }
  return { serve: true, usage };
}
