import type { ProcessingRecord, SubProcessor } from "@vendaflow/validators/privacy";
import { recordDataLabel } from "./record-data-labels";
import { PERSONAL_DATA, type Holder } from "./registry";

/**
 * Records of processing (LGPD art. 37) generated from the personal-data registry, and the list of
 * sub-processors with country and transfer mechanism (Res. ANPD 19/2024), shown to tenants.
 */

const HOLDER_LABEL: Record<Holder, string> = { lead: "Leads (titulares que iniciaram contato)", contact: "Contatos do CRM", staff: "Usuários da empresa cliente", platform: "Operadores da plataforma" };
const ANONYMISE_LABEL = { scrub: "anonimizado a pedido do titular", keep_proof: "mantida só a prova (obrigação legal)", delete: "excluído a pedido do titular", keep: "mantido enquanto a conta existir" } as const;

export function recordsOfProcessing(): ProcessingRecord[] {
  return PERSONAL_DATA.filter((e) => e.holders.some((h) => h !== "platform")).map((e) => ({
    table: e.table,
    purpose: e.purpose,
    legalBasis: e.legalBasis,
    subjects: e.holders.filter((h) => h !== "platform").map((h) => HOLDER_LABEL[h]),
    data: e.columns.map(recordDataLabel),
    onRequest: ANONYMISE_LABEL[e.onAnonymise],
  }));
}

const SCC = "Cláusulas-padrão contratuais (Res. ANPD 19/2024)";

/** The platform's sub-processors; the AI model provider only when the AI layer is on. */
export function subProcessors(ai: { provider: string } | null): SubProcessor[] {
  const list: SubProcessor[] = [
    { name: "Vercel", service: "Hospedagem da aplicação", country: "Estados Unidos", transfer: SCC },
    { name: "Neon", service: "Banco de dados PostgreSQL", country: "Estados Unidos", transfer: SCC },
    { name: "Upstash", service: "Filas (QStash) e contadores (Redis)", country: "Estados Unidos", transfer: SCC },
    { name: "Stripe", service: "Cobrança da assinatura da empresa cliente", country: "Estados Unidos", transfer: SCC },
    { name: "Meta Platforms", service: "WhatsApp Business (Cloud API)", country: "Estados Unidos / Irlanda", transfer: SCC },
    { name: "Provedor de e-mail (SMTP)", service: "Envio de e-mails transacionais", country: "Conforme o provedor configurado", transfer: SCC },
  ];
  if (ai) list.push({ name: ai.provider === "anthropic" ? "Anthropic" : ai.provider === "openai" ? "OpenAI" : ai.provider, service: "Modelo de IA (leitura de respostas e resumos)", country: "Estados Unidos", transfer: SCC });
  return list;
}
