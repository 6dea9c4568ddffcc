import { sql } from "kysely";
import type { Database } from "@vendaflow/db/create-db";
import { withTenant, type TenantTx } from "@vendaflow/db/with-tenant";
import type { AiCallOutcome, AiOperatorBlockInput, AiSettingsInput, AiUsageView } from "@vendaflow/validators/ai";
import { recordAudit, type AuditMeta } from "../audit/record";
import type { AiLayerConfig } from "../deps";
import { DomainError } from "../errors";
import { findTenantById } from "../tenancy/tenants";
import { loadAiSettings, monthUsage, usageMonth } from "./store";

const RECENT = 20;

/** The settings page: the switch, the cap, this month's usage and the last calls. */
export async function aiOverview(tx: TenantTx, ai: AiLayerConfig, now: Date): Promise<AiUsageView> {
  const settings = await loadAiSettings(tx);
  const month = usageMonth(now);
  const used = await monthUsage(tx, month);
  const recent = await tx
    .selectFrom("ai_calls")
    .select(["id", "purpose", "model", "outcome", "choice", "confidence", "latency_ms", "input_tokens", "output_tokens", "created_at"])
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .limit(RECENT)
    .execute();
  return {
    available: !!ai.model && !ai.killSwitch,
    enabled: settings.enabled,
    operatorBlocked: settings.operatorBlocked,
    monthlyTokenCap: settings.monthlyTokenCap,
    month,
    calls: used.calls,
    tokens: used.tokens,
    recent: recent.map((r) => ({
      id: r.id,
      purpose: r.purpose,
      model: r.model,
      outcome: r.outcome as AiCallOutcome,
      choice: r.choice,
      confidence: r.confidence === null ? null : Number(r.confidence),
      latencyMs: r.latency_ms,
      tokens: r.input_tokens + r.output_tokens,
      createdAt: new Date(r.created_at).toISOString(),
    })),
  };
}

/** The tenant admin's switch and monthly cap (audited). */
export async function updateAiSettings(tx: TenantTx, tenantId: string, input: AiSettingsInput, meta: AuditMeta, now: Date): Promise<void> {
  const before = await loadAiSettings(tx);
  await tx
    .insertInto("ai_settings")
    .values({ tenant_id: tenantId, enabled: input.enabled, monthly_token_cap: input.monthlyTokenCap, updated_at: now })
    .onConflict((oc) => oc.column("tenant_id").doUpdateSet({ enabled: input.enabled, monthly_token_cap: input.monthlyTokenCap, updated_at: now }))
    .execute();
  await recordAudit(tx, tenantId, meta, {
    action: "ai.settings_update",
    entityType: "ai_settings",
    entityId: tenantId,
    // Not "…Token…": the audit redactor would take a token count for a credential.
    before: { enabled: before.enabled, monthlyCap: before.monthlyTokenCap },
    after: { enabled: input.enabled, monthlyCap: input.monthlyTokenCap },
  });
}

/** The platform operator's kill switch for one tenant: wins over the tenant's own switch (audited in the tenant's log). */
export async function setOperatorAiBlock(db: Database, input: AiOperatorBlockInput, meta: AuditMeta, now: Date): Promise<void> {
  if (!(await findTenantById(db, input.tenantId))) throw new DomainError("NOT_FOUND", "Espaço de trabalho não encontrado.");
  await withTenant(db, input.tenantId, async (tx) => {
    const note = input.note?.trim() || null;
    await tx
      .insertInto("ai_settings")
      .values({ tenant_id: input.tenantId, operator_blocked: input.blocked, operator_note: note, updated_at: now })
      .onConflict((oc) => oc.column("tenant_id").doUpdateSet({ operator_blocked: input.blocked, operator_note: note, updated_at: now }))
      .execute();
    await recordAudit(tx, input.tenantId, meta, { action: input.blocked ? "platform.ai_blocked" : "platform.ai_unblocked", entityType: "ai_settings", entityId: input.tenantId, after: { blocked: input.blocked, note } });
  });
}

export type AiState = "off" | "on" | "blocked";

/** Each listed tenant's AI state for the operator console (at most 100 ids; unknown ids read "off"). */
export async function aiStatesFor(db: Database, tenantIds: string[]): Promise<Record<string, AiState>> {
  const ids = tenantIds.slice(0, 100);
  const out: Record<string, AiState> = Object.fromEntries(ids.map((id) => [id, "off" as const]));
  if (!ids.length) return out;
  const { rows } = await sql<{ tenant_id: string; enabled: boolean; operator_blocked: boolean }>`select * from app_ai_states(${ids}::uuid[])`.execute(db);
  for (const r of rows) out[r.tenant_id] = r.operator_blocked ? "blocked" : r.enabled ? "on" : "off";
  return out;
}
