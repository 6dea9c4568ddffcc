import { invalid, opt, type EvalCase } from "../case";

// "Quando pretende implementar uma solução?" Imediatamente / Próximos 30 dias / Próximos 3 meses / Apenas pesquisando.
// Read on Tuesday 10 June 2025.
export const timelineCases: EvalCase[] = [
  ...opt("timeline", "immediately",
    "imediatamente", "agora", "já", "pra ontem", "urgente", "o quanto antes", "o mais rápido possível", "hoje", "essa semana",
    "amanhã", "pra já", "asap", "o mais rapido q der", "ja ontem kkk", "imediatamnte", "de imediato", "assim que possível",
    "sexta", "1", "agora mesmo", "precisamos começar já",
  ),
  ...opt("timeline", "30_days",
    "semana que vem", "até o fim do mês", "próximo mês", "mês que vem", "daqui 15 dias", "em 2 semanas", "30 dias",
    "nos próximos 30 dias", "uns 20 dias", "em breve", "dentro de um mês", "prox mes", "até dia 30", "01/07", "2",
    "nas próximas semanas", "daqui umas 3 semanas", "ainda esse mês",
  ),
  ...opt("timeline", "3_months",
    "daqui uns 2 meses", "em 3 meses", "lá pra agosto", "próximos 3 meses", "60 dias", "90 dias", "médio prazo",
    "alguns meses", "setembro", "uns 45 dias", "até setembro", "entre 1 e 2 meses", "opção 3", "nos próximos meses",
    "dois meses", "no máximo em 3 meses",
  ),
  ...opt("timeline", "researching",
    "lá pra março", "ano que vem", "só pesquisando", "sem previsão", "não sei ainda", "sem pressa", "mais pra frente",
    "daqui 6 meses", "no fim do ano", "longo prazo", "futuramente", "4", "apenas pesquisando", "nao tenho pressa",
    "talvez ano que vem", "ainda estou só pesquisando", "sem data definida",
  ),
  ...invalid("timeline", "depende", "quando der", "kkkk", "sim"),
];
