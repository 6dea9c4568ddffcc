import type { TenantTx } from "@vendaflow/db/with-tenant";
import type { AppDeps } from "../deps";
import { notifyAdmins } from "./notify";
import { botMayServe, readMessageQuota, warningToSend } from "./quotas";
import { recordBotMessage } from "./record-bot-message";
import type { RecordedUsage } from "./usage";

export type BotMessageDecision = { serve: true; usage: RecordedUsage | null } | { serve: false; reason: "quota_exceeded" | "billing_inactive" };

/**
 * The quota gate of the inbound pipeline, in the conversation's transaction. A new conversation
 * first reads plan, status and this month's total (past the grace or read-only it goes to humans);
 * a conversation already with the bot is always served. A served lead message is recorded in the
 * ledger in one statement (sourceId = the inbound event, so a reprocessed event counts once);
 * crossing 80% / 100% mails the admins once. `record: false` checks only (the widget's greeting).
 */
export async function meterBotMessage(
  tx: TenantTx,
  deps: Pick<AppDeps, "db" | "email" | "links">,
  tenantId: string,
  m: { sourceId: string; newConversation: boolean; now: Date; record?: boolean },
): Promise<BotMessageDecision> {
  if (m.newConversation) {
    const decision = botMayServe(await readMessageQuota(tx, m.now), true);
    if (!decision.serve) return decision;
  }
  if (m.record === false) return { serve: true, usage: null };
  const u = await recordBotMessage(tx, tenantId, { sourceId: m.sourceId, occurredAt: m.now });
  const warn = u.recorded && u.billed ? warningToSend(u.limit, u.total, u.warnedPercent) : null;
  if (warn !== null) {
    const claimed = await tx
      .updateTable("usage_totals")
      .set({ warned_percent: warn })
      .where("meter", "=", "bot_messages")
      .where("period", "=", u.period)
      .where("warned_percent", "<", warn)
      .returning("warned_percent")
      .executeTakeFirst();
    if (claimed) await notifyAdmins(tx, deps, tenantId, { kind: "usage_warning", percent: warn, used: u.total, limit: u.limit! });
  }
  return { serve: true, usage: { recorded: u.recorded, period: u.period, total: u.total } };
}
