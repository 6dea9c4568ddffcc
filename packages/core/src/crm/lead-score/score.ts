import type { BantExplanation } from "@vendaflow/validators/bant-explanation";
import type { CompanySize } from "@vendaflow/validators/crm";
import type { LeadScore, LeadScoreFact, LeadScoreWeights } from "@vendaflow/validators/lead-score";

/** What the score is computed from; read by recompute.ts, pure here. */
export interface LeadScoreInput {
  /** The BANT answers explained (bot/explain.ts): each answer's points become one fact. */
  bant: BantExplanation;
  /** Messages the lead sent, of which replies to a person (an agent's message right before). */
  messages: number;
  replies: number;
  /** Meetings logged on the lead or its contact (not deleted). */
  meetings: number;
  companySize: CompanySize | null;
  /** Custom field values of the lead and its company, with the field's label. */
  customFields: { fieldId: string; label: string; value: unknown }[];
}

const pts = (n: number) => `${n >= 0 ? "+" : ""}${n} ${Math.abs(n) === 1 ? "ponto" : "pontos"}`;
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** Points of a counted engagement: per unit up to a cap, with the sentence saying both. */
function counted(kind: "messages" | "replies" | "meetings", n: number, per: number, max: number, noun: [string, string]): LeadScoreFact | null {
  if (n <= 0 || per === 0 || max === 0) return null;
  const used = Math.min(n, max);
  const p = used * per;
  const cap = n > max ? ` (contam até ${max})` : "";
  return { kind, key: kind, points: p, reason: `${plural(n, ...noun)}${cap} × ${pts(per)}: ${pts(p)}.` };
}

/** The values of one custom field that earn points: option text, "true"/"false", or "*" (any value). */
function customFieldFacts(f: LeadScoreInput["customFields"][number], weights: Record<string, number>): LeadScoreFact[] {
  const values = Array.isArray(f.value) ? f.value : [f.value];
  const out: LeadScoreFact[] = [];
  for (const v of values) {
    if (v === null || v === undefined || v === "") continue;
    const key = typeof v === "boolean" ? String(v) : String(v);
    const shown = typeof v === "boolean" ? (v ? "Sim" : "Não") : String(v);
    const p = weights[key] ?? weights["*"];
    if (p === undefined || p === 0) continue;
    out.push({ kind: "custom_field", key: f.fieldId, points: p, reason: `${f.label}: “${shown.slice(0, 100)}”: ${pts(p)}.` });
  }
  return out;
}

/**
 * The lead score and why: one fact per BANT answer, per kind of engagement, for the company's
 * size and for each weighted custom field value. The total is the sum of the facts' points.
 */
export function scoreLead(input: LeadScoreInput, w: LeadScoreWeights): LeadScore {
  const facts: LeadScoreFact[] = [];
  for (const i of input.bant.items) facts.push({ kind: "bant", key: i.field, points: i.points, reason: `BANT (${BANT_LABEL[i.field] ?? i.field}): ${i.reason}` });
  for (const f of [
    counted("messages", input.messages, w.perMessage, w.maxMessages, ["mensagem enviada", "mensagens enviadas"]),
    counted("replies", input.replies, w.perReply, w.maxReplies, ["resposta a um atendente", "respostas a atendentes"]),
    counted("meetings", input.meetings, w.perMeeting, w.maxMeetings, ["reunião", "reuniões"]),
  ]) if (f) facts.push(f);
  if (input.companySize) {
    const p = w.companySize[input.companySize] ?? 0;
    if (p !== 0) facts.push({ kind: "company_size", key: input.companySize, points: p, reason: `Empresa com ${input.companySize} funcionários: ${pts(p)}.` });
  }
  for (const f of input.customFields) {
    const weights = w.customFields[f.fieldId];
    if (weights) facts.push(...customFieldFacts(f, weights));
  }
  return { total: facts.reduce((s, f) => s + f.points, 0), facts };
}

const BANT_LABEL: Record<string, string> = { budget: "orçamento", authority: "autoridade", need: "necessidade", timeline: "prazo" };
