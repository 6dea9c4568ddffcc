import type { leadScoreFactKinds } from "@vendaflow/validators/lead-score";

// pt-BR strings of the lead score (BANT + engagement + fit): the lead card and /crm-settings.
export const leadScore = {
  title: "Pontuação do lead",
  points: "pontos (BANT + engajamento + perfil)",
  empty: "Nenhum fato pontuado ainda.",
  kinds: { bant: "Resposta BANT", messages: "Engajamento: mensagens", replies: "Engajamento: respostas", meetings: "Engajamento: reuniões", company_size: "Perfil: porte da empresa", custom_field: "Perfil: campo personalizado" } satisfies Record<(typeof leadScoreFactKinds)[number], string>,
};

const num = new Intl.NumberFormat("pt-BR");

/** The weights section of /crm-settings (admins) and the recompute that follows a save. */
export const leadScoreSettings = {
  title: "Pontuação de leads",
  description: "Pontos por engajamento (até o limite de cada item). Porte da empresa e campos personalizados seguem os pesos já salvos. Ao salvar, a pontuação de todos os leads é recalculada em segundo plano.",
  perMessage: "Pontos por mensagem do lead",
  maxMessages: "Máximo de mensagens contadas",
  perReply: "Pontos por resposta a um atendente",
  maxReplies: "Máximo de respostas contadas",
  perMeeting: "Pontos por reunião",
  maxMeetings: "Máximo de reuniões contadas",
  started: (total: number) => (total === 0 ? "Pesos salvos. Não há leads para recalcular." : `Pesos salvos. Recalculando a pontuação de ${num.format(total)} ${total === 1 ? "lead" : "leads"} em segundo plano.`),
  recomputing: (done: number, total: number) => `Recalculando pontuações: ${num.format(Math.min(done, total))} de ${num.format(total)} leads`,
  finished: (total: number) => `Pontuações recalculadas (${num.format(total)} ${total === 1 ? "lead" : "leads"}).`,
  statusError: "Não foi possível ler o andamento do recálculo.",
};
