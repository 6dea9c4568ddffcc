// Portuguese number words (normalize()'d). Units and teens, tens, hundreds; "mil"/"milhão" are
// multipliers handled by the parser.
export const UNITS: Record<string, number> = {
  zero: 0, um: 1, uma: 1, dois: 2, duas: 2, tres: 3, quatro: 4, cinco: 5, seis: 6, sete: 7, oito: 8, nove: 9,
  dez: 10, onze: 11, doze: 12, treze: 13, quatorze: 14, catorze: 14, quinze: 15, dezesseis: 16, dezasseis: 16,
  dezessete: 17, dezoito: 18, dezenove: 19,
};
export const TENS: Record<string, number> = {
  vinte: 20, trinta: 30, quarenta: 40, cinquenta: 50, cincoenta: 50, sessenta: 60, setenta: 70, oitenta: 80, noventa: 90,
};
export const HUNDREDS: Record<string, number> = {
  cem: 100, cento: 100, duzentos: 200, duzentas: 200, trezentos: 300, trezentas: 300, quatrocentos: 400, quatrocentas: 400,
  quinhentos: 500, quinhentas: 500, seiscentos: 600, seiscentas: 600, setecentos: 700, setecentas: 700,
  oitocentos: 800, oitocentas: 800, novecentos: 900, novecentas: 900,
};
export const MULTIPLIERS: Record<string, number> = {
  mil: 1e3, k: 1e3, milhao: 1e6, milhoes: 1e6, mi: 1e6, mio: 1e6, kk: 1e6, bi: 1e9, bilhao: 1e9, bilhoes: 1e9,
};
/** Slang for "reais": "500 conto", "3 mil pila", "2 pau". */
export const CURRENCY_WORDS = new Set(["reais", "real", "rs", "conto", "contos", "pila", "pilas", "pau", "paus", "reau", "brl", "dinheiro"]);
/** Counts that are not money: "5 funcionários", "30 dias". */
export const NON_MONEY_UNITS = new Set([
  "funcionario", "funcionarios", "pessoa", "pessoas", "colaborador", "colaboradores", "vendedor", "vendedores", "dia", "dias",
  "semana", "semanas", "mes", "meses", "ano", "anos", "hora", "horas", "minuto", "minutos", "loja", "lojas", "cliente", "clientes",
  "lead", "leads", "mensagem", "mensagens", "atendimento", "atendimentos", "usuario", "usuarios", "contato", "contatos",
  "unidade", "unidades", "filial", "filiais", "vez", "vezes", "kg", "km", "g", "m", "ml", "l", "anos", "porcento", "por cento",
  "pedido", "pedidos", "venda", "vendas", "produto", "produtos", "empresa", "empresas", "setor", "setores", "agente", "agentes",
]);
