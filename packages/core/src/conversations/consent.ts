import type { TenantTx } from "@vendaflow/db/with-tenant";

/** The LGPD notice shown before the first message; its version is stored with every consent. */
export const CONSENT_TEXT = {
  version: "2026-11-v1",
  service: "Para conversar, tratamos seu nome, contato e mensagens para responder ao seu pedido (LGPD, art. 7º, V). Você pode pedir acesso, correção ou exclusão a qualquer momento.",
  marketing: "Aceito receber novidades e ofertas. Posso cancelar quando quiser respondendo \"parar\".",
};

export interface ConsentMeta {
  channel: "web" | "whatsapp" | "api";
  ip: string | null;
  userAgent: string | null;
}

/** Service and marketing consent are separate records (purpose, legal basis, text shown, version). */
export async function recordConsents(tx: TenantTx, tenantId: string, leadId: string, marketing: boolean, meta: ConsentMeta, now: Date) {
  const base = { tenant_id: tenantId, lead_id: leadId, channel: meta.channel, text_version: CONSENT_TEXT.version, ip: meta.ip, user_agent: meta.userAgent, created_at: now };
  await tx
    .insertInto("consents")
    .values([
      { ...base, purpose: "service", granted: true, legal_basis: "execucao_de_contrato", text_shown: CONSENT_TEXT.service },
      { ...base, purpose: "marketing", granted: marketing, legal_basis: "consentimento", text_shown: CONSENT_TEXT.marketing },
    ])
    .execute();
  await tx.updateTable("leads").set({ marketing_consent: marketing, updated_at: now }).where("id", "=", leadId).execute();
}

export async function hasServiceConsent(tx: TenantTx, leadId: string) {
  const row = await tx.selectFrom("consents").select("id").where("lead_id", "=", leadId).where("purpose", "=", "service").where("granted", "=", true).where("revoked_at", "is", null).executeTakeFirst();
  return Boolean(row);
}
