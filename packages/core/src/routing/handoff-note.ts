import { bantFields, type BantField } from "@vendaflow/validators/flow";
import type { BantFact } from "./evaluate-rules";
import { leadTier, tierLabels, type TierConfig } from "./lead-tier";

export type BantFacts = Partial<Record<BantField, BantFact>>;

const fieldLabels: Record<BantField, string> = { budget: "Orçamento", authority: "Autoridade", need: "Necessidade", timeline: "Prazo" };

const reasonLabels: Record<string, string> = {
  lead_requested: "o lead pediu para falar com uma pessoa",
  invalid_answers: "respostas não reconhecidas pelo bot",
  timeout: "o lead parou de responder",
  qualified: "lead qualificado",
  not_qualified: "lead não qualificado",
  flow_error: "erro no fluxo de qualificação",
  manual: "transferência manual",
};

/** Reads leads.bant_data (or anything shaped like it) into facts; unknown shapes give nothing. */
export function bantFactsFrom(json: unknown): BantFacts {
  const out: BantFacts = {};
  if (!json || typeof json !== "object") return out;
  for (const field of bantFields) {
    const a = (json as Record<string, unknown>)[field];
    if (!a || typeof a !== "object") continue;
    const { value, optionId } = a as { value?: unknown; optionId?: unknown };
    if (value !== null && typeof value !== "string" && typeof value !== "number") continue;
    out[field] = { value, ...(typeof optionId === "string" ? { optionId } : {}) };
  }
  return out;
}

function formatAnswer(field: BantField, fact: BantFact | undefined): string {
  if (!fact) return "sem resposta ainda";
  if (fact.value === null) return "pergunta pulada";
  if (typeof fact.value === "number") {
    const n = fact.value.toLocaleString("pt-BR");
    return field === "budget" ? `R$ ${n}` : n;
  }
  const text = fact.value.replace(/\s+/g, " ").trim();
  return text.length > 280 ? `${text.slice(0, 279)}…` : text || "sem resposta ainda";
}

export interface HandoffNoteInput {
  reason: string | null;
  bant: BantFacts;
  score: number;
  contact?: { name?: string | null; email?: string | null; phone?: string | null };
  tags?: readonly string[];
  tiers?: TierConfig;
}

/** The internal note (pt-BR) an agent reads on a handed-off conversation: why, and BANT so far. */
export function handoffNote(input: HandoffNoteInput): string {
  const reason = input.reason ? (reasonLabels[input.reason] ?? input.reason) : null;
  const lines = [reason ? `Conversa transferida para atendimento humano (motivo: ${reason}).` : "Conversa transferida para atendimento humano."];
  lines.push("Respostas BANT até aqui:");
  for (const field of bantFields) lines.push(`• ${fieldLabels[field]}: ${formatAnswer(field, input.bant[field])}`);
  lines.push(`Pontuação: ${input.score} (lead ${tierLabels[leadTier(input.score, input.tiers)]})`);
  const contact = [input.contact?.name, input.contact?.email, input.contact?.phone].filter((v): v is string => !!v?.trim());
  if (contact.length) lines.push(`Contato: ${contact.join(" · ")}`);
  if (input.tags?.length) lines.push(`Etiquetas: ${input.tags.join(", ")}`);
  return lines.join("\n");
}
