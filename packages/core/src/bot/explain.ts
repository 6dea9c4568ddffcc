import type { BantExplanation, BantExplanationItem } from "@vendaflow/validators/bant-explanation";
import { answerDecisionSchema, answerValueSchema, bantFields, type BantField, type Flow } from "@vendaflow/validators/flow";

// Turns stored BANT answers (leads.bant_data, or the live bot state through bantDataFrom) into
// the per-answer explanation: points, the lead's words and the rule that read them, in pt-BR.
// Works on what is stored alone; the flow, when given, adds the best possible points per step.

const brl = new Intl.NumberFormat("pt-BR", { style: "currency", currency: "BRL", maximumFractionDigits: 2 });
const RULE_LABELS: Record<string, string> = {
  decision_maker: "quem decide a compra",
  influencer: "participa da decisão",
  researching: "está pesquisando",
  no_plan: "ainda sem prazo",
  immediate: "quer começar já",
  near: "prazo curto",
  medium: "prazo de alguns meses",
  yes: "uma resposta afirmativa",
  no: "uma resposta negativa",
};
const BOUNDS: Record<string, string> = {
  exact: "valor informado",
  approx: "valor aproximado",
  upper: "teto informado",
  lower: "mínimo informado",
  range: "média da faixa informada",
};
const PERIODS: Record<string, string> = { year: "por ano", week: "por semana", quarter: "por trimestre", semester: "por semestre" };

const quote = (s: string) => `“${s.replace(/\s+/g, " ").trim().slice(0, 200)}”`;
const pts = (n: number) => `${n >= 0 ? "+" : ""}${n} ${Math.abs(n) === 1 ? "ponto" : "pontos"}`;

/** One pt-BR sentence for an item. */
function reasonFor(i: Omit<BantExplanationItem, "reason">): string {
  const answer = i.answer ? quote(i.answer) : null;
  const option = i.optionText ? quote(i.optionText) : null;
  switch (i.via) {
    case "skip":
      return "Pergunta pulada pelo lead: 0 pontos.";
    case "button":
      return `Escolheu a opção ${option ?? i.optionId}: ${pts(i.points)}.`;
    case "number":
      return `Respondeu ${answer} (número da opção ${option}): ${pts(i.points)}.`;
    case "exact":
      return `Respondeu ${answer}, o texto da opção ${option}: ${pts(i.points)}.`;
    case "synonym":
      return `${answer} contém ${quote(i.rule ?? i.evidence ?? "")}, sinônimo cadastrado da opção ${option}: ${pts(i.points)}.`;
    case "band": {
      const [bound, period] = (i.rule ?? "exact").split("/");
      const amount = typeof i.value === "number" ? `${brl.format(i.value)} por mês` : String(i.value);
      const from = period ? `, convertido de um valor ${PERIODS[period] ?? period}` : "";
      return `${answer} foi lido como ${amount} (${BOUNDS[bound!] ?? bound}${from}), na faixa ${option}: ${pts(i.points)}.`;
    }
    case "rule":
      if (i.rule === "horizon") return `${answer}: ${quote(i.evidence ?? "")} é um prazo que cabe em ${option}: ${pts(i.points)}.`;
      return `${answer}: as palavras ${quote(i.evidence ?? "")} indicam ${RULE_LABELS[i.rule ?? ""] ?? i.rule} → ${option ?? quote(String(i.value))}: ${pts(i.points)}.`;
    case "keyword": {
      if (!i.keywords?.length) return `${answer} não menciona nenhuma das palavras-chave da etapa: 0 pontos.`;
      const list = i.keywords.map((k) => `${quote(k.keyword)} (em ${quote(k.evidence)}, ${pts(k.score)})`).join(", ");
      return `${answer} menciona ${list}: ${pts(i.points)} no total.`;
    }
    case "text":
      return `${answer} corresponde em parte ao texto da opção ${option}: ${pts(i.points)}.`;
    case "ai": {
      const conf = i.confidence !== undefined ? `, confiança ${Math.round(i.confidence * 100)}%` : "";
      return `${answer} foi interpretado pela IA (${i.model ?? "modelo"}${conf}) como ${option}, pelo trecho ${quote(i.evidence ?? "")}; os pontos são os da opção, definidos no fluxo: ${pts(i.points)}.`;
    }
    case "contact":
      return `Dado de contato: ${pts(i.points)}.`;
    default:
      return `${answer ?? quote(String(i.value ?? "—"))}${option ? ` → ${option}` : ""}: ${pts(i.points)}.`;
  }
}

function maxPointsOf(flow: Flow | undefined, stepId: string): number | undefined {
  const step = flow?.steps.find((s) => s.id === stepId);
  if (!step) return undefined;
  if (step.options?.length) return Math.max(...step.options.map((o) => o.score));
  if (step.keywords?.length) return step.keywords.reduce((sum, k) => sum + Math.max(0, k.score), 0);
  return 0;
}

const str = (v: unknown) => (typeof v === "string" ? v : undefined);

/**
 * The BANT score explained per answer, from leads.bant_data or bantDataFrom() (any JSON shaped
 * like them; unknown fields are ignored). Fields are listed in BANT order.
 */
export function explainBantScore(bantData: unknown, flow?: Flow): BantExplanation {
  const items: BantExplanationItem[] = [];
  const data = bantData && typeof bantData === "object" ? (bantData as Record<string, unknown>) : {};
  for (const field of bantFields as readonly BantField[]) {
    const a = data[field];
    if (!a || typeof a !== "object") continue;
    const r = a as Record<string, unknown>;
    const value = answerValueSchema.safeParse(r.value);
    const points = typeof r.score === "number" && Number.isInteger(r.score) ? r.score : 0;
    const decision = answerDecisionSchema.safeParse(r.decision);
    const d = decision.success ? decision.data : undefined;
    const stepId = str(r.stepId) ?? field;
    const optionId = str(r.optionId);
    const option = optionId ? flow?.steps.find((s) => s.id === stepId)?.options?.find((o) => o.id === optionId) : undefined;
    const optionText = str(r.label) ?? option?.text ?? (optionId && typeof r.value === "string" ? r.value : undefined);
    const maxPoints = maxPointsOf(flow, stepId);
    const base: Omit<BantExplanationItem, "reason"> = {
      field,
      stepId,
      points,
      ...(maxPoints !== undefined ? { maxPoints } : {}),
      answer: str(r.raw) ?? (value.success && value.data !== null ? String(value.data) : null),
      value: value.success ? value.data : null,
      ...(optionId ? { optionId } : {}),
      ...(optionText ? { optionText } : {}),
      ...(d ? { via: d.via } : {}),
      ...(d?.rule !== undefined ? { rule: d.rule } : {}),
      ...(d?.evidence !== undefined ? { evidence: d.evidence } : {}),
      ...(d?.keywords ? { keywords: d.keywords } : {}),
      ...(d?.confidence !== undefined ? { confidence: d.confidence } : {}),
      ...(d?.model !== undefined ? { model: d.model } : {}),
    };
    // A button press stores the option id as the raw text: show the option instead.
    if (d?.via === "button") base.answer = optionText ?? base.answer;
    items.push({ ...base, reason: reasonFor(base) });
  }
  return { total: items.reduce((sum, i) => sum + i.points, 0), items };
}
