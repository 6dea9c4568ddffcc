import { sql } from "kysely";
import type { TenantTx } from "@vendaflow/db/with-tenant";
import type { AiCallOutcome } from "@vendaflow/validators/ai";
import type { AiUsage } from "../ports/ai-model";

// The AI layer's rows: the tenant's settings, the call log and the monthly usage counter
// (ai_usage_monthly, what billing meters). All inside the caller's tenant transaction.

export interface AiSettingsRow {
  enabled: boolean;
  monthlyTokenCap: number;
  operatorBlocked: boolean;
  operatorNote: string | null;
}

export const AI_DEFAULTS: AiSettingsRow = { enabled: false, monthlyTokenCap: 200_000, operatorBlocked: false, operatorNote: null };

export async function loadAiSettings(tx: TenantTx): Promise<AiSettingsRow> {
  const row = await tx.selectFrom("ai_settings").select(["enabled", "monthly_token_cap", "operator_blocked", "operator_note"]).executeTakeFirst();
  return row ? { enabled: row.enabled, monthlyTokenCap: row.monthly_token_cap, operatorBlocked: row.operator_blocked, operatorNote: row.operator_note } : AI_DEFAULTS;
}

/** First day of `now`'s calendar month in Brasília (UTC-3, no daylight saving since 2019). */
export function usageMonth(now: Date): string {
  const local = new Date(now.getTime() - 3 * 3600_000);
  return `${local.getUTCFullYear()}-${String(local.getUTCMonth() + 1).padStart(2, "0")}-01`;
}

export async function monthUsage(tx: TenantTx, month: string): Promise<{ calls: number; tokens: number }> {
  const row = await tx.selectFrom("ai_usage_monthly").select(["calls", "input_tokens", "output_tokens"]).where("month", "=", sql<Date>`${month}::date`).executeTakeFirst();
  return row ? { calls: row.calls, tokens: Number(row.input_tokens) + Number(row.output_tokens) } : { calls: 0, tokens: 0 };
}

export interface AiCallRecord {
  conversationId: string | null;
  purpose: "classify" | "summary" | "transcribe";
  stepId?: string | null;
  provider: string;
  model: string;
  promptVersion: string;
  latencyMs: number;
  usage: AiUsage;
  outcome: AiCallOutcome;
  choice?: string | null;
  confidence?: number | null;
}

/** Logs one model call and counts it in the month's usage, in one go. */
export async function recordAiCall(tx: TenantTx, tenantId: string, now: Date, r: AiCallRecord): Promise<void> {
  await tx
    .insertInto("ai_calls")
    .values({
      tenant_id: tenantId,
      conversation_id: r.conversationId,
      purpose: r.purpose,
      step_id: r.stepId ?? null,
      provider: r.provider.slice(0, 40),
      model: r.model.slice(0, 100),
      prompt_version: r.promptVersion,
      latency_ms: Math.max(0, Math.round(r.latencyMs)),
      input_tokens: r.usage.inputTokens,
      output_tokens: r.usage.outputTokens,
      outcome: r.outcome,
      choice: r.choice?.slice(0, 100) ?? null,
      confidence: r.confidence == null ? null : String(Math.round(r.confidence * 1000) / 1000),
      created_at: now,
    })
    .execute();
  await tx
    .insertInto("ai_usage_monthly")
    .values({ tenant_id: tenantId, month: sql<Date>`${usageMonth(now)}::date`, calls: 1, input_tokens: r.usage.inputTokens, output_tokens: r.usage.outputTokens, updated_at: now })
    .onConflict((oc) =>
      oc.columns(["tenant_id", "month"]).doUpdateSet({
        calls: sql`ai_usage_monthly.calls + 1`,
        input_tokens: sql`ai_usage_monthly.input_tokens + excluded.input_tokens`,
        output_tokens: sql`ai_usage_monthly.output_tokens + excluded.output_tokens`,
        updated_at: now,
      }),
    )
    .execute();
}
