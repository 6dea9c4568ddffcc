import type { IncidentRisk } from "@vendaflow/validators/privacy";
import { addBusinessDays, brasiliaDate, businessDaysBetween, type IsoDate } from "./business-days";

/** Res. ANPD 15/2024 art. 6: notify the ANPD and the subjects within 3 business days of knowing. */
export const INCIDENT_BUSINESS_DAYS = 3;

export function incidentDeadline(knownAt: Date): IsoDate {
  return addBusinessDays(brasiliaDate(knownAt), INCIDENT_BUSINESS_DAYS);
}

export function incidentDaysLeft(knownAt: Date, now: Date): number {
  return businessDaysBetween(brasiliaDate(now), incidentDeadline(knownAt));
}

const RISK: Record<IncidentRisk, string> = { low: "baixo", medium: "médio", high: "alto" };
const br = (d: Date) => new Intl.DateTimeFormat("pt-BR", { dateStyle: "short", timeStyle: "short", timeZone: "America/Sao_Paulo" }).format(d);

export interface NoticeInput {
  company: string;
  dpo: { name: string; email: string; phone: string };
  title: string;
  description: string;
  occurredAt: Date | null;
  knownAt: Date;
  dataCategories: string[];
  subjectsAffected: number;
  measures: string;
  risk: IncidentRisk;
}

/** The notice to the subjects (and the basis of the ANPD form), in plain pt-BR (Res. 15/2024 art. 9). */
export function incidentNotice(i: NoticeInput): string {
  const contact = [i.dpo.name, i.dpo.email, i.dpo.phone].filter(Boolean).join(" · ") || "o canal de privacidade da empresa";
  return [
    `Comunicado de incidente de segurança com dados pessoais — ${i.company}`,
    `O que aconteceu: ${i.title}. ${i.description}`,
    i.occurredAt ? `Quando: o incidente ocorreu em ${br(i.occurredAt)} e tomamos conhecimento em ${br(i.knownAt)}.` : `Quando: tomamos conhecimento em ${br(i.knownAt)}.`,
    `Dados envolvidos: ${i.dataCategories.join(", ")}.`,
    `Titulares afetados: ${i.subjectsAffected.toLocaleString("pt-BR")}. Risco avaliado: ${RISK[i.risk]}.`,
    `O que já fizemos: ${i.measures}`,
    "O que você pode fazer: desconfie de mensagens que peçam senhas, códigos ou pagamentos em nosso nome e fale conosco em caso de dúvida.",
    `Contato do encarregado (DPO): ${contact}.`,
  ].join("\n\n");
}
