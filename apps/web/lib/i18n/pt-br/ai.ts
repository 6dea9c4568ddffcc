import type { AiCallOutcome } from "@vendaflow/validators/ai";

// pt-BR strings for the optional AI layer's settings card.
export const ai = {
  title: "Inteligência artificial (opcional)",
  description:
    "Quando as regras do assistente não entendem uma resposta, um modelo de IA pode sugerir qual opção o lead quis dizer. A IA nunca dá pontos nem escreve para o lead: ela só escolhe entre as opções da pergunta, e abaixo da confiança mínima a pergunta é repetida. Também escreve o resumo da nota de transferência e transcreve os áudios do WhatsApp (até 5 minutos), que o assistente lê como resposta digitada.",
  enabled: "Usar IA para entender respostas",
  cap: "Limite mensal de tokens",
  capHint: "Atingido o limite, o assistente volta a usar só as regras até o mês seguinte.",
  unavailable: "A plataforma não tem um provedor de IA configurado: o assistente usa só as regras.",
  blocked: "A IA foi desativada para esta conta pela equipe da plataforma: o assistente usa só as regras.",
  usage: (calls: number, tokens: string, cap: string) => `Este mês: ${calls} ${calls === 1 ? "consulta" : "consultas"}, ${tokens} de ${cap} tokens.`,
  recentTitle: "Últimas consultas",
  empty: "Nenhuma consulta à IA ainda.",
  columns: { when: "Quando", purpose: "Uso", outcome: "Resultado", choice: "Escolha", latency: "Tempo", tokens: "Tokens" },
  purpose: { classify: "entender resposta", summary: "resumo da transferência", transcribe: "transcrever áudio" } as Record<string, string>,
  outcome: {
    accepted: "aceita",
    below_threshold: "confiança baixa: repetiu a pergunta",
    no_choice: "IA não soube: repetiu a pergunta",
    unsupported: "sem justificativa: repetiu a pergunta",
    invalid_choice: "opção inexistente: ignorada",
    summarized: "resumo escrito",
    transcribed: "áudio transcrito",
    too_long: "áudio longo demais: não transcrito",
    timeout: "tempo esgotado: usou as regras",
    rate_limited: "limite do provedor: usou as regras",
    malformed: "resposta inválida: usou as regras",
    provider_error: "erro do provedor: usou as regras",
  } satisfies Record<AiCallOutcome, string>,
};
