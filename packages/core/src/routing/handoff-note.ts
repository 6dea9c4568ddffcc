import type { BantExplanation, BantExplanationItem } from "@vendaflow/validators/bant-explanation";
import { decisionViaLabels } from "@vendaflow/validators/decision-via-labels";
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

const clip = (s: string, max = 200) => {
  const t = s.replace(/\s+/g, " ").trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
};

/** "“uns 3 mil por mês” → R$ 1.000 - R$ 5.000/mês (+30, faixa de valor)": the text that produced the score. */
function explainedLine(field: BantField, item: BantExplanationItem, fact: BantFact | undefined): string {
  if (item.via === "skip") return "pergunta pulada (0)";
  const how = item.via === "ai" ? `IA ${Math.round((item.confidence ?? 0) * 100)}%` : item.via ? decisionViaLabels[item.via] : undefined;
  const result = item.optionText ?? formatAnswer(field, fact ?? { value: item.value });
  const answer = item.answer && item.via !== "button" && item.answer !== result ? `“${clip(item.answer)}” → ` : "";
  const keywords = item.keywords?.length ? `; ${item.keywords.map((k) => `${k.keyword} +${k.score}`).join(", ")}` : "";
  return `${answer}${clip(result, 280)} (+${item.points}${how ? `, ${how}` : ""}${keywords})`;
}

/** A short template summary when no AI summary is available. */
export function templateSummary(explanation: BantExplanation, name?: string | null): string | null {
  const by = new Map(explanation.items.map((i) => [i.field, i] as const));
  const parts: string[] = [];
  const authority = by.get("authority")?.optionText;
  const budget = by.get("budget");
  const timeline = by.get("timeline")?.optionText;
  const need = by.get("need")?.answer;
  if (authority) parts.push(`autoridade: ${authority.toLowerCase()}`);
  if (budget?.optionText) parts.push(`orçamento: ${budget.optionText}`);
  if (timeline) parts.push(`prazo: ${timeline.toLowerCase()}`);
  if (need) parts.push(`desafio: “${clip(need, 160)}”`);
  if (!parts.length) return null;
  return `${name?.trim() ? `${name.trim().split(" ")[0]} — ` : ""}${parts.join("; ")}.`;
}

export interface HandoffNoteInput {
  reason: string | null;
  bant: BantFacts;
  score: number;
  /** Per-answer explanation: the note then shows the text that produced each score. */
  explanation?: BantExplanation;
  /** AI summary when the layer is on; otherwise a template summary is built from the explanation. */
  summary?: string | null;
  contact?: { name?: string | null; email?: string | null; phone?: string | null };
  tags?: readonly string[];
  tiers?: TierConfig;
}

/** The internal note (pt-BR) an agent reads on a handed-off conversation: why, and BANT so far. */
export function handoffNote(input: HandoffNoteInput): string {
  const reason = input.reason ? (reasonLabels[input.reason] ?? input.reason) : null;
  const lines = [reason ? `Conversa transferida para atendimento humano (motivo: ${reason}).` : "Conversa transferida para atendimento humano."];
  const summary = input.summary?.trim() || (input.explanation ? templateSummary(input.explanation, input.contact?.name) : null);
  if (summary) lines.push(`Resumo: ${clip(summary, 600)}`);
  lines.push("Respostas BANT até aqui:");
  const items = new Map((input.explanation?.items ?? []).map((i) => [i.field, i] as const));
  for (const field of bantFields) {
    const item = items.get(field);
    lines.push(`• ${fieldLabels[field]}: ${item ? explainedLine(field, item, input.bant[field]) : formatAnswer(field, input.bant[field])}`);
  }
  lines.push(`Pontuação: ${input.score} (lead ${tierLabels[leadTier(input.score, input.tiers)]})`);
  const contact = [input.contact?.name, input.contact?.email, input.contact?.phone].filter((v): v is string => !!v?.trim());
  if (contact.length) lines.push(`Contato: ${contact.join(" · ")}`);
  if (input.tags?.length) lines.push(`Etiquetas: ${input.tags.join(", ")}`);
  return lines.join("\n");
}
