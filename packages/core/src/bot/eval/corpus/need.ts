import type { EvalCase } from "../case";

// "Qual é seu principal desafio hoje?" Keywords: vendas 10, qualificação 15, conversão 15, automação 10.
const need = (keywords: string[], ...texts: string[]): EvalCase[] => texts.map((text) => ({ step: "need", text, expect: { keywords } }));

export const needCases: EvalCase[] = [
  ...need(["vendas"], "vendas", "aumentar as vendas", "vender mais", "meus vendedores perdem muito tempo", "o faturamento caiu",
    "vendass", "preciso melhorar as vendas da loja", "pq tem mt lead e pouca venda", "nosso comercial não bate meta"),
  ...need(["qualificação"], "qualificar leads", "leads ruins", "muito curioso que não compra, perco tempo", "qualificaçao",
    "filtrar quem tá pronto pra comprar", "separar os curiosos dos compradores", "saber quais leads são quentes",
    "a qualificação dos contatos"),
  ...need(["conversão"], "converter mais", "minha taxa de conversão é baixa", "os clientes somem depois do orçamento",
    "não consigo fechar negócio", "conversao", "o pessoal pede orçamento e não fecha", "muita gente desiste no meio do caminho"),
  ...need(["automação"], "automatizar o atendimento", "automação", "tudo manual, queria automatizar", "automaçao",
    "automatisar o whats", "bot pra responder de madrugada", "chatbot", "robô de atendimento",
    "demoro muito pra responder os clientes no zap"),
  ...need(["vendas", "automação"], "preciso vender mais e automatizar o whatsapp", "automatizar as vendas"),
  ...need(["qualificação", "conversão"], "qualificação dos leads e conversão"),
  ...need(["vendas", "qualificação", "conversão", "automação"],
    "então, a gente tem uma loja de móveis planejados, recebe muito contato pelo insta e pelo whats, só que a maioria é curioso, pede orçamento e some, e meus vendedores ficam o dia todo respondendo na mão"),
  ...need(["qualificação", "automação"],
    "olha, hoje chega muito lead pelo site e pelo anúncio e a gente não sabe quem é bom, fica tudo numa planilha e alguém tem que ligar pra um por um, queria algo automático que separasse os bons"),
  ...need([], "nenhum", "não sei", "organizar a equipe", "crescer", "marketing", "gerar mais leads", "tráfego pago",
    "conversar com os clientes", "revender produtos", "to vendo umas opções", "contratar gente boa", "o aluguel tá caro"),
];
