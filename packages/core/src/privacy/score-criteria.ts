import type { BantExplanation } from "@vendaflow/validators/bant-explanation";
import type { LeadScore } from "@vendaflow/validators/lead-score";

/**
 * LGPD art. 20 §1: the criteria and procedures of the automated lead score, in plain pt-BR, from the
 * BANT explanation the lead and conversation pages show (bot/explain.ts) and, when present, the CRM's
 * lead score with its facts (crm/lead-score). Lines for the e-mail.
 */
/** "1 ponto", "-1 ponto", "0 pontos", "2 pontos" (after "X de Y", Y decides). */
const pontos = (n: number) => (Math.abs(n) === 1 ? "ponto" : "pontos");

const FIELD: Record<string, string> = { budget: "Orçamento", authority: "Poder de decisão", need: "Necessidade", timeline: "Prazo" };

export function scoreCriteriaLines(explanation: BantExplanation, score: number, leadScore?: LeadScore): string[] {
  const lines = [
    `Sua pontuação automática de qualificação é ${score} ${pontos(score)}. Ela soma os pontos das suas respostas às perguntas de orçamento, poder de decisão, necessidade e prazo; nenhum outro dado entra no cálculo.`,
  ];
  if (!explanation.items.length) lines.push("Não há respostas suas registradas: nenhum ponto foi atribuído.");
  for (const i of explanation.items) {
    const answer = i.answer ? `você respondeu “${i.answer}”` : "sem resposta registrada";
    lines.push(`${FIELD[i.field] ?? i.field}: ${answer} — ${i.points}${i.maxPoints !== undefined ? ` de ${i.maxPoints}` : ""} ${pontos(i.maxPoints ?? i.points)}. ${i.reason}`);
  }
  if (leadScore && leadScore.facts.length) {
    lines.push(`A pontuação de vendas usada pela equipe é ${leadScore.total} ${pontos(leadScore.total)}, composta por:`);
    for (const f of leadScore.facts) lines.push(`• ${f.reason} (${f.points} ${pontos(f.points)})`);
  }
  lines.push("Você pode pedir a revisão por uma pessoa da equipe: seu pedido já foi encaminhado e será respondido no prazo informado.");
  return lines;
}
