import { invalid, opt, type EvalCase } from "../case";

// "Qual é o orçamento previsto para esta solução?" Bands: < 1 mil, 1-5 mil, 5-10 mil, > 10 mil (a month).
export const budgetCases: EvalCase[] = [
  ...opt("budget", "lt_1k",
    "quinhentos reais", "uns 500 conto", "800", "R$ 900/mês", "menos de mil", "até mil reais", "até 800 reais",
    "menos de 1000", "não temos orçamento ainda", "zero", "1", "< R$ 1 mil", "uns 300 por mes", "seiscentos e cinquenta",
    "no máximo 700", "R$ 950,00",
  ),
  ...opt("budget", "1k_5k",
    "uns 3 mil por mês", "3k", "3k por mes", "R$ 2.500", "2.500,00", "dois mil e quinhentos", "menos de 5 mil",
    "no máximo 2 mil", "entre 2 e 4 mil", "de 1 a 3 mil", "até 5 mil", "30 mil por ano", "50k anual", "1,5 mil",
    "mil e quinhentos", "mais ou menos 4 mil", "temos 3 mil reservado pra isso", "2", "R$ 1-5 mil", "tipo uns 2k",
    "3 mil e pouco", "posso investir uns 4 mil por mes", "4999", "uns 2 mil e quinhentos", "6000 reais por trimestre", "mil",
    "a segunda opção", "R$ 1.000 - R$ 5.000/mês", "entre mil e dois mil", "uns 2 mil, no máximo 3", "1200",
    "cerca de R$ 3.500", "2k",
  ),
  ...opt("budget", "5k_10k",
    "acima de 8 mil", "entre 5 e 8 mil", "até 10 mil", "a partir de 5 mil", "5 mil pra cima", "96 mil por ano",
    "uns 7 mil", "7.500", "R$7500,00", "sete mil e quinhentos", "cinco mil", "em torno de 6 mil mensais", "opção 3",
    "5 a 10 mil", "quase 10 mil", "meu teto é 6 mil", "R$ 5.000,00", "5000", "mais de 5 mil", "8k", "seis mil reais",
  ),
  ...opt("budget", "gt_10k",
    "mais de 10 mil", "acima de 10k", "15 mil", "vinte mil", "uns 20k", "nosso orçamento é de uns 12 mil por mês", "4️⃣",
    "> R$ 10 mil", "Acima de R$ 10.000/mês", "10k+", "no mínimo 10 mil", "10.000", "1 milhão por ano", "3 mil por semana",
    "quarenta mil", "50 mil", "R$ 25.000,00 mensais",
  ),
  ...invalid("budget", "ainda não sei", "depende do preço de vcs", "barato", "o que couber no bolso", "qualquer valor"),
];
