import type { TenantTx } from "@vendaflow/db/with-tenant";
import type { AiLayerConfig } from "../deps";
import type { AiModel } from "../ports/ai-model";
import { loadAiSettings, monthUsage, usageMonth } from "./store";

/**
 * The model this tenant may call now, or null: none configured, the platform kill switch, the
 * tenant's switch off, the operator's block for the tenant, or the month's token cap reached.
 */
export async function modelFor(tx: TenantTx, ai: AiLayerConfig, now: Date): Promise<AiModel | null> {
  if (!ai.model || ai.killSwitch) return null;
  const settings = await loadAiSettings(tx);
  if (!settings.enabled || settings.operatorBlocked) return null;
  const used = await monthUsage(tx, usageMonth(now));
  return used.tokens < settings.monthlyTokenCap ? ai.model : null;
}
