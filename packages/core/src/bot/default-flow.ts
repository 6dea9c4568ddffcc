import type { Flow } from "@vendaflow/validators/flow";

// Seed BANT flow for new tenants. Questions and scores are the product plan's; the contact steps
// come first (on WhatsApp the phone is already known). Maximum score 50+30+50+20 = 150, qualifies at 70.
export const defaultBantFlow: Flow = {
  name: "Qualificação BANT",
  version: 1,
  minScore: 70,
  startStep: "name",
  invalidAnswerLimit: 2,
  timeoutFallback: "handoff",
  steps: [
    {
      id: "name",
      kind: "contact_name",
      field: "contact",
      question: "Olá! Para começarmos, qual é o seu nome?",
      next: "email",
    },
    {
      id: "email",
      kind: "contact_email",
      field: "contact",
      question: 'Qual é o seu e-mail? Se preferir não informar, digite "pular".',
      skippable: true,
      next: "budget",
    },
    {
      id: "budget",
      kind: "options",
      field: "budget",
      question: "Qual é o orçamento previsto para esta solução?",
      options: [
        { id: "lt_1k", label: "< R$ 1 mil", text: "Menos de R$ 1.000/mês", score: 10 },
        { id: "1k_5k", label: "R$ 1-5 mil", text: "R$ 1.000 - R$ 5.000/mês", score: 30 },
        { id: "5k_10k", label: "R$ 5-10 mil", text: "R$ 5.000 - R$ 10.000/mês", score: 40 },
        { id: "gt_10k", label: "> R$ 10 mil", text: "Acima de R$ 10.000/mês", score: 50 },
      ],
      // Free-text budgets ("uns 3 mil") land in a band; each band includes its lower bound.
      bands: {
        boundary: "lower_inclusive",
        ranges: [
          { optionId: "lt_1k", max: 1000 },
          { optionId: "1k_5k", min: 1000, max: 5000 },
          { optionId: "5k_10k", min: 5000, max: 10000 },
          { optionId: "gt_10k", min: 10000 },
        ],
      },
      next: "authority",
    },
    {
      id: "authority",
      kind: "options",
      field: "authority",
      question: "Você é responsável pela decisão de compra?",
      options: [
        { id: "decision_maker", label: "Sim, sou o decisor", text: "Sim, sou o decisor", score: 30 },
        { id: "influencer", label: "Participo da decisão", text: "Participo da decisão", score: 20 },
        { id: "researching", label: "Apenas pesquisando", text: "Apenas pesquisando", score: 5 },
      ],
      next: "need",
    },
    {
      id: "need",
      kind: "text",
      field: "need",
      question: "Qual é seu principal desafio hoje?",
      keywords: [
        { keyword: "vendas", score: 10 },
        { keyword: "qualificação", score: 15 },
        { keyword: "conversão", score: 15 },
        { keyword: "automação", score: 10 },
      ],
      next: "timeline",
    },
    {
      id: "timeline",
      kind: "options",
      field: "timeline",
      question: "Quando pretende implementar uma solução?",
      options: [
        { id: "immediately", label: "Imediatamente", text: "Imediatamente", score: 20 },
        { id: "30_days", label: "Próximos 30 dias", text: "Próximos 30 dias", score: 15 },
        { id: "3_months", label: "Próximos 3 meses", text: "Próximos 3 meses", score: 10 },
        { id: "researching", label: "Apenas pesquisando", text: "Apenas pesquisando", score: 0 },
      ],
      next: null,
    },
  ],
  outcomes: {
    qualified: {
      message: "Obrigado pelas respostas! Pelo seu perfil, um especialista vai falar com você em breve.",
      action: "handoff",
      tags: [],
    },
    notQualified: {
      message:
        "Obrigado pelas respostas! Vamos te enviar conteúdos que podem ajudar neste momento. Quando quiser retomar, é só mandar uma mensagem.",
      action: "close",
      tags: [],
    },
  },
};
