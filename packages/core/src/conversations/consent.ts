import type { TenantTx } from "@vendaflow/db/with-tenant";
import { appendConsents, hasConsent } from "../privacy/consent-ledger";

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

/** Service and marketing consent are separate rows of the ledger (purpose, legal basis, text shown, version). */
export async function recordConsents(tx: TenantTx, tenantId: string, leadId: string, marketing: boolean, meta: ConsentMeta, now: Date) {
  const base = { subject: { leadId }, channel: meta.channel, textVersion: CONSENT_TEXT.version, ip: meta.ip, userAgent: meta.userAgent } as const;
  await appendConsents(
    tx,
    tenantId,
    [
      { ...base, purpose: "service", granted: true, legalBasis: "execucao_de_contrato", textShown: CONSENT_TEXT.service },
      { ...base, purpose: "marketing", granted: marketing, legalBasis: "consentimento", textShown: CONSENT_TEXT.marketing },
    ],
    now,
  );
}

/** The lead accepted the service notice (a widget message reads it with the visitor's lead: widget.ts). */
export async function hasServiceConsent(tx: TenantTx, subject: { leadId: string }) {
  return hasConsent(tx, subject, "service");
}
