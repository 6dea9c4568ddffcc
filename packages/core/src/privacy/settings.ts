import type { Database } from "@vendaflow/db/create-db";
import { withTenant, type TenantTx } from "@vendaflow/db/with-tenant";
import type { PrivacySettingsInput, PublicPrivacyNotice } from "@vendaflow/validators/privacy";
import { recordAudit, type AuditMeta } from "../audit/record";
import type { Tenant } from "../tenancy/tenants";

/** The tenant's privacy notice and encarregado (DPO) contact, shown on /privacidade (art. 41 §1). */

export const DEFAULT_NOTICE =
  "Tratamos seu nome, contatos e mensagens para responder ao seu pedido e, com seu consentimento, para enviar ofertas. Você pode pedir confirmação, acesso, correção, anonimização ou eliminação, portabilidade, informações sobre compartilhamento e revogar o consentimento a qualquer momento (LGPD, art. 18).";

export async function getPrivacySettings(tx: TenantTx): Promise<PrivacySettingsInput> {
  const row = await tx.selectFrom("privacy_settings").selectAll().executeTakeFirst();
  return { dpoName: row?.dpo_name ?? "", dpoEmail: row?.dpo_email ?? "", dpoPhone: row?.dpo_phone ?? "", notice: row?.notice ?? "" };
}

export async function savePrivacySettings(tx: TenantTx, tenantId: string, input: PrivacySettingsInput, meta: AuditMeta, now: Date) {
  const before = await getPrivacySettings(tx);
  const values = { dpo_name: input.dpoName, dpo_email: input.dpoEmail, dpo_phone: input.dpoPhone, notice: input.notice, updated_at: now };
  await tx
    .insertInto("privacy_settings")
    .values({ tenant_id: tenantId, ...values })
    .onConflict((oc) => oc.column("tenant_id").doUpdateSet(values))
    .execute();
  await recordAudit(tx, tenantId, meta, { action: "privacy.settings_saved", entityType: "privacy_settings", entityId: tenantId, before, after: input });
  return input;
}

/** What the public page shows (no session: opens its own tenant transaction). */
export async function publicPrivacyNotice(db: Database, tenant: Tenant): Promise<PublicPrivacyNotice> {
  const s = await withTenant(db, tenant.id, getPrivacySettings);
  return { tenantName: tenant.name, dpoName: s.dpoName, dpoEmail: s.dpoEmail, dpoPhone: s.dpoPhone, notice: s.notice || DEFAULT_NOTICE };
}
