/** A date as the billing texts show it (dd/mm/aaaa, São Paulo). */
export const day = (d: Date | string) => new Intl.DateTimeFormat("pt-BR", { timeZone: "America/Sao_Paulo", day: "2-digit", month: "2-digit", year: "numeric" }).format(new Date(d));

/** pt-BR strings of the billing banner and upgrade dialog every dashboard page shows (components/billing-notices.tsx); ./billing includes them. */
export const billingNotices = {
  banner: {
    trial_ending: (days: number) => `Seu teste termina ${days <= 0 ? "hoje" : days === 1 ? "em 1 dia" : `em ${days} dias`}. Escolha um plano para não perder o acesso.`,
    trial_expired: "Seu período de teste terminou: a conta está somente leitura. Escolha um plano para continuar.",
    past_due: (d: string) => `Não conseguimos cobrar sua assinatura. O acesso continua completo até ${day(d)}; atualize o pagamento.`,
    grace_over: "O pagamento continua pendente: a conta está somente leitura. Atualize o pagamento para voltar.",
    unpaid: "Assinatura não paga: a conta está somente leitura. Nada foi apagado.",
    canceled: "Assinatura cancelada: a conta está somente leitura. Nada foi apagado; assine para voltar.",
    incomplete: "Pagamento da assinatura não concluído: a conta está somente leitura.",
    usage: (percent: number) => (percent >= 100 ? "Você atingiu o limite de mensagens do plano; o bot continua por uma pequena margem e depois passa novas conversas para a equipe." : `Você já usou ${percent}% das mensagens do plano este mês. No limite, o bot continua por uma pequena margem e depois passa novas conversas para a equipe.`),
    action: "Ver cobrança",
  },
  upgradeTitle: "Limite do plano",
  upgradeAction: "Ver planos",
};
