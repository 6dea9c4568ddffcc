// Built-in meanings the rules recognise in answers AND in option texts, so a tenant's own option
// "Sou quem decide" gets the same paraphrases as the seed's "Sim, sou o decisor". Phrases are
// matched by phrase.ts (inflections, small typos, negation); "*" is any word, "~" up to three.
// A leading "!" marks a phrase that wins over longer ones of other concepts ("sim, mas preciso
// ver com meu sócio" is shared authority, whatever else it says); a leading "=" one that must be
// the whole answer ("isso" is a yes only on its own). Order is the tie-break.

export interface ConceptDef {
  id: string;
  phrases: string[];
  /** Timeline concepts: the horizon in days they stand for (Infinity = no plan yet). */
  horizon?: number;
}

export const CONCEPTS: ConceptDef[] = [
  {
    id: "influencer",
    phrases: [
      "participo", "participo da decisao", "faco parte da decisao", "faco parte", "ajudo a decidir", "ajudo na decisao",
      "influencio", "opino", "dou minha opiniao", "em parte", "parcialmente", "!junto com", "!em conjunto", "!decidimos juntos",
      "!nao decido sozinho", "!nao sozinho", "!sozinho nao", "!eu e meu socio", "!eu e minha socia", "!eu e meus socios",
      "!eu e ~ meu", "!eu e ~ minha", "!eu e a diretoria", "!decidimos", "!um dos socios", "!uma das socias",
      "!preciso ver com", "!tenho que ver com", "!vou ver com", "!preciso falar com", "!tenho que falar com", "!vou falar com",
      "!preciso consultar", "!tenho que consultar", "!vou consultar", "!preciso da aprovacao", "!depende da aprovacao",
      "!precisa de aprovacao", "!aprovacao do", "!aprovacao da", "!quem decide e", "!quem aprova e", "!quem assina e",
      "!nao sou eu", "!nao sou o decisor", "!nao sou a decisora", "!nao decido", "!nao e comigo", "!decisao nao e minha",
      "!levo para", "!vou levar para", "!passar para ~ meu", "!passar para ~ minha", "!preciso passar", "!vou precisar ~ ver",
      "uma parte", "parte sim", "!so uma parte", "meu gestor", "minha gestora", "!o diretor aprova", "!a diretoria aprova", "!o dono aprova",
      "!diretor aprova", "eu indico", "eu recomendo", "meu chefe", "minha chefe", "meu gerente", "minha gerente", "meu diretor",
      "minha diretora", "a diretoria", "meu patrao", "minha patroa", "o financeiro", "o conselho", "meu socio", "minha socia",
      "meus socios", "a decisao e conjunta", "decisao em conjunto", "com o pessoal",
    ],
  },
  {
    id: "decision_maker",
    phrases: [
      "sou eu", "sou eu mesmo", "sou eu mesma", "eu mesmo", "eu mesma", "eu decido", "eu que decido", "eu quem decido",
      "quem decide sou eu", "sou eu que decido", "sou eu quem decide", "a decisao e minha", "decisao final e minha",
      "eu tomo a decisao", "eu que tomo a decisao", "quem assina sou eu", "eu assino", "eu que assino", "bato o martelo",
      "eu dou a palavra final", "palavra final e minha", "a palavra final e minha", "sou o dono", "sou a dona", "sou dono",
      "sou dona", "sou proprietario", "sou proprietaria", "sou o proprietario", "sou a proprietaria", "socio proprietario",
      "sou o ceo", "sou ceo", "sou o diretor", "sou a diretora", "sou diretor", "sou diretora", "sou o presidente",
      "sou o fundador", "sou a fundadora", "sou o socio", "sou a socia", "sou o responsavel", "sou a responsavel",
      "sou responsavel", "sou eu o responsavel", "sou o gestor", "sou a gestora", "sou o gerente", "sou a gerente",
      "sou o decisor", "sou a decisora", "decisor", "decisora", "a empresa e minha", "o negocio e meu", "empresa e minha", "e comigo", "comigo mesmo", "=comigo",
      "eu que mando", "eu mando", "decido sozinho", "decido sozinha", "eu sozinho", "eu sozinha",
    ],
  },
  {
    id: "researching",
    horizon: Infinity,
    phrases: [
      "apenas pesquisando", "so pesquisando", "pesquisando", "estou pesquisando", "pesquisa", "so olhando", "olhando",
      "dando uma olhada", "so dando uma olhada", "so conhecendo", "conhecendo", "curiosidade", "por curiosidade", "curioso",
      "curiosa", "cotando", "fazendo cotacao", "cotacao", "comparando", "comparando opcoes", "levantando informacoes",
      "levantamento", "vendo precos", "vendo opcoes", "analisando opcoes", "sondando", "estudando", "me informando",
      "buscando informacoes", "queria conhecer", "so queria conhecer", "so queria saber", "so vendo", "vendo como funciona",
    ],
  },
  {
    // A timeline with no plan: lands on the option with no horizon ("Apenas pesquisando").
    id: "no_plan",
    horizon: Infinity,
    phrases: [
      "sem previsao", "sem pressa", "nao tenho pressa", "sem data", "sem prazo", "nao sei ainda", "ainda nao sei", "=nao sei",
      "nao definimos", "ainda nao definimos", "futuramente", "no futuro", "algum dia", "mais pra frente", "mais para frente",
      "la na frente", "longo prazo", "nao tenho previsao", "sem planos", "sem plano",
    ],
  },
  {
    id: "immediate",
    horizon: 0,
    phrases: [
      "imediatamente", "imediato", "de imediato", "agora", "agora mesmo", "=ja", "para ja", "ja ontem", "para ontem", "urgente",
      "urgencia", "com urgencia", "urgentemente", "o quanto antes", "quanto antes", "o mais rapido", "mais rapido possivel",
      "o mais rapido possivel", "asap", "o mais breve", "o mais cedo", "assim que possivel", "o mais rapido que der",
      "nesse momento", "neste momento", "hoje mesmo", "precisamos ja", "comecar ja",
    ],
  },
  { id: "near", horizon: 30, phrases: ["em breve", "logo logo", "proximas semanas", "poucas semanas", "algumas semanas", "curto prazo"] },
  { id: "medium", horizon: 90, phrases: ["medio prazo", "alguns meses", "proximos meses", "poucos meses", "uns meses"] },
  {
    id: "yes",
    phrases: [
      "sim", "claro", "com certeza", "=certeza", "=isso", "=isso mesmo", "=exato", "=exatamente", "positivo", "afirmativo",
      "=correto", "=certo", "sou sim", "=e sim", "=obvio", "=logico", "sem duvida", "pode crer",
    ],
  },
  { id: "no", phrases: ["=nao", "negativo", "=nunca", "de jeito nenhum", "nem pensar"] },
];

/** Extra phrases for a need keyword, keyed by the keyword's stem ("vendas" → "vend"). */
export const KEYWORD_FAMILIES: Record<string, string[]> = {
  vend: ["vender", "venda", "vendedor", "comercial", "faturamento", "faturar", "receita caiu", "bater meta", "bate meta"],
  qualific: [
    "qualificar", "qualificado", "lead ruim", "leads ruins", "lead frio", "leads frios", "curioso", "curiosa", "curiosos",
    "filtrar", "filtro", "triagem", "separar os", "separasse os bons", "quem e bom", "quem esta pronto", "quem ta pronto",
    "leads sao quentes", "lead quente", "leads quentes", "nao sabe quem e bom", "pronto para comprar", "desqualificado",
  ],
  convert: [
    "converter", "fechar negocio", "fechar negocios", "fechar mais", "fechar venda", "fechar vendas", "nao fecha",
    "nao fecham", "fechamento", "taxa de conversao", "desiste", "desistem", "some", "somem", "sumir", "vacuo",
    "abandonam", "perco ~ clientes", "perde ~ clientes", "perdemos ~ clientes", "perdendo ~ clientes", "perder ~ clientes",
  ],
  automat: [
    "automatizar", "automatico", "robo", "chatbot", "bot", "responder sozinho", "tudo manual", "manualmente", "na mao",
    "demoro ~ responder", "demora ~ responder", "demoramos ~ responder", "demorando ~ responder",
    "responder de madrugada", "fora do horario", "atendimento 24 horas", "24 horas",
  ],
};
