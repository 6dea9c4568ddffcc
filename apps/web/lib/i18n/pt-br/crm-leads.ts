// pt-BR strings of the lead list and lead page (crmLists.leads in the whole catalog).
export const crmLeads = {
  nav: "Leads",
  title: "Leads",
  description: "Todos os leads que chegaram pelo site, WhatsApp, API ou importação.",
  empty: "Nenhum lead ainda.",
  emptyHint: "Leads chegam pelas caixas de entrada (site, WhatsApp, API) ou por importação de planilha.",
  importAction: "Importar leads",
  columns: { name: "Nome", contact: "Contato", stage: "Etapa", score: "Pontuação BANT", source: "Origem", tags: "Etiquetas", created: "Criado em" },
  allStages: "Todas as etapas",
  allSources: "Todas as origens",
  sort: { created: "Mais recentes", score: "Maior pontuação BANT" },
  sortLabel: "Ordenar por",
  minScore: "Pontuação mínima",
  sources: { web: "Site", whatsapp: "WhatsApp", whatsapp_ad: "Anúncio no WhatsApp", api: "API", import: "Importação", manual: "Manual", calendar: "Agenda" },
  unnamed: "Sem nome",
  detail: { ad: "Anúncio", back: "Voltar para leads", notFound: "Lead não encontrado.", company: "Empresa", contact: "Contato", conversation: "Conversa", openConversation: "Abrir conversa",
    score: "Pontuação do lead",
    // Two numbers side by side on the lead page: each says what it counts (bant_score vs the lead score).
    scoreHint: "Vai além do BANT: soma as respostas da qualificação, o engajamento e o perfil; cada ponto vem de um fato abaixo.",
    bantScore: "Pontuação BANT",
    bantHint: "Só a nota do bot na qualificação (orçamento, autoridade, necessidade, prazo); fica em 0 se o lead não a concluiu.",
  },
};
