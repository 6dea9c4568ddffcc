import type { leadScoreFactKinds } from "@vendaflow/validators/lead-score";

// pt-BR strings of the lead score (BANT + engagement + fit) shown on the lead card.
export const leadScore = {
  title: "Pontuação do lead",
  points: "pontos (BANT + engajamento + perfil)",
  empty: "Nenhum fato pontuado ainda.",
  kinds: { bant: "Resposta BANT", messages: "Engajamento: mensagens", replies: "Engajamento: respostas", meetings: "Engajamento: reuniões", company_size: "Perfil: porte da empresa", custom_field: "Perfil: campo personalizado" } satisfies Record<(typeof leadScoreFactKinds)[number], string>,
};
