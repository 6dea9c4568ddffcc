import type { availabilities } from "@vendaflow/validators/plain/routing";

type Availability = (typeof availabilities)[number];

/** pt-BR strings of the "Carga da equipe" page (who holds what right now). */
export const teamLoad = {
  nav: "Carga da equipe",
  title: "Carga da equipe",
  description: "Quem está com quantas conversas agora, quantas esperam resposta do agente e quantas estão com o SLA estourado ou perto de vencer. Atualiza sozinha a cada 30 segundos.",
  team: "Time",
  allTeams: "Todos os times",
  caption: "Conversas pendentes e abertas de cada agente, das mais atrasadas para as demais",
  columns: { agent: "Agente", availability: "Status", open: "Em aberto", capacity: "Capacidade", awaiting: "Aguardando resposta", overdue: "SLA estourado", dueSoon: "SLA vence em breve" },
  availability: { online: "Online", away: "Ausente", offline: "Offline" } satisfies Record<Availability, string>,
  noCapacity: "—",
  openInInbox: (name: string) => `Abrir as conversas de ${name} na caixa de entrada`,
  overCapacity: "Acima da capacidade",
  total: "Total",
  empty: "Nenhum agente por aqui",
  emptyHint: "Convide agentes em Usuários e coloque-os em um time para vê-los aqui.",
  emptyTeam: "Este time não tem agentes ativos.",
  error: "Não foi possível carregar a carga da equipe.",
  retry: "Tentar de novo",
  updatedAt: (time: string) => `Atualizado às ${time}`,
};
