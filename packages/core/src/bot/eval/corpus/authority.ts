import { invalid, opt, type EvalCase } from "../case";

// "Você é responsável pela decisão de compra?" Sim, sou o decisor / Participo da decisão / Apenas pesquisando.
export const authorityCases: EvalCase[] = [
  ...opt("authority", "decision_maker",
    "sim", "sim sou eu", "sou eu", "sim sou eu 👍", "👍", "sou eu mesmo", "eu mesma", "quem assina sou eu",
    "eu que bato o martelo", "eu decido", "a decisão é minha", "sou o dono", "sou dona da empresa", "sou o diretor",
    "sou o CEO", "claro", "com certeza", "simmm", "ss", "isso", "sou o responsável", "eu q decido", "sim, eu",
    "sou o decisor", "sou o proprietário", "a empresa é minha", "decido sozinho", "eu que mando aqui kkk", "1",
    "Sim, sou o decisor", "sou eu que decido tudo aqui", "sim, sou o sócio-proprietário", "eu dou a palavra final",
  ),
  ...opt("authority", "influencer",
    "preciso ver com meu chefe", "decido junto com a diretoria", "participo", "eu e meu sócio", "junto com meu sócio",
    "não sou eu, é meu gerente", "tenho que falar com o dono", "depende da aprovação do financeiro", "ajudo na decisão",
    "em parte", "mais ou menos, decidimos em conjunto", "sou um dos sócios", "eu indico e o diretor aprova",
    "sim mas preciso consultar minha sócia", "eu levo pra diretoria", "quem decide é meu pai", "não decido sozinho",
    "faço parte da decisão", "participo da decisao", "2", "sou eu e minha esposa", "a decisão é em conjunto",
    "preciso da aprovação do meu chefe", "vou ver com o pessoal aqui",
  ),
  ...opt("authority", "researching",
    "só pesquisando", "apenas pesquisando", "to só olhando", "só dando uma olhada", "por curiosidade", "estou cotando",
    "pesquisando preços", "tô só conhecendo", "levantando informações", "3", "pesquisandoo", "só pesquizando",
    "comparando opções", "por enquanto só pesquisando mesmo", "so queria conhecer a ferramenta",
  ),
  ...invalid("authority", "não", "talvez", "depende", "asdfg", "kkkkk"),
];
