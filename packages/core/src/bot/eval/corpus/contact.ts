import { invalid, type EvalCase } from "../case";

const name = (expected: string, ...texts: string[]): EvalCase[] => texts.map((text) => ({ step: "name", text, expect: { name: expected } }));
const email = (expected: string, ...texts: string[]): EvalCase[] => texts.map((text) => ({ step: "email", text, expect: { email: expected } }));
const skip = (...texts: string[]): EvalCase[] => texts.map((text) => ({ step: "email", text, expect: { skip: true } }));

export const nameCases: EvalCase[] = [
  ...name("Ana", "Ana", "ana"),
  ...name("Carlos", "Meu nome é Carlos", "me chamo Carlos"),
  ...name("Fernanda", "oi, sou a Fernanda", "Oi! Fernanda aqui"),
  ...name("Maria Clara", "Maria Clara"),
  ...name("Pedro", "é o Pedro"),
  ...name("Bia", "aqui é a Bia"),
  ...name("Rafael Souza", "Rafael Souza, da Souza Móveis"),
  ...name("Júlia", "me chamo Júlia 😊"),
  ...name("Roberto", "boa tarde! meu nome é Roberto"),
  ...name("Zé", "pode me chamar de Zé"),
  ...name("Camila", "oi tudo bem? Camila aqui", "Olá, bom dia. Camila"),
  ...name("Luiza", "Luiza."),
  ...name("Thiago", "sou o Thiago, da Padaria Central"),
  ...name("João Pedro", "joão pedro falando"),
  ...invalid("name", "oi", "bom dia", "quero saber o preço", "quanto custa?", "123", "ok", "tudo bem?", "quero um orçamento"),
];

export const emailCases: EvalCase[] = [
  ...email("ana@empresa.com.br", "ana@empresa.com.br", "Ana@Empresa.com.br"),
  ...email("joao.silva@gmail.com", "meu email é joao.silva@gmail.com", "joao.silva@gmail.com, pode mandar"),
  ...email("contato@padaria.com.br", "email: contato@padaria.com.br"),
  ...email("rafa_souza@hotmail.com", "é rafa_souza@hotmail.com 😉"),
  ...email("ana@gmail.com", "ana arroba gmail ponto com"),
  ...email("joao@gmail.com", "joao @ gmail.com"),
  ...email("maria@gmail.com", "maria@gmail,com"),
  ...skip("pular", "não tenho", "prefiro não passar", "pula essa", "sem email", "depois eu passo", "não uso email",
    "nao quero informar", "pode ser só o whats mesmo"),
  ...invalid("email", "ana@gmail", "meu email", "asdf"),
];
