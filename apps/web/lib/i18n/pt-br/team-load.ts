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
  columns: { agent: "Agente", availability: "Status", open: "Em aberto", capacity: "Capacidade", awaiting: "Aguardando resposta", overdue: "SLA estourado", dueSoon: "SLA vence em breve", actions: "Ações" },
  availability: { online: "Online", away: "Ausente", offline: "Offline" } satisfies Record<Availability, string>,
  noCapacity: "—",
  openInInbox: (name: string) => `Abrir as conversas em aberto de ${name} na caixa de entrada`,
  overCapacity: "Acima da capacidade",
  total: "Total",
  empty: "Nenhum agente por aqui",
  emptyHint: "Convide agentes em Usuários e coloque-os em um time para vê-los aqui.",
  emptyTeam: "Este time não tem agentes ativos.",
  error: "Não foi possível carregar a carga da equipe.",
  retry: "Tentar de novo",
  updatedAt: (time: string) => `Atualizado às ${time}`,
  queue: {
    title: "Fila",
    hint: "Conversas pendentes sem agente, esperando alguém ficar online ou liberar capacidade.",
    waiting: "Aguardando agente",
    oldest: "Espera mais longa",
    none: "—",
    overdue: "SLA estourado",
    dueSoon: "SLA vence em breve",
    open: "Ver a fila na caixa de entrada",
  },
  /** The longest wait in the queue, from whole minutes: "há 12 min", "há 2 h 5 min", "há 3 dias". */
  waitedFor: (minutes: number) => {
    if (minutes < 1) return "há menos de 1 min";
    if (minutes < 60) return `há ${minutes} min`;
    if (minutes < 1440) return `há ${Math.floor(minutes / 60)} h${minutes % 60 ? ` ${minutes % 60} min` : ""}`;
    const days = Math.floor(minutes / 1440);
    return days === 1 ? "há 1 dia" : `há ${days} dias`;
  },
  inactive: {
    title: "Conversas com usuários desativados",
    line: (name: string, open: number) => `${name} (desativado) ainda tem ${open === 1 ? "1 conversa em aberto" : `${open} conversas em aberto`}: ninguém vai responder.`,
    act: (name: string) => `Abrir as conversas em aberto de ${name} para reatribuí-las`,
  },
  reassign: {
    action: "Redistribuir",
    actionFor: (name: string) => `Redistribuir as conversas de ${name}`,
    title: (name: string) => `Redistribuir as conversas de ${name}`,
    description: (n: number) => (n === 1 ? "1 conversa pendente ou aberta." : `${n} conversas pendentes ou abertas.`),
    to: "Para",
    queue: "Devolver para a fila (as regras de roteamento redistribuem)",
    summaryQueue: (n: number, name: string) =>
      `${n === 1 ? "A conversa" : `As ${n} conversas`} de ${name} ${n === 1 ? "volta" : "voltam"} para a fila e ${n === 1 ? "é entregue" : "são entregues"} a quem puder atender, nunca a ${name}.`,
    summaryTo: (n: number, from: string, to: string) => `${n === 1 ? "A conversa" : `As ${n} conversas`} de ${from} ${n === 1 ? "passa" : "passam"} para ${to}, mesmo acima da capacidade.`,
    submit: (n: number) => (n === 1 ? "Mover 1 conversa" : `Mover ${n} conversas`),
    movedTo: (n: number, name: string) => `${n === 1 ? "1 conversa foi atribuída" : `${n} conversas foram atribuídas`} a ${name}.`,
    movedToQueue: (n: number, assigned: number) =>
      `${n === 1 ? "1 conversa voltou" : `${n} conversas voltaram`} para a fila${assigned ? `; ${assigned === 1 ? "1 já foi atribuída" : `${assigned} já foram atribuídas`} a outro agente` : ""}.`,
  },
};
